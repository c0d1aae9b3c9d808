// One copy of texts that many stored objects repeat: event messages (`Pulling image "nginx:1.27"`,
// `Started container main` for every pod of a Deployment), field paths. Every copy made by a
// template literal is a string of its own; interned, thousands of events share one. Only identity
// changes, never a value. The table is bounded: when full it starts again (a text still in use keeps
// its copies; new ones share anew), so rare texts cannot pile up in it.
import { flat } from './flat-string.js'

export class Interner {
  readonly #texts = new Map<string, string>()

  constructor(private readonly limit = 20_000) {}

  /** The copy of `text` kept, or `text` itself (made flat), which is kept from now on. */
  intern(text: string): string {
    const kept = this.#texts.get(text)
    if (kept !== undefined) return kept
    if (this.#texts.size >= this.limit) this.#texts.clear()
    this.#texts.set(flat(text), text)
    return text
  }
}
