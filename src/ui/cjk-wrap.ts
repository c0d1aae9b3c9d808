// Wrapping for text with Chinese in it. Chinese has no spaces between words: a line may break
// between any two characters, except that closing punctuation (，。：；、）」” …) never starts a line
// and opening punctuation (（「“) never ends one — the line-breaking rules (禁则) of Chinese typesetting.
// wrap-ansi breaks only at spaces, so a Chinese paragraph would come out as one long hard-cut word.

const ANSI = /^\x1b\[[0-9;]*m/
const WIDE = /[\u1100-\u115F\u2E80-\u303E\u3041-\u33FF\u3400-\u4DBF\u4E00-\u9FFF\uA000-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/
const TOKEN = /\x1b\[[0-9;]*m|\s+|[\u1100-\u115F\u2E80-\u303E\u3041-\u33FF\u3400-\u4DBF\u4E00-\u9FFF\uA000-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]|[^\s\x1b\u1100-\u115F\u2E80-\u303E\u3041-\u33FF\u3400-\u4DBF\u4E00-\u9FFF\uA000-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]+/g

/** Characters that may not begin a line. */
const NO_START = new Set([...'，。、：；！？）」』】》〉”’…—～·,.;:!?)]}%'])
/** Characters that may not end a line. */
const NO_END = new Set([...'（「『【《〈“‘([{'])

export function hasWide(text: string): boolean {
  return WIDE.test(text)
}

/**
 * Wrap one line to `width` columns (display width by `measure`), breaking at spaces and between
 * wide characters; ANSI colour codes take no room. Spaces at a break are dropped.
 */
export function wrapWide(line: string, width: number, measure: (s: string) => number): string[] {
  const tokens = line.match(TOKEN) ?? []
  const lines: string[] = []
  let current = ''
  let used = 0
  let pendingSpace = ''
  const breakLine = (): void => {
    lines.push(current)
    current = ''
    used = 0
    pendingSpace = ''
  }
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]
    if (ANSI.test(token)) {
      current += token
      continue
    }
    if (/^\s+$/.test(token)) {
      if (used > 0) pendingSpace = ' '
      continue
    }
    // An opening mark travels with what follows it; a closing mark stays with what precedes it.
    let unit = token
    while (NO_END.has(unit.at(-1) ?? '') && i + 1 < tokens.length && !/^\s+$/.test(tokens[i + 1]) && !ANSI.test(tokens[i + 1])) unit += tokens[++i]
    while (i + 1 < tokens.length && NO_START.has(tokens[i + 1][0]) && measure(tokens[i + 1]) <= 2) unit += tokens[++i]
    const w = measure(unit)
    const space = pendingSpace ? 1 : 0
    if (used > 0 && used + space + w > width) breakLine()
    if (used > 0 && pendingSpace) {
      current += pendingSpace
      used += 1
    }
    pendingSpace = ''
    current += unit
    used += w
  }
  if (current !== '' || lines.length === 0) lines.push(current)
  return lines
}
