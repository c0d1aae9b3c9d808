// The commands as a learner runs them: a real process, no standard input, exit codes and streams.
import { spawnSync } from 'node:child_process'
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'

const bin = resolve(__dirname, '../../bin/run.js')
const STACK = /^\s+at .*\.(js|ts|mjs|cjs):\d+/m

function run(cwd: string, ...argv: string[]) {
  return runWith({}, cwd, ...argv)
}

function runWith(env: Record<string, string>, cwd: string, ...argv: string[]) {
  const r = spawnSync(process.execPath, [bin, ...argv], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', LANG: 'C.UTF-8', LC_ALL: '', DEBUG: '', ...env }, input: '' })
  return { stdout: r.stdout, stderr: r.stderr, code: r.status }
}

let ws: string
beforeAll(() => {
  ws = join(mkdtempSync(join(tmpdir(), 'kl-cli-')), 'w')
  expect(run(tmpdir(), 'init', ws).code).toBe(0)
  expect(run(ws, 'cluster', 'reset', '--manual-clock', '--seed', '7', '--start-time', '2026-11-25T08:00:00Z').code).toBe(0)
})

describe('kubelings init', () => {
  it('makes a workspace and says what to do next', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'kl-cli-')), 'fresh')
    const r = run(tmpdir(), 'init', dir)
    expect(r.code).toBe(0)
    expect(r.stdout).toContain(`Created a kubelings workspace in ${dir}.`)
    expect(existsSync(join(dir, '.kubelings'))).toBe(true)
  })

  it('speaks Chinese with --lang zh', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'kl-cli-')), 'zh')
    expect(run(tmpdir(), 'init', dir, '--lang', 'zh').stdout).toContain(`已在 ${dir} 创建 kubelings 工作区。`)
  })
})

describe('kubelings cluster', () => {
  it('reset --manual-clock --seed prints what it made', () => {
    const r = run(ws, 'cluster', 'reset', '--manual-clock', '--seed', '7', '--start-time', '2026-11-25T08:00:00Z')
    expect(r).toEqual({
      stdout: 'A fresh cluster is ready: 3 node(s), seed 7, manual clock (time moves only with `kubelings cluster advance`).\n',
      stderr: '',
      code: 0,
    })
  })

  it('advance moves the manual clock by exactly the duration', () => {
    run(ws, 'cluster', 'reset', '--manual-clock', '--seed', '7', '--start-time', '2026-11-25T08:00:00Z')
    expect(run(ws, 'cluster', 'advance', '30s').stdout).toBe('Advanced the cluster clock by 30s to 2026-11-25T08:00:30Z.\n')
    expect(run(ws, 'cluster', 'advance', '1h30m').stdout).toBe('Advanced the cluster clock by 1h30m to 2026-11-25T09:30:30Z.\n')
  })

  it('advance refuses a duration it cannot read, in one sentence', () => {
    const r = run(ws, 'cluster', 'advance', 'soon')
    expect(r.code).toBe(1)
    expect(r.stderr).toBe('error: Cannot read "soon" as a duration: use a number with a unit, such as 30s, 5m, 1h or 1h30m.\n')
  })

  it('status --json lists the components and the nodes', () => {
    const r = run(ws, 'cluster', 'status', '--json')
    expect(r.code).toBe(0)
    const status = JSON.parse(r.stdout)
    expect(status.nodes.map((n: { name: string }) => n.name)).toEqual(['control-plane', 'node-1', 'node-2'])
    expect(status.components.filter((c: { node: string }) => c.node === 'control-plane').map((c: { name: string }) => c.name)).toEqual([
      'kube-apiserver',
      'etcd',
      'kube-scheduler',
      'kube-controller-manager',
      'cloud-controller-manager',
      'kubelet',
      'kube-proxy',
      'containerd',
    ])
  })

  it('reset --nodes 3 makes three workers', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'kl-cli-')), 'three')
    run(tmpdir(), 'init', dir)
    run(dir, 'cluster', 'reset', '--nodes', '3')
    expect(JSON.parse(run(dir, 'cluster', 'status', '--json').stdout).nodes.map((n: { name: string }) => n.name)).toEqual(['control-plane', 'node-1', 'node-2', 'node-3'])
  })

  it('a damaged state file: one sentence with the fix, then reset keeps it aside', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'kl-cli-')), 'broken')
    run(tmpdir(), 'init', dir)
    writeFileSync(join(dir, '.kubelings', 'playground.json'), '{"kind":')
    const r = run(dir, 'kubectl', 'get', 'nodes')
    expect(r.code).toBe(1)
    expect(r.stderr).toBe(
      `error: The playground cluster state (${join(dir, '.kubelings', 'playground.json')}) is damaged and cannot be read. Run \`kubelings cluster reset\` to start a fresh cluster (the damaged file will be kept beside it).\n`,
    )
    const reset = run(dir, 'cluster', 'reset')
    expect(reset.code).toBe(0)
    expect(reset.stdout).toMatch(/^The damaged state file was kept as .*playground\.json\.corrupt-/)
    expect(readdirSync(join(dir, '.kubelings')).filter((f) => f.startsWith('playground.json.corrupt-'))).toHaveLength(1)
  })
})

