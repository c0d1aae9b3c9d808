// The part of POSIX sh that container commands use: `;` and newlines, `&&`, `||`, `while`/`until`,
// `if`, `for`, `{ ...; }`, `( ... )` subshells, `&` background lists, quotes and `$VAR` / `${VAR}` / `$?`.
// Parsed into a small tree that shell.ts evaluates against virtual time. Pipes and redirections are not modelled.

export type Segment = { readonly text: string; readonly quote: 'none' | 'single' | 'double' }
export type Word = readonly Segment[]

export type Command =
  | { readonly kind: 'simple'; readonly words: readonly Word[] }
  | { readonly kind: 'while'; readonly until: boolean; readonly cond: List; readonly body: List }
  | { readonly kind: 'if'; readonly branches: readonly { cond: List; body: List }[]; readonly orElse?: List }
  | { readonly kind: 'for'; readonly name: string; readonly items: readonly Word[]; readonly body: List }
  | { readonly kind: 'group'; readonly body: List }
  /** `( list )`: run in a forked copy of the shell, which the shell waits for. */
  | { readonly kind: 'subshell'; readonly body: List }

export interface AndOr {
  readonly first: Command
  readonly rest: readonly { readonly op: '&&' | '||'; readonly command: Command }[]
  /** Ended by `&`: an asynchronous list, run in a forked child the shell does not wait for. */
  readonly background?: true
}
export type List = readonly AndOr[]

type Token = { kind: 'word'; word: Word; raw: string } | { kind: 'op'; op: ';' | '&&' | '||' | '|' | '&' | '(' | ')' }

/** `expecting` is set when the script ended before a keyword it needs (`done`, `fi`, ...). */
export class ShellSyntaxError extends Error {
  constructor(message: string, readonly expecting?: string) {
    super(message)
  }
}

function tokenize(script: string): Token[] {
  const tokens: Token[] = []
  let i = 0
  while (i < script.length) {
    const c = script[i]
    if (c === ' ' || c === '\t') { i++; continue }
    if (c === '\n' || c === ';') { tokens.push({ kind: 'op', op: ';' }); i++; continue }
    if (c === '(' || c === ')') { tokens.push({ kind: 'op', op: c }); i++; continue }
    if (c === '#') { while (i < script.length && script[i] !== '\n') i++; continue }
    if (c === '&' || c === '|') {
      if (script[i + 1] === c) { tokens.push({ kind: 'op', op: c === '&' ? '&&' : '||' }); i += 2 }
      else { tokens.push({ kind: 'op', op: c }); i++ }
      continue
    }
    const word: Segment[] = []
    let raw = ''
    let plain = ''
    const flush = (): void => { if (plain) word.push({ text: plain, quote: 'none' }); plain = '' }
    while (i < script.length && !' \t\n;&|()'.includes(script[i])) {
      const ch = script[i]
      if (ch === "'") {
        const end = script.indexOf("'", i + 1)
        if (end < 0) throw new ShellSyntaxError('unterminated quoted string')
        flush()
        word.push({ text: script.slice(i + 1, end), quote: 'single' })
        raw += script.slice(i, end + 1)
        i = end + 1
      } else if (ch === '"') {
        let j = i + 1
        let text = ''
        while (j < script.length && script[j] !== '"') {
          if (script[j] === '\\' && '"\\$`'.includes(script[j + 1] ?? '')) { text += script[j + 1]; j += 2 }
          else text += script[j++]
        }
        if (j >= script.length) throw new ShellSyntaxError('unterminated quoted string')
        flush()
        word.push({ text, quote: 'double' })
        raw += script.slice(i, j + 1)
        i = j + 1
      } else if (ch === '\\' && i + 1 < script.length) {
        flush()
        word.push({ text: script[i + 1], quote: 'single' })
        raw += script.slice(i, i + 2)
        i += 2
      } else {
        plain += ch
        raw += ch
        i++
      }
    }
    flush()
    tokens.push({ kind: 'word', word, raw })
  }
  return tokens
}

const RESERVED = new Set(['do', 'done', 'then', 'elif', 'else', 'fi', '}', 'in'])

