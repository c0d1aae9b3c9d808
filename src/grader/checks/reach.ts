// `reach`: a simulated request (from outside, a node or a pod) reaches a pod matching a selector.
// It needs the request walker of the simulated network (src/cluster/network/request.ts); until that
// exists the check is an authoring error — it must never pass on a cluster that cannot tell.
import { msg, type GradeContext } from '../context.js'
import { authoring, type Outcome } from '../types.js'
import type { ClusterView } from '../view.js'

export function reachCheck(ctx: GradeContext, _view: ClusterView, _args: Record<string, unknown>): Outcome {
  return authoring(msg(ctx, 'grader.reach.noNetwork'))
}
