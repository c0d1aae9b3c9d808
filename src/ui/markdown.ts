// Lesson text in the terminal: marked + marked-terminal, with the four fixes STACK.md lists:
// inline styles inside list items (snag 1), a local type declaration (snag 2, marked-terminal.d.ts),
// wrapping by display width so Chinese lines fit (snag 3), and no colour in tables when colour is off
// (snag 4). Both libraries cost ~200 ms to import, so they are loaded only when a lesson is rendered.
import type { MarkedExtension, Tokens } from 'marked'
import { hasWide, wrapWide } from './cjk-wrap.js'

export interface MarkdownOptions {
  /** Columns to wrap to. */
  width: number
  /** ANSI styles and highlighting (a terminal without NO_COLOR). */
  color: boolean
}

type RendererFn = (this: unknown, ...args: unknown[]) => string | false
const plain = (s: string): string => s

/** Styles that add nothing, for piped output and NO_COLOR (marked-terminal's own default is chalk). */
const NO_STYLES = Object.fromEntries(
  ['code', 'blockquote', 'html', 'heading', 'firstHeading', 'hr', 'listitem', 'table', 'paragraph', 'strong', 'em', 'codespan', 'del', 'link', 'href', 'text'].map(
    (k) => [k, plain],
  ),
)

/**
 * Without colour, headings and inline code would vanish into the text: underline headings as
 * Markdown's setext style does (= for the title, - below it) and keep the backticks of `code`.
 */
function plainMarks(width: (s: string) => number): Record<string, (s: string) => string> {
  const underline = (char: string) => (s: string) => `${s}\n${char.repeat(Math.max(...s.split('\n').map(width)))}`
  return { firstHeading: underline('='), heading: underline('-'), codespan: (s) => `\`${s}\`` }
}

const ANSI = /\u001b\[[0-9;]*m/g

/** Column widths that fit in `room`: the widest column gives way first, none below 6. */
export function fitColumns(widths: number[], room: number): number[] {
  const out = [...widths]
  for (let total = out.reduce((a, b) => a + b, 0); total > room; total--) {
    const widest = out.indexOf(Math.max(...out))
    if (out[widest] <= 6) break
    out[widest]--
  }
  return out
}

/** Code blocks that are not a programming language (diagrams, plain text) stay exactly as written. */
const VERBATIM = new Set(['', 'text', 'txt', 'plain', 'diagram', 'console', 'output'])

export async function renderMarkdown(markdown: string, o: MarkdownOptions): Promise<string> {
  const [{ Marked }, { markedTerminal }, { default: wrapAnsi }, { default: stringWidth }] = await Promise.all([
    import('marked'),
    import('marked-terminal'),
    import('wrap-ansi'),
    import('string-width'),
  ])
  const width = Math.max(20, o.width)
  // One object, shared with marked-terminal's renderer, so a table can be re-rendered narrower.
  const tableOptions: Record<string, unknown> = o.color ? {} : { style: { head: [], border: [] } }
  const terminal = markedTerminal({
    width,
    reflowText: false, // its reflow counts UTF-16 units, not columns (snag 3); we wrap below instead
    showSectionPrefix: false,
    tab: 4,
    emoji: false,
    tableOptions,
    ...(o.color ? {} : { ...NO_STYLES, ...plainMarks(stringWidth) }),
  })

  // Wrap a rendered block by display width; a bullet's continuation lines hang under its text.
  const wrapBlock = (block: string): string =>
    block
      .split('\n')
      .map((line) => {
        if (stringWidth(line) <= width) return line
        const lead = /^(\s*(?:[*•-]|\d+\.)?\s*)/.exec(line)?.[1] ?? ''
        const indent = ' '.repeat(stringWidth(lead))
        const text = line.slice(lead.length)
        const room = Math.max(10, width - indent.length)
        const body = hasWide(text) ? wrapWide(text, room, stringWidth) : wrapAnsi(text, room, { hard: true, trim: true }).split('\n')
        return body
          .map((l, i) => (i === 0 ? lead : indent) + l)
          .join('\n')
      })
      .join('\n')
  const renderer = terminal.renderer as unknown as Record<string, RendererFn>
  for (const name of ['paragraph', 'heading', 'list', 'blockquote']) {
    const inner = renderer[name]
    renderer[name] = function (this: unknown, ...args: unknown[]) {
      const out = inner.apply(this, args)
      return typeof out === 'string' ? wrapBlock(out) : out
    }
  }

  // A table wider than the screen is drawn again with narrower columns, its cells wrapped by word.
  const table = renderer.table
  renderer.table = function (this: unknown, ...args: unknown[]) {
    const out = table.apply(this, args)
    if (typeof out !== 'string') return out
    const top = out.replace(ANSI, '').split('\n').find((l) => l.startsWith('┌'))
    if (!top || stringWidth(top) <= width) return out
    const columns = top.slice(1, -1).split('┬').map((c) => c.length)
    Object.assign(tableOptions, { colWidths: fitColumns(columns, width - columns.length - 1), wordWrap: true })
    try {
      return table.apply(this, args)
    } finally {
      delete tableOptions.colWidths
      delete tableOptions.wordWrap
    }
  }

  const fixes: MarkedExtension = {
    renderer: {
      // Snag 1: marked-terminal prints **bold** and `code` raw inside list items; parse them.
      text(token: Tokens.Text | Tokens.Escape) {
        return 'tokens' in token && token.tokens ? this.parser.parseInline(token.tokens) : false
      },
      // Diagrams and plain blocks: no highlighting (highlight.js would guess a language and colour them).
      code(token: Tokens.Code) {
        if (o.color && !VERBATIM.has((token.lang ?? '').trim())) return false
        const body = token.text.replace(/\t/g, '    ').split('\n').map((l) => (l === '' ? '' : `    ${l}`)).join('\n')
        return `${body}\n\n`
      },
    },
  }
  const marked = new Marked()
  marked.use(terminal, fixes)
  const out = await marked.parse(markdown)
  return `${out.replace(/\n{3,}/g, '\n\n').trimEnd()}\n`
}
