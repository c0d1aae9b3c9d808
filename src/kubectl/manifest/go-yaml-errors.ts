// kubectl parses manifests with go-yaml v2 (through sigs.k8s.io/yaml); we parse with the `yaml`
// package. Where the two refuse the same document, this turns the `yaml` package's complaint into
// the words and line number go-yaml prints, so that a learner sees what real kubectl shows.
//
// go-yaml's line rule (yaml.go `fail`): a *scanner* error reports the 1-based line of the problem,
// a *parser* error the 0-based one (so one less), and "line N: " is left out when that is 0.
// Lines count from the start of the document: kubectl splits the stream at `---` first.
import type { LineCounter, YAMLError } from 'yaml'

export interface GoYamlError {
  /** Offset in the document where the problem was found, to order several. */
  readonly offset: number
  /** go-yaml's text: `yaml: line 8: did not find expected key`. */
  readonly message: string
}

const at = (line: number, what: string): string => (line > 0 ? `yaml: line ${line}: ${what}` : `yaml: ${what}`)
/** A scanner error: its line is 1-based, except that a problem on the first line gets none. */
const scannerAt = (line: number, what: string): string => at(line > 1 ? line : 0, what)

/** The first problem go-yaml would report, or undefined when go-yaml would accept the document. */
export function goYamlError(text: string, errors: readonly YAMLError[], lines: LineCounter): GoYamlError | undefined {
  const tab = tabError(text)
  const first = errors[0] ? fromYamlPackage(text, errors[0], lines) : undefined
  if (tab && (!first || tab.offset <= first.offset)) return tab
  return first
}

function fromYamlPackage(text: string, e: YAMLError, lines: LineCounter): GoYamlError {
  const offset = e.pos[0]
  const line = lines.linePos(offset).line // 1-based
  const m = e.message
  if (e.code === 'TAB_AS_INDENT') return tabAt(text, text.lastIndexOf('\n', offset - 1) + 1)
  // scan_flow_scalar runs into the end of the stream
  if (m.startsWith('Missing closing')) return { offset, message: scannerAt(eofLine(text, false), 'found unexpected end of stream') }
  // An unclosed flow collection runs into the end of the stream: the parser reports the 0-based
  // line of the stream-end token, which sits on a new line when the text does not end in one.
  const flowLine = offset >= text.trimEnd().length ? eofLine(text, true) - 1 : line - 1
  // The stream ending where a node must come (right after `[`, `{` or `,`): the parser wanted node content.
  const open = (m.startsWith('Flow map') || m.startsWith('Flow sequence')) && /[[{,]$/.test(withoutComments(text).trimEnd())
  if (open) return { offset, message: at(flowLine, 'did not find expected node content') }
  if (m.startsWith('Flow map')) return { offset, message: at(flowLine, "did not find expected ',' or '}'") }
  if (m.startsWith('Flow sequence')) return { offset, message: at(flowLine, "did not find expected ',' or ']'") }
  // A `:` where a simple key is no longer possible: the scanner stops at that colon.
  if (m.startsWith('Nested mappings')) return { offset, message: scannerAt(lineOfNextColon(text, offset), 'mapping values are not allowed in this context') }
  // A key without `:` goes stale when the scanner reaches the next token's line (stale_simple_keys).
  if (m.startsWith('Implicit map keys need to be followed')) return { offset, message: scannerAt(nextTokenLine(text, offset), "could not find expected ':'") }
  // Everything else is the parser finding a token where a mapping key should be.
  return { offset, message: at(line - 1, 'did not find expected key') }
}

/** The text with `#` comments that follow whitespace removed (enough to find the last token). */
const withoutComments = (text: string): string => text.replace(/(^|\s)#.*$/gm, '$1')

/**
 * go-yaml refuses a tab in the indentation of block YAML (the `yaml` package lets some through,
 * such as a line of only a tab). Inside a plain scalar that continues over lines it says the tab
 * "violates indentation"; where a new token should start, that no token starts with it.
 */
function tabError(text: string): GoYamlError | undefined {
  let offset = 0
  let blockParentIndent = -1 // inside a `|` or `>` scalar: content lines indented deeper than this
  for (const raw of text.split('\n')) {
    const indent = raw.length - raw.trimStart().length
    const blank = raw.trim() === ''
    if (blockParentIndent >= 0 && (blank || leadingSpaces(raw) > blockParentIndent)) {
      offset += raw.length + 1
      continue
    }
    blockParentIndent = -1
    if (raw.slice(0, indent).includes('\t')) return tabAt(text, offset)
    if (/(^|[:-]\s+)[|>][-+0-9]*\s*(#.*)?$/.test(raw.trimEnd())) blockParentIndent = leadingSpaces(raw)
    offset += raw.length + 1
  }
  return undefined
}

function tabAt(text: string, lineStart: number): GoYamlError {
  const line = text.slice(0, lineStart).split('\n').length
  const before = text.slice(0, lineStart).split('\n').slice(0, -1).reverse().find((l) => l.trim() !== '' && !l.trim().startsWith('#'))
  const what = before !== undefined && endsWithPlainScalar(before) ? 'found a tab character that violates indentation' : 'found character that cannot start any token'
  return { offset: lineStart, message: at(line, what) }
}

const leadingSpaces = (s: string): number => s.length - s.replace(/^ +/, '').length

/** `  name: web` or `- web`: a value go-yaml's scanner is still reading when the next line begins. */
function endsWithPlainScalar(line: string): boolean {
  const content = line.replace(/\s+#.*$/, '').trimEnd()
  const m = /^(?:\s*-\s+)*(?:[^:]*:\s+)?(.*)$/.exec(content.trimStart())
  const value = m?.[1] ?? ''
  return value !== '' && !content.endsWith(':') && !/^['"{[|>&*!]/.test(value)
}

/** The 1-based line of the first `: ` (or `:` at a line end) from `offset` on. */
function lineOfNextColon(text: string, offset: number): number {
  const re = /:(?=[ \t\n]|$)/g
  re.lastIndex = offset
  const m = re.exec(text)
  const at = m ? m.index : text.length
  return text.slice(0, at).split('\n').length
}

/** The 1-based line of the next line with content after the one holding `offset`, else the end. */
function nextTokenLine(text: string, offset: number): number {
  const lines = text.split('\n')
  const from = text.slice(0, offset).split('\n').length // 1-based line of offset
  for (let i = from; i < lines.length; i++) if (lines[i].trim() !== '') return i + 1
  return eofLine(text, true)
}

/**
 * The line go-yaml reports for the end of the stream (scanner errors are 1-based). Fetching the
 * stream end forces a new line when the text does not end in one (fetch_stream_end).
 */
function eofLine(text: string, streamEnd: boolean): number {
  const breaks = text.split('\n').length - 1
  return breaks + 1 + (streamEnd && !text.endsWith('\n') && text !== '' ? 1 : 0)
}
