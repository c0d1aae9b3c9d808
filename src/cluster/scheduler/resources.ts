// Pod requests and node allocatable as the scheduler counts them: cpu in millicores, everything
// else in whole units, rounded up (Quantity.MilliValue / Quantity.Value). The rules are
// k8s.io/component-helpers resource.PodRequests (1.32): containers add up, an init container
// counts on its own (max rule) except restartable ones (sidecars), which stay for the pod's life;
// the pod overhead is added on top.
import type { Container, Node, Pod } from 'kubernetes-types/core/v1.js'
import { quantity, quantityMilliValue, quantityValue } from '../quantity.js'
import { NONE, own } from '../empty.js'

export interface Resources {
  milliCPU: number
  memory: number
  ephemeralStorage: number
  /** Extended resources and hugepages (framework.Resource.ScalarResources). */
  scalar: Record<string, number>
}

/** What a container without a request counts for in scoring (schedutil.DefaultMilliCPURequest, DefaultMemoryRequest). */
export const DEFAULT_MILLI_CPU_REQUEST = 100
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024

export const emptyResources = (): Resources => ({ milliCPU: 0, memory: 0, ephemeralStorage: 0, scalar: NONE })

type ResourceList = Readonly<Record<string, string | number>> | undefined

const parsed = new Map<string, { milli: number; value: number }>()


/** Milli-units and units of a quantity, each rounded up as upstream's MilliValue and Value. */
function amounts(q: string | number): { milli: number; value: number } {
  const text = String(q)
  let hit = parsed.get(text)
  if (!hit) {
    const q = quantity(text)
    hit = { milli: Number(quantityMilliValue(q)), value: Number(quantityValue(q)) }
    if (parsed.size < 10_000) parsed.set(text, hit)
  }
  return hit
}

/** v1helper.IsScalarResourceName: extended resources, hugepages-*, attachable-volumes-*. */
export function isScalarResourceName(name: string): boolean {
  if (name.startsWith('hugepages-') || name.startsWith('attachable-volumes-')) return true
  return name.includes('/') && !name.startsWith('kubernetes.io/') && !name.startsWith('requests.')
}

/** framework.Resource.Add: cpu, memory, ephemeral-storage and scalar resources ("pods" is not a request). */
function add(into: Resources, list: ResourceList): void {
  for (const [name, q] of Object.entries(list ?? {})) {
    if (name === 'cpu') into.milliCPU += amounts(q).milli
    else if (name === 'memory') into.memory += amounts(q).value
    else if (name === 'ephemeral-storage') into.ephemeralStorage += amounts(q).value
    else if (isScalarResourceName(name)) own(into, 'scalar')[name] = (into.scalar[name] ?? 0) + amounts(q).value
  }
}

function addResources(into: Resources, r: Resources): void {
  into.milliCPU += r.milliCPU
  into.memory += r.memory
  into.ephemeralStorage += r.ephemeralStorage
  for (const [k, v] of Object.entries(r.scalar)) own(into, 'scalar')[k] = (into.scalar[k] ?? 0) + v
}

function maxResources(into: Resources, r: Resources): void {
  into.milliCPU = Math.max(into.milliCPU, r.milliCPU)
  into.memory = Math.max(into.memory, r.memory)
  into.ephemeralStorage = Math.max(into.ephemeralStorage, r.ephemeralStorage)
  for (const [k, v] of Object.entries(r.scalar)) own(into, 'scalar')[k] = Math.max(into.scalar[k] ?? 0, v)
}

/** One container's requests; with `nonZero`, a missing cpu/memory request counts 100m / 200Mi (applyNonMissing). */
function containerRequests(c: Container, nonZero: boolean): Resources {
  const r = emptyResources()
  const requests = c.resources?.requests as ResourceList
  add(r, requests)
  if (nonZero) {
    if (requests?.cpu === undefined) r.milliCPU += DEFAULT_MILLI_CPU_REQUEST
    if (requests?.memory === undefined) r.memory += DEFAULT_MEMORY_REQUEST
  }
  return r
}

/** resource.PodRequests(pod, opts), with NonMissingContainerRequests when `nonZero`. */
export function podRequests(pod: Pod, nonZero = false): Resources {
  const spec = pod.spec
  const reqs = emptyResources()
  for (const c of spec?.containers ?? []) addResources(reqs, containerRequests(c, nonZero))
  const sidecars = emptyResources()
  const initMax = emptyResources()
  for (const c of spec?.initContainers ?? []) {
    const own = containerRequests(c, nonZero)
    if (c.restartPolicy === 'Always') {
      // A sidecar runs alongside the app containers, and under every init container after it.
      addResources(reqs, own)
      addResources(sidecars, own)
      maxResources(initMax, sidecars)
    } else {
      const during = emptyResources()
      addResources(during, own)
      addResources(during, sidecars)
      maxResources(initMax, during)
    }
  }
  maxResources(reqs, initMax)
  add(reqs, spec?.overhead as ResourceList)
  return reqs
}

export interface Allocatable extends Resources {
  /** allocatable "pods" (AllowedPodNumber). */
  pods: number
}

export function nodeAllocatable(node: Node): Allocatable {
  const list = node.status?.allocatable as ResourceList
  const r = emptyResources()
  add(r, list)
  return { ...r, pods: list?.pods === undefined ? 0 : amounts(list.pods).value }
}

export { addResources }
