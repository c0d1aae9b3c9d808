// kubectl get events.events.k8s.io: the core Events' storage through the events.k8s.io/v1 API
// (pkg/apis/events/v1/conversion.go): the same table as core's (the server prints the internal
// object), the new shape with -o json/yaml, its own field labels; `events` and `ev` stay core's.
import { describe, expect, it } from 'vitest'
import { SimulatedCluster } from '../../../src/cluster/cluster.js'
import { memoryIO } from '../../../src/kubectl/io.js'
import { runKubectl } from '../../../src/kubectl/run.js'

/** A pod `web` started 30 virtual seconds ago: its events from the scheduler (new API) and the kubelet (core). */
function started() {
  const c = SimulatedCluster.create({ startTime: Date.UTC(2026, 10, 25), seed: 1, systemPods: false })
  const kubectl = (...argv: string[]) => runKubectl(c, argv, memoryIO({}))
  kubectl('run', 'web', '--image=nginx:1.27')
  c.advance(30_000)
  return kubectl
}

/** The name of the scheduler's Scheduled event about `web` (`web.<hex UnixNano>`). */
function scheduledEvent(kubectl: ReturnType<typeof started>): string {
  const name = kubectl('get', 'events.events.k8s.io', '--field-selector', 'reason=Scheduled', '-o', 'name').stdout.trim()
  expect(name).toMatch(/^event\.events\.k8s\.io\/web\.[0-9a-f]+$/)
  return name.slice(name.indexOf('/') + 1)
}

describe('kubectl get events.events.k8s.io', () => {
  it('prints the same table as core events, for events written through either group', () => {
    const kubectl = started()
    const table =
      'LAST SEEN   TYPE     REASON      OBJECT    MESSAGE\n' +
      '30s         Normal   Scheduled   pod/web   Successfully assigned default/web to node-1\n' +
      '29s         Normal   Pulling     pod/web   Pulling image "nginx:1.27"\n' +
      '23s         Normal   Pulled      pod/web   Successfully pulled image "nginx:1.27" in 6.175s (6.175s including waiting). Image size: 72188133 bytes.\n' +
      '23s         Normal   Created     pod/web   Created container: web\n' +
      '23s         Normal   Started     pod/web   Started container web\n'
    expect(kubectl('get', 'events.events.k8s.io', '--field-selector', 'regarding.name=web')).toEqual({ stdout: table, stderr: '', exitCode: 0 })
    expect(kubectl('get', 'events', '--field-selector', 'involvedObject.name=web')).toEqual({ stdout: table, stderr: '', exitCode: 0 })
  })

  it('-o json shows the events.k8s.io/v1 shape: note, regarding, the zero deprecated fields', () => {
    const kubectl = started()
    const name = scheduledEvent(kubectl)
    const out = kubectl('get', 'events.events.k8s.io', '--field-selector', 'reason=Scheduled', '-o', 'json')
    expect(out.exitCode).toBe(0)
    const list = JSON.parse(out.stdout) as { kind: string; items: Record<string, unknown>[] }
    expect(list.kind).toBe('List')
    expect(list.items).toEqual([
      {
        action: 'Binding',
        apiVersion: 'events.k8s.io/v1',
        deprecatedFirstTimestamp: null,
        deprecatedLastTimestamp: null,
        deprecatedSource: {},
        eventTime: '2026-11-25T00:00:00.000000Z',
        kind: 'Event',
        metadata: { creationTimestamp: '2026-11-25T00:00:00Z', name, namespace: 'default', resourceVersion: expect.any(String), uid: expect.any(String) },
        note: 'Successfully assigned default/web to node-1',
        reason: 'Scheduled',
        regarding: { apiVersion: 'v1', kind: 'Pod', name: 'web', namespace: 'default', resourceVersion: expect.any(String), uid: expect.any(String) },
        reportingController: 'default-scheduler',
        reportingInstance: 'default-scheduler-control-plane',
        type: 'Normal',
      },
    ])
  })

  it('`ev` is core/v1: the same event with message, involvedObject and the reporting fields by core names', () => {
    const kubectl = started()
    const name = scheduledEvent(kubectl)
    const out = kubectl('get', 'ev', name, '-o', 'yaml')
    expect(out.stdout).toMatch(/^action: Binding\napiVersion: v1\neventTime: "2026-11-25T00:00:00.000000Z"\nfirstTimestamp: null\ninvolvedObject:\n/)
    expect(out.stdout).toContain('\nmessage: Successfully assigned default/web to node-1\n')
    expect(out.stdout).toContain('\nreportingComponent: default-scheduler\nreportingInstance: default-scheduler-control-plane\nsource: {}\ntype: Normal\n')
    const v1 = kubectl('get', `ev.events.k8s.io/${name}`, '-o', 'yaml')
    expect(v1.stdout).toMatch(/^action: Binding\napiVersion: events.k8s.io\/v1\ndeprecatedFirstTimestamp: null\ndeprecatedLastTimestamp: null\ndeprecatedSource: \{\}\neventTime: /)
  })

  it("refuses core's field labels and names missing events by its group", () => {
    const kubectl = started()
    expect(kubectl('get', 'event.events.k8s.io', '--field-selector', 'involvedObject.name=web')).toEqual({
      stdout: '',
      // The builder names the resource and the selectors (EnhanceListError), as real kubectl 1.32 prints it.
      stderr:
        'Error from server (BadRequest): Unable to find "events.k8s.io/v1, Resource=events" that match label selector "", field selector "involvedObject.name=web": field label not supported: involvedObject.name\n',
      exitCode: 1,
    })
    expect(kubectl('get', 'events.events.k8s.io', 'nope')).toEqual({ stdout: '', stderr: 'Error from server (NotFound): events.events.k8s.io "nope" not found\n', exitCode: 1 })
    expect(kubectl('get', 'events.v1.events.k8s.io', '-A', '--field-selector', 'type=Warning')).toEqual({ stdout: '', stderr: 'No resources found\n', exitCode: 0 })
  })

  it('describe and delete go through the group too (the generic describer shows the new shape)', () => {
    const kubectl = started()
    const name = scheduledEvent(kubectl)
    const out = kubectl('describe', 'events.events.k8s.io', name).stdout
    expect(out).toMatch(/^Name: +web\.[0-9a-f]+\nNamespace: +default\nLabels: +<none>\nAnnotations: +<none>\nAction: +Binding\nAPI Version: +events\.k8s\.io\/v1\n/)
    expect(out).toMatch(/\nNote: +Successfully assigned default\/web to node-1\n/)
    expect(kubectl('delete', `ev.events.k8s.io/${name}`)).toEqual({ stdout: `event.events.k8s.io "${name}" deleted\n`, stderr: '', exitCode: 0 })
    expect(kubectl('get', 'ev', name).stderr).toBe(`Error from server (NotFound): events "${name}" not found\n`)
  })
})
