// Where things are in the learner's files: each manifest document with its kind, name and
// namespace, and the line of any field in it (from `yaml`'s positions), so a failed check can say
// `pod.yaml:12` instead of leaving the learner to search.
import { isMap, isSeq, LineCounter, parseAllDocuments, type Document } from 'yaml'

export interface Where {
  file: string
  line: number
}

interface SourceDoc {
  file: string
  doc: Document
  lines: LineCounter
  kind?: string
  name?: string
  namespace?: string
}

/** A path into an object: field names and list indexes. */
export type FieldPath = (string | number)[]

export class SourceIndex {
  readonly #docs: SourceDoc[] = []
  /** The first YAML problem of each file that has one (absolute 1-based line). */
  readonly parseErrors = new Map<string, Where & { message: string }>()

  /** Index a learner's file (workspace-relative `file`). Never throws: a broken file is remembered. */
  add(file: string, text: string): void {
    const lines = new LineCounter()
    let docs: Document[]
    try {
      docs = parseAllDocuments(text, { lineCounter: lines, prettyErrors: false }) as Document[]
    } catch {
      return
    }
    if (!Array.isArray(docs)) return
    for (const doc of docs) {
      const e = doc.errors[0]
      if (e && !this.parseErrors.has(file)) this.parseErrors.set(file, { file, line: lines.linePos(e.pos[0]).line, message: e.message.split('\n')[0] })
      if (doc.errors.length > 0) continue
      const value = doc.toJSON() as Record<string, unknown> | null
      const meta = (value?.metadata ?? {}) as Record<string, unknown>
      this.#docs.push({
        file,
        doc,
        lines,
        kind: typeof value?.kind === 'string' ? value.kind : undefined,
        name: typeof meta.name === 'string' ? meta.name : undefined,
        namespace: typeof meta.namespace === 'string' ? meta.namespace : undefined,
      })
    }
  }

  /** The document that defines this object (kind case-insensitive; a missing namespace matches `default`). */
  #find(kind: string, name: string, namespace?: string): SourceDoc | undefined {
    const k = kind.toLowerCase()
    return this.#docs.find(
      (d) => d.kind?.toLowerCase() === k && d.name === name && (namespace === undefined || (d.namespace ?? 'default') === namespace),
    )
  }

  /** Did the learner's files define this object? */
  defines(kind: string, name: string, namespace?: string): boolean {
    return this.#find(kind, name, namespace) !== undefined
  }

  /**
   * The line of `path` in the learner's definition of the object: of the deepest part of the path
   * that is written there (the field itself, or the nearest parent), else of the object.
   */
  locate(kind: string, name: string, namespace: string | undefined, path: FieldPath = []): Where | undefined {
    const d = this.#find(kind, name, namespace)
    if (!d) return undefined
    let node: unknown = d.doc.contents
    let line = lineOf(d, node) ?? 1
    for (const key of path) {
      let next: unknown
      let keyNode: unknown
      if (typeof key === 'number' && isSeq(node)) next = node.items[key]
      else if (isMap(node)) {
        const pair = node.items.find((p) => String((p.key as { value?: unknown })?.value ?? p.key) === String(key))
        next = pair?.value
        keyNode = pair?.key
      }
      if (next === undefined || next === null) break
      line = lineOf(d, keyNode ?? next) ?? line
      node = next
    }
    return { file: d.file, line }
  }

  /** The line of the field named by a Kubernetes error's field path (`spec.containers[0].image`). */
  locateField(kind: string, name: string, namespace: string | undefined, field: string): Where | undefined {
    return this.locate(kind, name, namespace, parseFieldPath(field))
  }
}

function lineOf(d: SourceDoc, node: unknown): number | undefined {
  const range = (node as { range?: [number, number, number] } | undefined)?.range
  return range ? d.lines.linePos(range[0]).line : undefined
}

/** `spec.containers[0].image`, `.spec.x`, `{.status.phase}` → ['spec', 'containers', 0, 'image']; undefined for filters and wildcards. */
export function parseFieldPath(text: string): FieldPath {
  const inner = text.trim().replace(/^\{(.*)\}$/s, '$1').replace(/^\$/, '')
  const out: FieldPath = []
  for (const m of inner.matchAll(/\.?([^.[\]]+)|\[(\d+)\]|\[['"]([^'"]+)['"]\]/g)) {
    if (m[2] !== undefined) out.push(Number(m[2]))
    else if (m[3] !== undefined) out.push(m[3])
    else if (m[1] !== undefined) out.push(m[1])
  }
  return out
}
