import { describe, expect, it } from 'vitest'
import { Cluster } from '../../../src/index.js'

const agent = (spec: Record<string, unknown> = {}, podSpec: Record<string, unknown> = {}) => ({
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata: { name: 'agent' },
  spec: {
    selector: { matchLabels: { app: 'agent' } },
    template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [{ name: 'agent', image: 'nginx:1.27' }], ...podSpec } },
    ...spec,
  },
})

/** Nodes up for 30 s, then the DaemonSet, then `settle` more. */
function withAgent(spec: Record<string, unknown> = {}, podSpec: Record<string, unknown> = {}, settle = '30s'): Cluster {
  const c = Cluster.create({ seed: 1 })
  c.advance('30s')
  c.apply(agent(spec, podSpec))
  c.advance(settle)
  return c
}

const run = (c: Cluster, cmd: string) => {
  const r = c.kubectl(cmd)
  return { stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode }
}

describe('kubectl and DaemonSets', () => {
  it('get ds: the counts, NODE SELECTOR and AGE; -o wide adds containers, images and selector', () => {
    const c = withAgent({}, { nodeSelector: { 'kubernetes.io/os': 'linux' } })
    expect(run(c, 'get ds')).toEqual({
      stdout:
        'NAME    DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR            AGE\n' +
        'agent   2         2         2       2            2           kubernetes.io/os=linux   30s\n',
      stderr: '',
      exitCode: 0,
    })
    expect(run(c, 'get daemonsets.apps -o wide').stdout).toBe(
      'NAME    DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR            AGE   CONTAINERS   IMAGES       SELECTOR\n' +
        'agent   2         2         2       2            2           kubernetes.io/os=linux   30s   agent        nginx:1.27   app=agent\n',
    )
  })

  it('get all lists the DaemonSet after pods and services', () => {
    const c = withAgent()
    const tables = run(c, 'get all').stdout.split('\n\n')
    expect(tables[2]).toBe(
      'NAME                   DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR   AGE\n' + 'daemonset.apps/agent   2         2         2       2            2           <none>          30s\n',
    )
  })

  it('describe ds in kubectl 1.32 layout', () => {
    const c = withAgent()
    const pods = c.list('pods', { namespace: 'default', labelSelector: 'app=agent' })
    const created = c.sim.trace
      .entries()
      .filter((e) => e.who === 'daemonset-controller' && e.verb === 'create' && e.resource === 'pods' && e.name?.startsWith('agent-'))
      .map((e) => e.name)
    expect(pods.map((p) => p.metadata.name).sort()).toEqual([...created].sort())
    expect(run(c, 'describe ds agent').stdout).toBe(
      [
        // No Namespace line: kubectl 1.32's describeDaemonSet has none (checked against real kubectl).
        'Name:           agent',
        'Selector:       app=agent',
        'Node-Selector:  <none>',
        'Labels:         <none>',
        'Annotations:    deprecated.daemonset.template.generation: 1',
        'Desired Number of Nodes Scheduled: 2',
        'Current Number of Nodes Scheduled: 2',
        'Number of Nodes Scheduled with Up-to-date Pods: 2',
        'Number of Nodes Scheduled with Available Pods: 2',
        'Number of Nodes Misscheduled: 0',
        'Pods Status:  2 Running / 0 Waiting / 0 Succeeded / 0 Failed',
        'Pod Template:',
        '  Labels:  app=agent',
        '  Containers:',
        '   agent:',
        '    Image:         nginx:1.27',
        '    Port:          <none>',
        '    Host Port:     <none>',
        '    Environment:   <none>',
        '    Mounts:        <none>',
        '  Volumes:         <none>',
        '  Node-Selectors:  <none>',
        '  Tolerations:     <none>',
        'Events:',
        '  Type    Reason            Age   From                  Message',
        '  ----    ------            ----  ----                  -------',
        ...created.map((n) => `  Normal  SuccessfulCreate  30s   daemonset-controller  Created pod: ${n}`),
        '',
      ].join('\n'),
    )
  })

  it('rollout status follows a rolling update to the end', () => {
    const c = withAgent()
    expect(run(c, 'set image ds/agent agent=nginx:1.28')).toEqual({ stdout: 'daemonset.apps/agent image updated\n', stderr: '', exitCode: 0 })
    const r = run(c, 'rollout status ds/agent')
    const lines = r.stdout.trimEnd().split('\n')
    expect(lines[0]).toBe('Waiting for daemon set "agent" rollout to finish: 0 out of 2 new pods have been updated...')
    expect(lines).toContain('Waiting for daemon set "agent" rollout to finish: 1 of 2 updated pods are available...')
    expect(lines.at(-1)).toBe('daemon set "agent" successfully rolled out')
    expect(r.exitCode).toBe(0)
    expect(c.list('pods', { namespace: 'default', labelSelector: 'app=agent' }).filter((p) => !p.metadata.deletionTimestamp).map((p) => p.metadata.labels!['pod-template-generation'])).toEqual(['2', '2'])
  })

  it('rollout status refuses OnDelete in kubectl words', () => {
    const c = withAgent({ updateStrategy: { type: 'OnDelete' } })
    expect(run(c, 'rollout status ds/agent')).toEqual({ stdout: '', stderr: 'error: rollout status is only available for RollingUpdate strategy type\n', exitCode: 1 })
  })

  it('rollout restart sets restartedAt on the pod template, which rolls the pods', () => {
    const c = withAgent()
    expect(run(c, 'rollout restart ds/agent')).toEqual({ stdout: 'daemonset.apps/agent restarted\n', stderr: '', exitCode: 0 })
    const ds = c.get('ds', 'agent')!
    expect((ds.spec as { template: { metadata: { annotations: Record<string, string> } } }).template.metadata.annotations).toEqual({ 'kubectl.kubernetes.io/restartedAt': '2026-01-01T00:01:00Z' })
    expect(run(c, 'rollout status ds/agent').stdout.trimEnd().split('\n').at(-1)).toBe('daemon set "agent" successfully rolled out')
    expect(run(c, 'rollout pause ds/agent')).toEqual({ stdout: '', stderr: 'error: daemonsets.apps "agent" pausing is not supported\n', exitCode: 1 })
  })

  it('rollout history lists the ControllerRevisions; undo applies the previous one, which becomes the newest', () => {
    const c = withAgent()
    expect(run(c, 'rollout undo ds/agent')).toEqual({ stdout: '', stderr: 'error: no last revision to roll back to\n', exitCode: 1 })
    run(c, 'set image ds/agent agent=nginx:1.28')
    c.advance('30s')
    expect(run(c, 'rollout history ds/agent')).toEqual({
      stdout: 'daemonset.apps/agent \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n',
      stderr: '',
      exitCode: 0,
    })
    expect(run(c, 'rollout history ds/agent --revision=1').stdout).toContain('daemonset.apps/agent with revision #1\nPod Template:\n  Labels:\tapp=agent\n  Containers:\n   agent:\n    Image:\tnginx:1.27\n')
    expect(run(c, 'rollout undo ds/agent')).toEqual({ stdout: 'daemonset.apps/agent rolled back\n', stderr: '', exitCode: 0 })
    c.advance('30s')
    expect(run(c, 'rollout history ds/agent').stdout).toBe('daemonset.apps/agent \nREVISION  CHANGE-CAUSE\n2         <none>\n3         <none>\n\n')
    expect(run(c, 'rollout undo ds/agent --to-revision=3').stdout).toBe('daemonset.apps/agent skipped rollback (current template already matches revision 3)\n')
    expect(run(c, 'get pods -l app=agent -o jsonpath={.items[*].spec.containers[0].image}').stdout).toBe('nginx:1.27 nginx:1.27')
    const revs = run(c, 'get controllerrevisions').stdout.split('\n')
    expect(revs[0]).toBe('NAME               CONTROLLER             REVISION   AGE')
    expect(revs.slice(1, -1).map((l) => l.split(/ +/).slice(1, 3).join(' ')).sort()).toEqual(['daemonset.apps/agent 2', 'daemonset.apps/agent 3'])
  })
})