describe('kubelings kubectl', () => {
  it('outside a workspace says how to make one', () => {
    const r = run(mkdtempSync(join(tmpdir(), 'kl-nows-')), 'kubectl', 'get', 'pods')
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/^error: No kubelings workspace in .* Make one with `kubelings init`/)
  })

  it('passes --help to kubectl itself', () => {
    const r = run(ws, 'kubectl', '--help')
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/^kubectl controls the Kubernetes cluster manager\./)
  })

  it('prints port-forward\'s help rather than starting to forward', () => {
    const r = run(ws, 'kubectl', 'port-forward', '--help')
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/^Forward one or more local ports to a pod\.\n/)
  })

  it('finds the workspace from a folder inside it', () => {
    const r = run(join(ws, '.kubelings'), 'kubectl', 'version', '--client')
    expect(r.stderr).not.toMatch(/No kubelings workspace/)
  })

  it('never prints a stack trace, whatever the input', () => {
    for (const argv of [['kubectl', 'get'], ['kubectl', 'apply', '-f', 'nope.yaml'], ['kubectl', '--frob'], ['cluster', 'reset', '--nodes', 'x'], ['cluster', 'advance']]) {
      const r = run(ws, ...argv)
      expect(r.code, argv.join(' ')).not.toBe(0)
      expect(r.stdout + r.stderr, argv.join(' ')).not.toMatch(STACK)
    }
  })
})

describe('kubelings cluster trace', () => {
  let dir: string
  beforeAll(() => {
    dir = join(mkdtempSync(join(tmpdir(), 'kl-cli-')), 'trace')
    expect(run(tmpdir(), 'init', dir).code).toBe(0)
    expect(run(dir, 'cluster', 'reset', '--manual-clock', '--seed', '7', '--start-time', '2026-11-25T08:00:00Z').code).toBe(0)
    writeFileSync(
      join(dir, 'web.yaml'),
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 2\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers: [{name: web, image: nginx}]\n',
    )
    expect(run(dir, 'kubectl', 'apply', '-f', 'web.yaml')).toMatchObject({ stdout: 'deployment.apps/web created\n', code: 0 })
    expect(run(dir, 'cluster', 'advance', '5s').code).toBe(0)
  })

  it('--for deploy/NAME starts with kubectl asking kube-apiserver to create the Deployment', () => {
    const r = run(dir, 'cluster', 'trace', '--for', 'deploy/web')
    expect(r.code).toBe(0)
    expect(r.stderr).toBe('')
    expect(r.stdout).toMatch(/^Calls to kube-apiserver about deployments\.apps\/web in namespace default/)
    expect(r.stdout).toMatch(/^ {2}kube-apiserver {12}control plane: the only door to etcd; each write gets a new etcd revision$/m)
    expect(r.stdout).toMatch(/^\+0\.000s {2}kubectl +→ kube-apiserver {2}create deployments\.apps\/web +→ etcd rev \d+$/m)
    expect(r.stdout).not.toMatch(/\x1b\[/)
  })

  it('--json gives the entries with their component and node', () => {
    const r = run(dir, 'cluster', 'trace', '--for', 'deploy/web', '--json')
    expect(r.code).toBe(0)
    const report = JSON.parse(r.stdout)
    expect(report.target).toMatchObject({ resource: 'deployments.apps', namespace: 'default', name: 'web', exists: true })
    expect(report.entries[0]).toMatchObject({ who: 'kubectl', verb: 'create', resource: 'deployments.apps', namespace: 'default', name: 'web', code: 201, component: 'kubectl', node: null })
    for (const e of report.entries) expect(Object.keys(e)).toEqual(expect.arrayContaining(['time', 'who', 'verb', 'resource', 'revision', 'code', 'component', 'node']))
  })

  it('--reads shows that kubectl apply first asked for the Deployment and was told it was not there', () => {
    const entries = JSON.parse(run(dir, 'cluster', 'trace', '--for', 'deploy/web', '--reads', '--json').stdout).entries
    expect(entries[0]).toMatchObject({ who: 'kubectl', verb: 'get', name: 'web', code: 404 })
    expect(entries[1]).toMatchObject({ who: 'kubectl', verb: 'create', name: 'web', code: 201 })
  })

  it('speaks Chinese with --lang zh', () => {
    expect(run(dir, 'cluster', 'trace', '--for', 'deploy/web', '--lang', 'zh').stdout).toMatch(/^发往 kube-apiserver 的关于 deployments\.apps\/web（名字空间 default）/)
  })

  it('an object that never was: kubectl\'s words and exit 1; an unknown type: one sentence', () => {
    expect(run(dir, 'cluster', 'trace', '--for', 'deploy/nope')).toEqual({ stdout: '', stderr: 'Error from server (NotFound): deployments.apps "nope" not found\n', code: 1 })
    expect(run(dir, 'cluster', 'trace', '--for', 'frob/web')).toEqual({ stdout: '', stderr: 'error: the server doesn\'t have a resource type "frob"\n', code: 1 })
    expect(run(dir, 'cluster', 'trace', '--for', 'web')).toEqual({
      stdout: '',
      stderr: 'error: --for takes TYPE/NAME, such as deploy/web or pod/web-7d4b9c8f6-x2x4z; got "web".\n',
      code: 1,
    })
  })

  it('an empty trace is one sentence and exit 0', () => {
    run(dir, 'cluster', 'advance', '1h7ms')
    const r = run(dir, 'cluster', 'trace', '--for', 'deploy/web', '--since', '0s')
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/^The trace has no (calls|writes) about deployments\.apps\/web[.;][^\n]*\n$/)
  })

  it('never prints a stack trace, whatever the flags', () => {
    for (const argv of [['--since', 'soon'], ['--last', '0'], ['--last', 'x'], ['--for'], ['--for', '/'], ['--for', 'pod/a/b']]) {
      const r = run(dir, 'cluster', 'trace', ...argv)
      expect(r.code, argv.join(' ')).not.toBe(0)
      expect(r.stdout + r.stderr, argv.join(' ')).not.toMatch(STACK)
    }
  })
})

