// marked-terminal ships no types that fit marked 18 (@types/marked-terminal is stale: it pulls a
// second marked and types the result as a renderer, STACK.md snag 2), so the part we use is declared here.
declare module 'marked-terminal' {
  import type { MarkedExtension } from 'marked'
  export function markedTerminal(options?: Record<string, unknown>, highlightOptions?: Record<string, unknown>): MarkedExtension
}