/** Parse a `sh -c` script. Throws ShellSyntaxError (shell.ts turns it into exit status 2). */
export function parseScript(script: string): List {
  const tokens = tokenize(script)
  let pos = 0
  const peekWord = (): string | undefined => {
    const t = tokens[pos]
    return t?.kind === 'word' ? t.raw : undefined
  }
  const atOp = (op: string): boolean => tokens[pos]?.kind === 'op' && (tokens[pos] as { op: string }).op === op
  const skipSeparators = (): void => {
    while (tokens[pos]?.kind === 'op' && (tokens[pos] as { op: string }).op === ';') pos++
  }
  const expect = (keyword: string): void => {
    skipSeparators()
    if (pos >= tokens.length) throw new ShellSyntaxError(`syntax error: end of file unexpected (expecting "${keyword}")`, keyword)
    if (peekWord() !== keyword) throw new ShellSyntaxError(`syntax error: expected "${keyword}"`)
    pos++
  }
  function list(terminators: ReadonlySet<string>): List {
    const out: AndOr[] = []
    for (;;) {
      skipSeparators()
      const w = peekWord()
      if (pos >= tokens.length || (w !== undefined && terminators.has(w)) || atOp(')')) return out
      out.push(andOr())
    }
  }
  function andOr(): AndOr {
    const first = command()
    const rest: { op: '&&' | '||'; command: Command }[] = []
    for (;;) {
      const t = tokens[pos]
      if (t?.kind !== 'op') break
      if (t.op === '&') { pos++; return { first, rest, background: true } }
      if (t.op === '|' || t.op === '(') throw new ShellSyntaxError(`"${t.op}" is not modelled`)
      if (t.op === ';' || t.op === ')') break
      pos++
      while (tokens[pos]?.kind === 'op' && (tokens[pos] as { op: string }).op === ';') pos++ // newline after && is allowed
      rest.push({ op: t.op, command: command() })
    }
    return { first, rest }
  }
  function command(): Command {
    const w = peekWord()
    if (w === 'while' || w === 'until') {
      pos++
      const cond = list(new Set(['do']))
      expect('do')
      const body = list(new Set(['done']))
      expect('done')
      return { kind: 'while', until: w === 'until', cond, body }
    }
    if (w === 'if') {
      pos++
      const branches: { cond: List; body: List }[] = []
      let orElse: List | undefined
      for (;;) {
        const cond = list(new Set(['then']))
        expect('then')
        const body = list(new Set(['elif', 'else', 'fi']))
        branches.push({ cond, body })
        skipSeparators()
        const next = peekWord()
        pos++
        if (next === 'elif') continue
        if (next === 'else') { orElse = list(new Set(['fi'])); expect('fi') }
        else if (next !== 'fi') throw new ShellSyntaxError('syntax error: expected "fi"')
        return { kind: 'if', branches, orElse }
      }
    }
    if (w === 'for') {
      pos++
      const name = peekWord()
      if (!name) throw new ShellSyntaxError('syntax error: bad for loop variable')
      pos++
      const items: Word[] = []
      if (peekWord() === 'in') {
        pos++
        while (tokens[pos]?.kind === 'word') items.push((tokens[pos++] as { word: Word }).word)
      }
      expect('do')
      const body = list(new Set(['done']))
      expect('done')
      return { kind: 'for', name, items, body }
    }
    if (atOp('(')) {
      pos++
      const body = list(new Set())
      if (!atOp(')')) throw new ShellSyntaxError('syntax error: end of file unexpected (expecting ")")', ')')
      pos++
      return { kind: 'subshell', body }
    }
    if (w === '{') {
      pos++
      const body = list(new Set(['}']))
      expect('}')
      return { kind: 'group', body }
    }
    if (w !== undefined && RESERVED.has(w)) throw new ShellSyntaxError(`syntax error: unexpected "${w}"`)
    const words: Word[] = []
    while (tokens[pos]?.kind === 'word') words.push((tokens[pos++] as { word: Word }).word)
    if (words.length === 0) throw new ShellSyntaxError('syntax error: unexpected operator')
    return { kind: 'simple', words }
  }
  const result = list(new Set())
  if (pos < tokens.length) throw new ShellSyntaxError('syntax error')
  return result
}

/** Expand a word: `$NAME`, `${NAME}`, `$?` in unquoted and double-quoted parts; unquoted results split on blanks. */
export function expandWord(word: Word, vars: (name: string) => string): string[] {
  const fields: string[] = []
  let current = ''
  let has = false
  for (const seg of word) {
    if (seg.quote === 'single') { current += seg.text; has = true; continue }
    const text = seg.text.replace(/\$(\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*)|\?)/g, (_m, _all, braced?: string, bare?: string) =>
      vars(braced ?? bare ?? '?'),
    )
    if (seg.quote === 'double') { current += text; has = true; continue }
    const parts = text.split(/[ \t\n]+/)
    parts.forEach((p, i) => {
      if (i > 0 && (has || current)) { fields.push(current); current = ''; has = false }
      current += p
      if (p) has = true
    })
  }
  if (has || current) fields.push(current)
  return fields
}
