// kubectl events (kubectl 1.32's pkg/cmd/events): its own columns (OBJECT as Kind/name), oldest
// first by last time, --for, --types, -A, -w, and its messages.
import { describe, expect, it } from 'vitest'
import { SimulatedCluster } from '../../../src/cluster/cluster.js'
import { memoryIO } from '../../../src/kubectl/io.js'
import { runKubectl } from '../../../src/kubectl/run.js'

/** A busybox that exits 1 at once under Always, 40 virtual seconds in: a crash loop with its events. */
function crashing() {
  const c = SimulatedCluster.create({ startTime: Date.UTC(2026, 10, 25), seed: 1, systemPods: false })
  const kubectl = (...argv: string[]) => runKubectl(c, argv, memoryIO({}))
  kubectl('run', 'crash', '--image=busybox:1.36', '--', 'sh', '-c', 'exit 1')
  c.advance(40_000)
  return { c, kubectl }
}

describe('kubectl events', () => {
  it('lists an object\'s events oldest first, counts as "(xN over ...)", the object as Kind/name', () => {
    const lines = crashing().kubectl('events', '--for', 'pod/crash').stdout.split('\n')
    expect(lines.slice(0, 4)).toEqual([
      'LAST SEEN          TYPE      REASON      OBJECT      MESSAGE',
      '40s                Normal    Scheduled   Pod/crash   Successfully assigned default/crash to node-1',
      '39s                Normal    Pulling     Pod/crash   Pulling image "busybox:1.36"',
      '39s                Normal    Pulled      Pod/crash   Successfully pulled image "busybox:1.36" in 572ms (572ms including waiting). Image size: 2152262 bytes.',
    ])
    expect(lines[4]).toMatch(/^\d+s \(x4 over 39s\) {3}Normal {4}Created {5}Pod\/crash {3}Created container: crash$/)
    const [last, type, reason, object, message] = lines.at(-2)!.split(/ {3,}/)
    expect([last.replace(/^\d+s/, 'Ns'), type, reason, object]).toEqual(['Ns (x4 over 39s)', 'Warning', 'BackOff', 'Pod/crash'])
    expect(message).toMatch(/^Back-off restarting failed container crash in pod crash_default\([0-9a-f-]{36}\)$/)
    expect(lines.at(-1)).toBe('')
  })

  it('--types keeps the events of those types, in any case; other types are refused', () => {
    const { kubectl } = crashing()
    const warnings = kubectl('events', '--for', 'pod/crash', '--types=warning').stdout.split('\n')
    expect(warnings[0]).toBe('LAST SEEN          TYPE      REASON    OBJECT      MESSAGE')
    expect(warnings.slice(1, -1).map((l) => l.split(/ {3,}/)[2])).toEqual(['BackOff'])
    expect(kubectl('events', '--types=Bad')).toEqual({ stdout: '', stderr: 'error: valid --types are Normal or Warning\n', exitCode: 1 })
  })

  it('-A adds NAMESPACE; an empty namespace says so on stderr and exits 0', () => {
    const { kubectl } = crashing()
    const all = kubectl('events', '-A').stdout.split('\n')
    expect(all[0]).toBe('NAMESPACE     LAST SEEN          TYPE      REASON                    OBJECT                          MESSAGE')
    // kube-system's events are there too: the control plane's leader elections among them.
    expect(all.filter((l) => l.includes('LeaderElection')).map((l) => l.split(/ {2,}/).slice(3, 5))).toEqual([
      ['LeaderElection', 'Lease/kube-controller-manager'],
      ['LeaderElection', 'Lease/kube-scheduler'],
    ])
    expect(kubectl('events', '-n', 'kube-public')).toEqual({ stdout: '', stderr: 'No events found in kube-public namespace.\n', exitCode: 0 })
    expect(kubectl('events', '-A', '--types=Warning', '--for', 'node/node-1')).toEqual({ stdout: '', stderr: 'No events found.\n', exitCode: 0 })
  })

  it('--for wants TYPE/NAME of a type the server has', () => {
    const { kubectl } = crashing()
    expect(kubectl('events', '--for', 'crash').stderr).toBe('error: --for must be in resource/name form\n')
    expect(kubectl('events', '--for', 'pod/a/b').stderr).toBe('error: arguments in resource/name form may not have more than one slash\n')
    expect(kubectl('events', '--for', 'Foo/x').stderr).toBe('error: the server doesn\'t have a resource type "foo"\n')
    expect(kubectl('events', '--for', 'no/node-1').stdout.split('\n')[1]).toMatch(/^\d+s +Normal +Starting +Node\/node-1 +Starting kubelet\.$/)
  })

  it('-w prints the events there are, then each new one as it comes (its row aligned alone)', () => {
    const { c, kubectl } = crashing()
    const start = c.now()
    const lines = kubectl('events', '--for', 'pod/crash', '-w').stdout.split('\n')
    expect(lines[0]).toBe('LAST SEEN   TYPE     REASON      OBJECT      MESSAGE')
    expect(lines[1]).toBe('40s         Normal   Scheduled   Pod/crash   Successfully assigned default/crash to node-1')
    expect(lines[2]).toBe('39s   Normal   Pulling   Pod/crash   Pulling image "busybox:1.36"')
    // Later: each count update of the crash loop, as the watch delivers it, until the kubelet's
    // spam filter (25 events per object and type, then one per 5 minutes) holds the BackOff
    // events back: the 26th comes once a token has come back, and 30 quiet seconds end the watch.
    const backOffs = lines.filter((l) => / {3}Warning {3}BackOff {3}/.test(l)).map((l) => Number(/\(x(\d+) over/.exec(l)?.[1]))
    expect(backOffs).toEqual(Array.from({ length: 23 }, (_, i) => i + 4))
    expect(lines.at(-2)).toMatch(/^0s \(x26 over 5m27s\) {3}Warning {3}BackOff {3}/)
    expect(c.now() - start).toBe(318_000)
  })

  it('-o name prints nothing: the name printer refuses the typed EventList and kubectl drops the error (as real kubectl 1.32 does)', () => {
    const { kubectl } = crashing()
    expect(kubectl('events', '--for', 'pod/crash', '-o', 'name')).toEqual({ stdout: '', stderr: '', exitCode: 0 })
  })

  it('-o yaml prints the EventList kubectl assembles', () => {
    const { kubectl } = crashing()
    const yaml = kubectl('events', '--for', 'pod/crash', '-o', 'yaml').stdout
    expect(yaml).toMatch(/^apiVersion: v1\nitems:\n- action: Binding\n {2}apiVersion: v1\n/)
    expect(yaml.endsWith('kind: EventList\nmetadata: {}\n')).toBe(true)
  })

  it('-o json prints the typed EventList: fields in Go struct order, empty ones kept where encoding/json keeps them', () => {
    const { kubectl } = crashing()
    const out = kubectl('events', '--for', 'pod/crash', '-o', 'json')
    expect(out.exitCode).toBe(0)
    expect(out.stdout.startsWith('{\n    "kind": "EventList",\n    "apiVersion": "v1",\n    "metadata": {},\n    "items": [\n        {\n            "kind": "Event",\n')).toBe(true)
    const list = JSON.parse(out.stdout)
    const [scheduled, pulling] = list.items
    // The scheduler's event (events.k8s.io): no source, no timestamps, an eventTime and an action.
    expect(Object.keys(scheduled)).toEqual(['kind', 'apiVersion', 'metadata', 'involvedObject', 'reason', 'message', 'source', 'firstTimestamp', 'lastTimestamp', 'type', 'eventTime', 'action', 'reportingComponent', 'reportingInstance'])
    expect(Object.keys(scheduled.metadata)).toEqual(['name', 'namespace', 'uid', 'resourceVersion', 'creationTimestamp'])
    expect(Object.keys(scheduled.involvedObject)).toEqual(['kind', 'namespace', 'name', 'uid', 'apiVersion', 'resourceVersion'])
    expect([scheduled.source, scheduled.firstTimestamp, scheduled.lastTimestamp]).toEqual([{}, null, null])
    // The kubelet's (core/v1 recorder): a count and a source, eventTime null.
    expect(Object.keys(pulling)).toEqual(['kind', 'apiVersion', 'metadata', 'involvedObject', 'reason', 'message', 'source', 'firstTimestamp', 'lastTimestamp', 'count', 'type', 'eventTime', 'reportingComponent', 'reportingInstance'])
    expect(pulling.involvedObject.fieldPath).toBe('spec.containers{crash}')
    expect([pulling.reason, pulling.source, pulling.count, pulling.eventTime]).toEqual(['Pulling', { component: 'kubelet', host: 'node-1' }, 1, null])
    expect(list.items.map((e: { reason: string }) => e.reason).slice(0, 4)).toEqual(['Scheduled', 'Pulling', 'Pulled', 'Created'])
  })

  it('-o takes only the printer formats (no wide, no custom columns), checked before anything is listed', () => {
    const { kubectl } = crashing()
    const allowed = 'allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml'
    expect(kubectl('events', '-o', 'wide')).toEqual({ stdout: '', stderr: `error: unable to match a printer suitable for the output format "wide", ${allowed}\n`, exitCode: 1 })
    expect(kubectl('events', '-n', 'kube-public', '-o', 'custom-columns=A:.x').stderr).toBe(`error: unable to match a printer suitable for the output format "custom-columns=A:.x", ${allowed}\n`)
    expect(kubectl('events', '-o', 'jsonpath').stderr).toBe('error: template format specified but no template given\n')
    expect(kubectl('events', '--for', 'pod/crash', '-o', 'jsonpath={.items[0].reason}').stdout).toBe('Scheduled')
  })

  it('-w -o yaml prints each event as a document of its own', () => {
    const { kubectl } = crashing()
    const docs = kubectl('events', '--for', 'pod/crash', '-w', '-o', 'yaml').stdout.split('---\n')
    expect(docs.length).toBeGreaterThan(5)
    expect(docs[0]).toMatch(/^action: Binding\napiVersion: v1\neventTime: "[^"]+"\nfirstTimestamp: null\n/)
    for (const doc of docs) expect(doc).toMatch(/\nkind: Event\n/)
  })
})
