// What a check is evaluated with: the cluster (through the narrow view), the learner's files and
// where things are in them, the language, and — for afterFault only — the simulator itself.
import type { SimulatedCluster } from '../cluster/cluster.js'
import type { StoredObject } from '../cluster/object.js'
import type { CheckKind } from '../course/course.js'
import { t, type Lang, type MessageKey } from '../course/i18n.js'
import { kindPrefix, resolveType } from '../kubectl/resolve.js'
import type { SourceIndex } from './source.js'
import type { Outcome } from './types.js'
import type { ClusterView } from './view.js'

export interface GradeContext {
  view: ClusterView
  lang: Lang
  sources: SourceIndex
  /** The exercise's files (workspace-relative), and how to read one (undefined when missing). */
  files: readonly string[]
  read: (path: string) => string | undefined
  /** The simulator, for checks that act on a copy of it (afterFault). */
  sim?: SimulatedCluster
  /** Evaluate another check (afterFault's `then`) against another view. */
  evaluate: (kind: CheckKind, args: Record<string, unknown>, view: ClusterView) => Outcome
}

export const msg = (ctx: { lang: Lang }, key: MessageKey, params: Record<string, string | number> = {}): string => t(ctx.lang, key, params)

/** `pod/web`, `deployment.apps/web`, with the namespace when it is not `default`. */
export function objectRef(type: string, name: string, namespace?: string): string {
  const t = resolveType(type)
  const ref = `${t ? kindPrefix(t) : type.toLowerCase()}/${name}`
  return namespace && namespace !== 'default' && t?.namespaced ? `${ref} -n ${namespace}` : ref
}

export const nsOf = (args: Record<string, unknown>): string => (typeof args.namespace === 'string' ? args.namespace : 'default')

/** The newest event about an object (Warning first when `warning`), as `Warning Reason: message`. */
export function lastEvent(view: ClusterView, obj: StoredObject, options: { reason?: string; warning?: boolean } = {}): StoredObject | undefined {
  const ns = obj.metadata?.namespace
  const uid = obj.metadata?.uid
  const about = view.events(ns).filter((e) => {
    const io = (e as { involvedObject?: { uid?: string; name?: string; kind?: string } }).involvedObject
    return io && (io.uid === uid || (io.name === obj.metadata?.name && io.kind === obj.kind))
  })
  const pick = about.filter((e) => (!options.reason || (e as { reason?: string }).reason === options.reason) && (!options.warning || (e as { type?: string }).type === 'Warning'))
  return pick.at(-1)
}

export function eventText(e: StoredObject | undefined): string {
  if (!e) return ''
  const ev = e as { type?: string; reason?: string; message?: string }
  return `${ev.type ?? 'Normal'} ${ev.reason ?? ''}: ${ev.message ?? ''}`
}
