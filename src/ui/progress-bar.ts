// The course's progress as a bar, as rustlings draws it: `[#########>----------]  7/24 exercises`.
import { t, type Lang } from '../course/i18n.js'

/** A bar `width` columns wide (brackets included) for `done` of `total`. */
export function progressBar(done: number, total: number, width = 40): string {
  const inner = Math.max(width - 2, 1)
  const filled = total === 0 ? 0 : Math.floor((done / total) * inner)
  if (filled >= inner) return `[${'#'.repeat(inner)}]`
  // The arrow marks where the learner is, unless nothing is done yet.
  const head = filled > 0 ? `${'#'.repeat(filled - 1)}>` : ''
  return `[${head}${'-'.repeat(inner - head.length)}]`
}

/** `Progress: [####>-----]  7/24 exercises` (or its Chinese), fitted to `columns`. */
export function progressLine(done: number, total: number, lang: Lang, columns = 80): string {
  const label = `${t(lang, 'list.progress')}${lang === 'zh' ? '：' : ': '}`
  const count = t(lang, 'home.progress', { done, total })
  // Leave room for the label and the count (both short); never narrower than 12 columns.
  const width = Math.max(12, Math.min(60, columns - 30))
  return `${label}${progressBar(done, total, width)}  ${count}`
}
