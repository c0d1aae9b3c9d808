// Matching a node: nodeSelector and node affinity terms (k8s.io/component-helpers
// scheduling/corev1/nodeaffinity), taints and tolerations (pkg/apis/core/v1/helper).
import type { Node, NodeSelectorRequirement, NodeSelectorTerm, Pod, PreferredSchedulingTerm, Taint, Toleration } from 'kubernetes-types/core/v1.js'

type Labels = Readonly<Record<string, string>>

/** One requirement on labels (nodeSelectorRequirementsAsSelector); undefined when it does not parse. */
type Matcher = (labels: Labels) => boolean

const INTEGER = /^[+-]?\d+$/

function labelMatcher(r: NodeSelectorRequirement): Matcher | undefined {
  const values = r.values ?? []
  const has = (l: Labels): boolean => Object.prototype.hasOwnProperty.call(l, r.key)
  switch (r.operator) {
    case 'In':
      return values.length === 0 ? undefined : (l) => has(l) && values.includes(l[r.key])
    case 'NotIn':
      return values.length === 0 ? undefined : (l) => !has(l) || !values.includes(l[r.key])
    case 'Exists':
      return values.length > 0 ? undefined : has
    case 'DoesNotExist':
      return values.length > 0 ? undefined : (l) => !has(l)
    case 'Gt':
    case 'Lt': {
      // Exactly one integer value; a label that is not an integer does not match.
      if (values.length !== 1 || !INTEGER.test(values[0])) return undefined
      const bound = Number(values[0])
      const gt = r.operator === 'Gt'
      return (l) => has(l) && INTEGER.test(l[r.key]) && (gt ? Number(l[r.key]) > bound : Number(l[r.key]) < bound)
    }
    default:
      return undefined
  }
}

/** matchFields: only `metadata.name` exists as a node field; In / NotIn with exactly one value. */
function fieldMatcher(r: NodeSelectorRequirement): Matcher | undefined {
  const values = r.values ?? []
  if (values.length !== 1 || (r.operator !== 'In' && r.operator !== 'NotIn')) return undefined
  const want = r.operator === 'In'
  return (fields) => (fields[r.key] === values[0]) === want
}

/** A parsed term; `undefined` entries never match (a term with a parse error is skipped, LazyErrorNodeSelector). */
type Term = ((labels: Labels, fields: Labels) => boolean) | undefined

function parseTerm(t: NodeSelectorTerm): Term | null {
  const exprs = t.matchExpressions ?? []
  const fields = t.matchFields ?? []
  if (exprs.length === 0 && fields.length === 0) return null // an empty term selects nothing
  const lm = exprs.map(labelMatcher)
  const fm = fields.map(fieldMatcher)
  if (lm.includes(undefined) || fm.includes(undefined)) return undefined
  return (labels, nodeFields) => lm.every((m) => m!(labels)) && fm.every((m) => m!(nodeFields))
}

export interface NodeMatcher {
  matches(node: Node): boolean
}

/** nodeaffinity.GetRequiredNodeAffinity(pod): spec.nodeSelector AND the required node affinity terms (ORed). */
export function requiredNodeAffinity(pod: Pod): NodeMatcher {
  const selector = Object.entries(pod.spec?.nodeSelector ?? {})
  const required = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution
  const terms = required ? required.nodeSelectorTerms.map(parseTerm).filter((t): t is Exclude<Term, undefined> => t != null) : undefined
  // Most pods have neither: every node matches (asked for every node of every cycle).
  if (selector.length === 0 && !terms) return EVERY_NODE
  return {
    matches(node) {
      const labels = node.metadata?.labels ?? {}
      for (const [k, v] of selector) if (labels[k] !== v) return false
      if (!terms) return true
      const fields = { 'metadata.name': node.metadata?.name ?? '' }
      return terms.some((t) => t(labels, fields))
    },
  }
}

const EVERY_NODE: NodeMatcher = { matches: () => true }

/** The pod's preferred node affinity (PreferredSchedulingTerms); undefined when it has none (PreScore skips). */
export function preferredNodeAffinity(pod: Pod): ((node: Node) => number) | undefined {
  const preferred: readonly PreferredSchedulingTerm[] | undefined = pod.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution
  if (preferred === undefined) return undefined
  const terms = preferred
    .filter((t) => t.weight !== 0 && ((t.preference.matchExpressions?.length ?? 0) > 0 || (t.preference.matchFields?.length ?? 0) > 0))
    .map((t) => ({ weight: t.weight, match: parseTerm(t.preference) }))
  return (node) => {
    const labels = node.metadata?.labels ?? {}
    const fields = { 'metadata.name': node.metadata?.name ?? '' }
    let sum = 0
    for (const t of terms) if (t.match && t.match(labels, fields)) sum += t.weight
    return sum
  }
}

/**
 * Node names a pod's required affinity pins it to (NodeAffinity PreFilter): each term's
 * `metadata.name In` values, intersected within a term and united across terms; undefined when
 * some term does not restrict the name (then every node is eligible).
 */
export function affinityNodeNames(pod: Pod): Set<string> | undefined {
  const terms = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? []
  if (terms.length === 0) return undefined
  let names: Set<string> | undefined
  for (const t of terms) {
    let termNames: Set<string> | undefined
    for (const r of t.matchFields ?? []) {
      if (r.key !== 'metadata.name' || r.operator !== 'In') continue
      const s = new Set(r.values ?? [])
      termNames = termNames ? new Set([...termNames].filter((n) => s.has(n))) : s
    }
    if (!termNames) return undefined
    names = new Set([...(names ?? []), ...termNames])
  }
  return names
}

/** Toleration.ToleratesTaint (1.32: operators Equal and Exists). */
export function toleratesTaint(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false
  if (t.key && t.key !== taint.key) return false
  switch (t.operator ?? '') {
    case '':
    case 'Equal':
      return (t.value ?? '') === (taint.value ?? '')
    case 'Exists':
      return true
    default:
      return false
  }
}

export const tolerates = (tolerations: readonly Toleration[], taint: Taint): boolean => tolerations.some((t) => toleratesTaint(t, taint))

/** The first NoSchedule/NoExecute taint no toleration covers (FindMatchingUntoleratedTaint with DoNotScheduleTaintsFilterFunc). */
export function untoleratedTaint(node: Node, tolerations: readonly Toleration[]): Taint | undefined {
  return untoleratedTaintOf(node.spec?.taints, tolerations)
}

/** untoleratedTaint over a node's taints (spec.taints). */
export function untoleratedTaintOf(taints: readonly Taint[] | null | undefined, tolerations: readonly Toleration[]): Taint | undefined {
  if (!taints) return undefined
  for (const taint of taints) {
    if (taint.effect !== 'NoSchedule' && taint.effect !== 'NoExecute') continue
    if (!tolerates(tolerations, taint)) return taint
  }
  return undefined
}
