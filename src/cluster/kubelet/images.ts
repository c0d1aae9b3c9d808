// The kubelet's image manager (pkg/kubelet/images/image_manager.go EnsureImageExists) over this
// node's containerd: the pull policy decides whether to pull, a failed pull backs off per (pod,
// image) 10 s doubling to 5 min, and pulls on one node are serial (serializeImagePulls, default
// true), so a pull waits for the ones before it; the Pulled event tells both times apart.
import type { Container } from 'kubernetes-types/core/v1.js'
import type { Millis } from '../clock.js'
import { lookupImage, pullDuration, pulledMessage, type PulledImage } from '../runtime/images.js'
import { parseImageReference } from '../runtime/reference.js'
import { isInBackOffSinceUpdate, nextBackoff } from './backoff.js'
import { fieldPathOf, podEvent, type SyncContext } from './context.js'
import type { PodOperation } from './types.js'
import { own } from '../empty.js'

export type EnsureResult =
  | { kind: 'ready'; image: PulledImage }
  /** A pull is under way: the pod worker waits for it. */
  | { kind: 'pulling'; op: PodOperation }
  /** The reason and message went to the reason cache; the events are recorded. */
  | { kind: 'failed' }

/** The pause image is on every node (kubeadm pulls it before the node joins). */
export const PAUSE_IMAGE = 'registry.k8s.io/pause:3.10'

function fail(ctx: SyncContext, c: Container, init: boolean, reason: string, message: string): EnsureResult {
  // kuberuntime startContainer: `Error: <the error's name>` after the image manager's own event.
  podEvent(ctx, 'Warning', 'Failed', `Error: ${reason}`, fieldPathOf(c.name, init))
  own(ctx.rt, 'reasons')[c.name] = { reason, message }
  ctx.failed = true
  return { kind: 'failed' }
}

export function isImagePresent(ctx: SyncContext, canonical: string): boolean {
  const record = ctx.state.images[canonical]
  return !!record && record.presentAt <= ctx.now
}

export function ensureImageExists(ctx: SyncContext, c: Container, init: boolean): EnsureResult {
  const image = c.image ?? ''
  const fieldPath = fieldPathOf(c.name, init)
  const ref = parseImageReference(image)
  if (!ref.ok) {
    podEvent(ctx, 'Warning', 'InspectFailed', ref.error, fieldPath)
    return fail(ctx, c, init, 'InvalidImageName', ref.error)
  }
  const canonical = ref.value.canonical
  const present = isImagePresent(ctx, canonical)
  const policy = c.imagePullPolicy ?? 'IfNotPresent'
  if (policy === 'Never' || (policy === 'IfNotPresent' && present)) {
    if (present) {
      podEvent(ctx, 'Normal', 'Pulled', `Container image "${image}" already present on machine`, fieldPath)
      const found = lookupImage(image)
      if (found.ok) return { kind: 'ready', image: found.value }
    }
    const message = `Container image "${image}" is not present with pull policy of Never`
    podEvent(ctx, 'Warning', 'ErrImageNeverPull', message, fieldPath)
    return fail(ctx, c, init, 'ErrImageNeverPull', message)
  }
  const backoff = ctx.rt.pullBackoff[image]
  if (isInBackOffSinceUpdate(backoff, ctx.now)) {
    const message = `Back-off pulling image "${image}"`
    podEvent(ctx, 'Normal', 'BackOff', message, fieldPath)
    return fail(ctx, c, init, 'ImagePullBackOff', backoff?.lastError ? `${message}: ${backoff.lastError}` : message)
  }
  podEvent(ctx, 'Normal', 'Pulling', `Pulling image "${image}"`, fieldPath)
  const found = lookupImage(image)
  const start = Math.max(ctx.now, ctx.state.pullerFreeAt)
  let pulling: Millis
  if (found.ok) {
    // A pull of layers already there only resolves the tag.
    const record = ctx.state.images[canonical]
    pulling = record && record.presentAt <= start ? pullDuration(0) : pullDuration(found.value.size)
    const until = start + pulling
    if (!record || record.presentAt > until) ctx.state.images[canonical] = { presentAt: until, imageID: found.value.imageID, size: found.value.size }
  } else pulling = pullDuration(0)
  const until = start + pulling
  ctx.state.pullerFreeAt = until
  return {
    kind: 'pulling',
    op: {
      kind: 'pull',
      until,
      container: c.name,
      init,
      image,
      pulling,
      waiting: until - ctx.now,
      size: found.ok ? found.value.size : 0,
      ...(found.ok ? {} : { error: found.error.message }),
    },
  }
}

/** The end of a pull: its events, and on failure the back-off and the reason cache. */
export function finishPull(ctx: SyncContext, op: Extract<PodOperation, { kind: 'pull' }>, c: Container): EnsureResult {
  const fieldPath = fieldPathOf(op.container, op.init)
  if (op.error !== undefined) {
    podEvent(ctx, 'Warning', 'Failed', `Failed to pull image "${op.image}": ${op.error}`, fieldPath)
    own(ctx.rt, 'pullBackoff')[op.image] = { ...nextBackoff(ctx.rt.pullBackoff[op.image], ctx.now, ctx.now), lastError: `ErrImagePull: ${op.error}` }
    return fail(ctx, c, op.init, 'ErrImagePull', op.error)
  }
  podEvent(ctx, 'Normal', 'Pulled', pulledMessage(op.image, op.pulling, op.waiting, op.size), fieldPath)
  const found = lookupImage(op.image)
  if (!found.ok) return fail(ctx, c, op.init, 'ErrImagePull', found.error.message)
  return { kind: 'ready', image: found.value }
}