describe('kubelings kubectl edit', () => {
  it("opens $KUBE_EDITOR on the object, shows a pass's errors before it opens the file again, and keeps the edit", () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'kl-cli-')), 'edit')
    run(tmpdir(), 'init', dir)
    run(dir, 'cluster', 'reset', '--manual-clock', '--seed', '1')
    run(dir, 'kubectl', 'create', 'deployment', 'web', '--image=nginx:1.27', '--replicas=2')
    // First pass: an invalid count; second: a valid one. The editor notes what stderr held by then.
    const editor = join(dir, 'editor.sh')
    writeFileSync(
      editor,
      `#!/bin/sh\nn=$(cat ${dir}/n 2>/dev/null || echo 0); n=$((n+1)); echo $n > ${dir}/n\nif [ $n = 1 ]; then sed -i 's/^  replicas: 2$/  replicas: -1/' "$1"; else echo opened again >&2; sed -i 's/^  replicas: -1$/  replicas: 3/' "$1"; fi\n`,
    )
    chmodSync(editor, 0o755)
    const r = runWith({ KUBE_EDITOR: editor }, dir, 'kubectl', 'edit', 'deploy/web')
    // The editor writes to the same terminal: the error came before it opened again.
    expect(r).toEqual({ stdout: 'deployment.apps/web edited\n', stderr: 'error: deployments.apps "web" is invalid\nopened again\n', code: 0 })
    expect(readFileSync(join(dir, 'n'), 'utf8').trim()).toBe('2')
    // Saved in the playground.
    expect(run(dir, 'kubectl', 'get', 'deploy', 'web', '-o', 'jsonpath={.spec.replicas}').stdout).toBe('3')
  })
})

