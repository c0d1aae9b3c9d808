// A verdict is deterministic: the same files always give the same verdict, to the last character,
// however often and in whatever order exercises are graded.
import fc from 'fast-check'
import { expect, test } from 'vitest'
import { DEPLOYMENT, grade, POD, SERVICE } from './helpers.js'

const NGINX = `        - name: web\n          image: nginx:1.27\n`
const files = { 'web.yaml': `${DEPLOYMENT('web', 3, NGINX)}---\n${SERVICE('web')}`, 'crash.yaml': POD('crash', '  containers:\n    - name: c\n      image: busybox\n      command: ["sh", "-c", "exit 1"]\n') }
const checks = [
  { podStatus: { selector: 'app=web', status: 'Running' } },
  { flow: { pod: 'crash', statuses: ['Pending', 'Error', 'CrashLoopBackOff'] } },
  { endpoints: { service: 'web', ready: 3 } },
  { count: { selector: 'app=crash', status: 'CrashLoopBackOff', equals: 1 } },
  { trace: { for: 'deploy/web', steps: [{ component: 'kube-scheduler', verb: 'create', resource: 'pods', subresource: 'binding' }] } },
  { afterFault: { fault: 'fail node/node-2', within: '6m', then: { count: { selector: 'app=web', status: 'Running', equals: 3 } } } },
]

test('the same files give the same verdict, run after run', () => {
  const first = JSON.stringify(grade({ files, checks, runFor: 90_000 }))
  // Another exercise graded in between must not leak into the next verdict.
  grade({ files: { 'x.yaml': POD('x', '  containers:\n    - name: c\n      image: nginx\n') }, checks: [{ count: { equals: 1 } }] })
  expect(JSON.stringify(grade({ files, checks, runFor: 90_000 }))).toBe(first)
})

test('for any seed and run time, grading twice agrees', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 0, max: 180 }), (seed, seconds) => {
      const run = () => JSON.stringify(grade({ files, checks: checks.slice(0, 5), runFor: seconds * 1000, cluster: { seed } }))
      expect(run()).toBe(run())
    }),
    { numRuns: 8 },
  )
})