describe('kubelings cluster stop|start and fail|recover', () => {
  it('stops and starts the scheduler, saying what it did', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'kl-cli-')), 'stop')
    run(tmpdir(), 'init', dir)
    run(dir, 'cluster', 'reset', '--manual-clock', '--seed', '1')
    expect(run(dir, 'cluster', 'stop', 'scheduler')).toEqual({ stdout: 'kube-scheduler stopped.\n', stderr: '', code: 0 })
    expect(run(dir, 'cluster', 'stop', 'scheduler').stdout).toBe('kube-scheduler is already stopped.\n')
    const status = JSON.parse(run(dir, 'cluster', 'status', '--json').stdout)
    expect(status.components.find((c: { name: string }) => c.name === 'kube-scheduler').state).toBe('Stopped')
    expect(run(dir, 'cluster', 'start', 'kube-scheduler').stdout).toBe('kube-scheduler started: it lists everything and acts on what it missed.\n')
  })

  it('says when a restarted kube-controller-manager must wait for the lease its old process kept', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'kl-cli-')), 'kcm')
    run(tmpdir(), 'init', dir)
    run(dir, 'cluster', 'reset', '--manual-clock', '--seed', '1')
    expect(run(dir, 'cluster', 'stop', 'controller-manager').stdout).toBe('kube-controller-manager stopped.\n')
    expect(run(dir, 'cluster', 'start', 'controller-manager', '--lang', 'zh').stdout).toBe(
      'kube-controller-manager 已启动：它之前的进程仍持有租约 kube-system/kube-controller-manager，所以它要等到看到这个租约 15 秒未续约，之后才会重新列出所有对象，并处理停止期间错过的事情。\n',
    )
    run(dir, 'kubectl', 'create', 'deployment', 'web', '--image=nginx:1.27')
    expect(run(dir, 'kubectl', 'get', 'rs').stderr).toBe('No resources found in default namespace.\n')
    run(dir, 'cluster', 'advance', '20s')
    expect(run(dir, 'kubectl', 'get', 'rs', '-o', 'name').stdout).toMatch(/^replicaset\.apps\/web-[a-z0-9]+\n$/)
    const lease = JSON.parse(run(dir, 'kubectl', 'get', 'lease', 'kube-controller-manager', '-n', 'kube-system', '-o', 'json').stdout)
    expect(lease.spec.leaseTransitions).toBe(1)
  })

  it('refuses a component that does not exist, naming the ones that do', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'kl-cli-')), 'nostop')
    run(tmpdir(), 'init', dir)
    const r = run(dir, 'cluster', 'stop', 'scheduller')
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/^error: There is no component "scheduller"\. Choose one of: kube-scheduler, kube-controller-manager, cloud-controller-manager, kubelet\/control-plane, kubelet\/node-1, kubelet\/node-2, kube-proxy\/control-plane, kube-proxy\/node-1, kube-proxy\/node-2\.\n$/)
  })

  it('fails and recovers a node by stopping and starting its kubelet', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'kl-cli-')), 'fail')
    run(tmpdir(), 'init', dir)
    run(dir, 'cluster', 'reset', '--manual-clock', '--seed', '1')
    expect(run(dir, 'cluster', 'fail', 'node/node-1').stdout).toMatch(/^node\/node-1 failed: its kubelet stopped\./)
    const status = JSON.parse(run(dir, 'cluster', 'status', '--json').stdout)
    expect(status.components.find((c: { name: string; node: string }) => c.name === 'kubelet' && c.node === 'node-1').state).toBe('Stopped')
    expect(run(dir, 'cluster', 'recover', 'node/node-1').stdout).toBe('node/node-1 recovered: its kubelet runs again and renews its lease.\n')
    expect(run(dir, 'cluster', 'fail', 'node/node-9')).toMatchObject({ code: 1, stderr: 'error: There is no node "node-9". The nodes are: control-plane, node-1, node-2.\n' })
  })

  it('will not fail the control-plane node, which would take the API with it, and says what to do instead', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'kl-cli-')), 'failcp')
    run(tmpdir(), 'init', dir)
    run(dir, 'cluster', 'reset', '--manual-clock', '--seed', '1')
    const r = run(dir, 'cluster', 'fail', 'node/control-plane')
    expect(r.code).toBe(1)
    expect(r.stdout).toBe('')
    expect(r.stderr).toBe(
      'error: node/control-plane runs the whole control plane (kube-apiserver, etcd, kube-scheduler, kube-controller-manager): if it failed, the cluster\'s API would be gone and kubectl would only get "connection refused", which this playground does not simulate. To see a node go NotReady, fail a worker (node-1, node-2), or stop this node\'s kubelet alone: kubelings cluster stop kubelet/control-plane\n',
    )
    // Nothing changed; its kubelet alone can stop.
    const status = JSON.parse(run(dir, 'cluster', 'status', '--json').stdout)
    expect(status.components.find((c: { name: string; node: string }) => c.name === 'kubelet' && c.node === 'control-plane').state).toBe('Running')
    expect(run(dir, 'cluster', 'stop', 'kubelet/control-plane').stdout).toBe('kubelet/control-plane stopped.\n')
    expect(run(dir, 'cluster', 'fail', 'node/control-plane', '--lang', 'zh').stderr).toMatch(/^error: node\/control-plane 上运行着整个控制平面.*工作节点（node-1, node-2）/)
  })
})
