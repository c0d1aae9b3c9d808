// kubectl edit, each expectation as real kubectl 1.32.5 printed it for the same edit on the same
// cluster (run through the bridge with a scripted $EDITOR: the file it was given, what it wrote to
// stdout and stderr, its exit code, the objects after).
import { execFileSync } from 'node:child_process'
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { Cluster } from '../../../src/index.js'
import { memoryEditor, memoryIO, nodeIO, type EditorIO } from '../../../src/kubectl/io.js'
import { runKubectl } from '../../../src/kubectl/run.js'
import { startBridge } from '../../support/kube-http.js'
import { hasKubectl132, realKubectl } from '../../support/real-kubectl.js'

const HEADER =
  "# Please edit the object below. Lines beginning with a '#' will be ignored,\n" +
  '# and an empty file will abort the edit. If an error occurs while saving this file will be\n' +
  '# reopened with the relevant failures.\n' +
  '#\n'

function cluster(): Cluster {
  const c = Cluster.create({ seed: 1, workers: 2 })
  c.kubectl('create deployment web --image=nginx:1.27 --replicas=2')
  c.kubectl('expose deployment web --port=80')
  c.kubectl('run p --image=nginx:1.27')
  c.advance('30s')
  return c
}

/** `kubectl ARGS` with an editor that makes each pass's change in turn (none left: saves as it is). */
function edit(c: Cluster, argv: string[], ...passes: ((text: string) => string)[]): { stdout: string; stderr: string; exitCode: number; seen: string[]; paths: string[]; editor: EditorIO } {
  const seen: string[] = []
  const paths: string[] = []
  const editor = memoryEditor((text, path) => {
    seen.push(text)
    paths.push(path)
    const change = passes[seen.length - 1]
    return change ? change(text) : text
  })
  const r = runKubectl(c.sim, argv, memoryIO({}, '', '/work', editor))
  return { ...r, seen, paths, editor }
}

const replicas = (c: Cluster): unknown => (c.get('deployment', 'web', 'default') as unknown as { spec: { replicas: number } }).spec.replicas

describe('kubectl edit', () => {
  it('opens the object as `get -o yaml` shows it under a header, and patches what changed', () => {
    const c = cluster()
    const yaml = c.kubectl('get deploy web -o yaml').stdout
    const r = edit(c, ['edit', 'deploy/web'], (t) => t.replace(/^ {2}replicas: 2$/m, '  replicas: 3'))
    expect(r.seen).toEqual([HEADER + yaml])
    expect(r.paths[0]).toMatch(/^\/tmp\/kubectl-edit-\d+\.yaml$/)
    expect(r).toMatchObject({ stdout: 'deployment.apps/web edited\n', stderr: '', exitCode: 0 })
    expect(replicas(c)).toBe(3)
    // The file goes once the edit is saved.
    expect(r.editor.exists(r.paths[0])).toBe(false)
    const patched = c.sim.trace.entries().filter((e) => e.who === 'kubectl' && e.verb === 'patch')
    expect(patched.map((e) => `${e.resource}/${e.name}`)).toEqual(['deployments.apps/web'])
  })

  it('says nothing changed when the file is saved as it was, or with only comments changed', () => {
    const c = cluster()
    expect(edit(c, ['edit', 'deploy/web'])).toMatchObject({ stdout: '', stderr: 'Edit cancelled, no changes made.\n', exitCode: 0 })
    expect(edit(c, ['edit', 'deploy/web'], (t) => `# my note\n${t.replace('#\n', '')}`)).toMatchObject({ stderr: 'Edit cancelled, no changes made.\n', exitCode: 0 })
  })

  it('reopens an edit the apiserver finds invalid, its causes in the header, and gives up when it comes back unchanged', () => {
    const c = cluster()
    const r = edit(c, ['edit', 'deploy/web'], (t) => t.replace(/^ {2}replicas: 2$/m, '  replicas: -1'))
    expect(r.seen).toHaveLength(2)
    expect(r.seen[1].startsWith(`${HEADER}# deployments.apps "web" was not valid:\n# * spec.replicas: Invalid value: -1: must be greater than or equal to 0\n#\napiVersion: apps/v1\n`)).toBe(true)
    expect(r.seen[1]).toMatch(/^ {2}replicas: -1$/m)
    expect(r).toMatchObject({
      stdout: '',
      stderr: `error: deployments.apps "web" is invalid\nA copy of your changes has been stored to "${r.paths[1]}"\nerror: Edit cancelled, no valid changes were saved.\n`,
      exitCode: 1,
    })
    expect(r.editor.exists(r.paths[1])).toBe(true)
    expect(replicas(c)).toBe(2)
  })

  it('saves a reopened edit once it is fixed', () => {
    const c = cluster()
    const r = edit(
      c,
      ['edit', 'deploy/web'],
      (t) => t.replace(/^ {2}replicas: 2$/m, '  replicas: -1'),
      (t) => t.replace(/^ {2}replicas: -1$/m, '  replicas: 4'),
    )
    expect(r).toMatchObject({ stdout: 'deployment.apps/web edited\n', stderr: 'error: deployments.apps "web" is invalid\n', exitCode: 0 })
    expect(replicas(c)).toBe(4)
  })

  it('finds an emptied file invalid (its validation comes first), and a broken one too', () => {
    const c = cluster()
    const empty = edit(c, ['edit', 'deploy/web'], () => '')
    expect(empty.seen[1]).toBe(`${HEADER}# deployments.apps "web" was not valid:\n# * <nil>: Invalid value: "The edited file failed validation": invalid object to validate\n#\n`)
    expect(empty).toMatchObject({ stderr: `error: deployments.apps "web" is invalid\nA copy of your changes has been stored to "${empty.paths[1]}"\nerror: Edit cancelled, no valid changes were saved.\n`, exitCode: 1 })
    const broken = edit(c, ['edit', 'deploy/web'], (t) => t.replace(/^spec:$/m, 'spec: ['))
    expect(broken.seen[1]).toMatch(/^# \* <nil>: Invalid value: "The edited file failed validation": yaml: line \d+: .+\n#\napiVersion: apps\/v1\n/m)
    expect(broken.exitCode).toBe(1)
    // Without validation an emptied file cancels the edit.
    expect(edit(c, ['edit', 'deploy/web', '--validate=false'], () => '# nothing\n')).toMatchObject({ stderr: 'Edit cancelled, saved file was empty.\n', exitCode: 0 })
  })

  it('refuses a change of name, kind or apiVersion, keeping the file', () => {
    const c = cluster()
    const r = edit(c, ['edit', 'deploy/web'], (t) => t.replace(/^ {2}name: web$/m, '  name: web2'))
    expect(r).toMatchObject({ stdout: '', stderr: `A copy of your changes has been stored to "${r.paths[0]}"\nerror: At least one of apiVersion, kind and name was changed\n`, exitCode: 1 })
    expect(c.get('deployment', 'web2', 'default')).toBeUndefined()
  })

  it('edits several objects as one List, and says which it left alone', () => {
    const c = cluster()
    const r = edit(c, ['edit', 'deploy/web', 'svc/web'], (t) => t.replace(/^ {4}replicas: 2$/m, '    replicas: 1'))
    expect(r.seen[0].startsWith(`${HEADER}apiVersion: v1\nitems:\n- apiVersion: apps/v1\n  kind: Deployment\n`)).toBe(true)
    expect(r.seen[0].endsWith('kind: List\nmetadata: {}\n')).toBe(true)
    expect(r).toMatchObject({ stdout: 'deployment.apps/web edited\nservice/web skipped\n', stderr: '', exitCode: 0 })
    expect(replicas(c)).toBe(1)
  })

  it('edits JSON with -o json (no header) and prints the object edited in JSON', () => {
    const c = cluster()
    const json = c.kubectl('get svc web -o json').stdout
    const r = edit(c, ['edit', 'svc/web', '-o', 'json'], (t) => t.replace('"port": 80,', '"port": 81,'))
    expect(r.seen).toEqual([json])
    expect(r.paths[0]).toMatch(/\.json$/)
    expect(r.exitCode).toBe(0)
    expect(JSON.parse(r.stdout).spec.ports[0].port).toBe(81)
  })

  it('prints the patch with --output-patch', () => {
    const c = cluster()
    const r = edit(c, ['edit', 'deploy/web', '--output-patch'], (t) => t.replace(/^ {2}replicas: 2$/gm, '  replicas: 3'))
    expect(r.stdout).toBe('Patch: {"spec":{"replicas":3},"status":{"replicas":3}}\ndeployment.apps/web edited\n')
  })

  it("shows the apiserver's reasons a pod update is forbidden, one comment line each", () => {
    const c = cluster()
    const r = edit(c, ['edit', 'pod/p'], (t) => t.replace(/^ {2}- image: nginx:1.27$/m, '  - command: [sleep, "1"]\n    image: nginx:1.27'))
    expect(r.seen[1]).toContain(
      '# pods "p" was not valid:\n# * spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)\n#   spec.containers[0].command: null -> ["sleep","1"]\n#\n',
    )
    expect(r.exitCode).toBe(1)
    // The image may change.
    expect(edit(c, ['edit', 'pod/p'], (t) => t.replace('image: nginx:1.27', 'image: nginx:1.28'))).toMatchObject({ stdout: 'pod/p edited\n', exitCode: 0 })
  })

  it('refuses a namespace the command was not given', () => {
    const c = cluster()
    const r = edit(c, ['edit', 'deploy/web'], (t) => t.replace(/^ {2}namespace: default$/m, '  namespace: other'))
    expect(r.stderr).toBe(
      `A copy of your changes has been stored to "${r.paths[0]}"\nerror: the namespace from the provided object "other" does not match the namespace "default". You must pass '--namespace=other' to perform this operation.\n`,
    )
    expect(r.exitCode).toBe(1)
  })

  it('says what is wrong before any editor opens', () => {
    const c = cluster()
    const none = (argv: string[]) => {
      const r = edit(c, argv, (t) => t)
      expect(r.seen, argv.join(' ')).toEqual([])
      return { stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode }
    }
    expect(none(['edit', 'deploy/nope'])).toEqual({ stdout: '', stderr: 'Error from server (NotFound): deployments.apps "nope" not found\n', exitCode: 1 })
    expect(none(['edit', 'deploy', '-l', 'app=none'])).toEqual({ stdout: '', stderr: "Error: unknown shorthand flag: 'l' in -l\nSee 'kubectl edit --help' for usage.\n", exitCode: 1 })
    expect(none(['edit']).stderr).toBe(
      "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n",
    )
    expect(none(['edit', 'deploy/web', 'extra']).stderr).toMatch(/^error: there is no need to specify a resource type as a separate argument/)
    expect(none(['edit', 'deploy/web', '--validate=bad']).stderr).toBe('error: invalid - validate option "bad"; must be one of: strict (or true), warn, ignore (or false)\n')
    // The programmatic API has no terminal to open an editor in.
    expect(c.kubectl('edit deploy/web')).toEqual({ stdout: '', stderr: 'error: kubectl edit needs an editor, and this kubectl has none: use kubectl patch, set, scale or replace\n', exitCode: 1 })
  })
})

describe("kubectl edit's editor", () => {
  it('is $KUBE_EDITOR, run on a temp file named kubectl-edit-*.yaml that goes once saved', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kl-edit-'))
    const script = join(dir, 'editor.sh')
    writeFileSync(script, `#!/bin/sh\necho "$1" > ${dir}/seen\nsed -i 's/^  replicas: 2$/  replicas: 5/' "$1"\n`)
    chmodSync(script, 0o755)
    const c = cluster()
    const before = { KUBE_EDITOR: process.env.KUBE_EDITOR, EDITOR: process.env.EDITOR }
    process.env.KUBE_EDITOR = script
    try {
      const r = runKubectl(c.sim, ['edit', 'deploy/web'], nodeIO(dir))
      expect(r).toEqual({ stdout: 'deployment.apps/web edited\n', stderr: '', exitCode: 0 })
      expect(replicas(c)).toBe(5)
      const seen = readFileSync(join(dir, 'seen'), 'utf8').trim()
      expect(seen).toMatch(new RegExp(`^${tmpdir()}/kubectl-edit-\\d+\\.yaml$`))
      expect(existsSync(seen)).toBe(false)
      process.env.KUBE_EDITOR = join(dir, 'no-such-editor')
      expect(runKubectl(c.sim, ['edit', 'deploy/web'], nodeIO(dir)).stderr).toBe(`error: unable to launch the editor "${join(dir, 'no-such-editor')}"\n`)
      process.env.KUBE_EDITOR = 'false'
      expect(runKubectl(c.sim, ['edit', 'deploy/web'], nodeIO(dir)).stderr).toBe('error: there was a problem with the editor "false"\n')
    } finally {
      for (const [k, v] of Object.entries(before)) if (v === undefined) delete process.env[k]
      else process.env[k] = v
    }
  })
})

/**
 * The same edits by real kubectl 1.32 (on a twin of the cluster, served by the bridge) and by ours:
 * each pass of the editor is the same shell command on the file, for both.
 */
const DIFFERENTIAL: Record<string, { argv: string[]; passes: string[] }> = {
  replicas: { argv: ['edit', 'deploy/web'], passes: ["sed -i 's/^  replicas: 2$/  replicas: 3/' \"$1\""] },
  unchanged: { argv: ['edit', 'deploy/web'], passes: [] },
  emptied: { argv: ['edit', 'deploy/web'], passes: [': > "$1"'] },
  invalid: { argv: ['edit', 'deploy/web'], passes: ["sed -i 's/^  replicas: 2$/  replicas: -1/' \"$1\""] },
  fixed: { argv: ['edit', 'deploy/web'], passes: ["sed -i 's/^  replicas: 2$/  replicas: -1/' \"$1\"", "sed -i 's/^  replicas: -1$/  replicas: 4/' \"$1\""] },
  renamed: { argv: ['edit', 'deploy/web'], passes: ["sed -i 's/^  name: web$/  name: web2/' \"$1\""] },
  json: { argv: ['edit', 'svc/web', '-o', 'json'], passes: ['sed -i \'s/"port": 80,/"port": 81,/\' "$1"'] },
  missing: { argv: ['edit', 'deploy/nope'], passes: [] },
  image: { argv: ['edit', 'pod/p'], passes: ["sed -i 's/image: nginx:1.27/image: nginx:1.28/' \"$1\""] },
  forbidden: { argv: ['edit', 'pod/p'], passes: ["sed -i 's/^  - image: nginx:1.27$/  - command: [sleep, \"1\"]\\n    image: nginx:1.27/' \"$1\""] },
  patch: { argv: ['edit', 'deploy/web', '--output-patch'], passes: ["sed -i 's/^  replicas: 2$/  replicas: 3/' \"$1\""] },
  namespace: { argv: ['edit', 'deploy/web'], passes: ["sed -i 's/^  namespace: default$/  namespace: other/' \"$1\""] },
}

describe.skipIf(!hasKubectl132())('kubectl edit against real kubectl 1.32, the same editor for both', () => {
  // A scripted editor: it keeps each file it is given, then runs this pass's command on it.
  const root = mkdtempSync(join(tmpdir(), 'kl-edit-diff-'))
  const script = join(root, 'editor.sh')
  writeFileSync(script, '#!/bin/bash\nn=$(cat "$ED_DIR/count" 2>/dev/null || echo 0); n=$((n+1)); echo $n > "$ED_DIR/count"\ncp "$1" "$ED_DIR/seen.$n"\nif [ -f "$ED_DIR/pass.$n" ]; then bash "$ED_DIR/pass.$n" "$1"; fi\n')
  chmodSync(script, 0o755)
  const base = cluster()
  const snapshot = base.snapshot()
  // Temp files are named after the binary and a random number: the same name for both.
  const tidy = (s: string): string => s.replace(/\/tmp\/kubectl(?:\.1\.32)?-edit-\d+\.(yaml|json)/g, '/tmp/kubectl-edit-N.$1')

  it.each(Object.entries(DIFFERENTIAL))('%s', async (name, c) => {
    const dir = join(root, name)
    execFileSync('mkdir', ['-p', dir])
    c.passes.forEach((p, i) => writeFileSync(join(dir, `pass.${i + 1}`), `${p}\n`))
    const theirs = Cluster.restore(structuredClone(snapshot))
    const bridge = await startBridge(theirs.sim)
    let real
    try {
      real = await realKubectl(bridge, c.argv, { env: { EDITOR: script, ED_DIR: dir } })
    } finally {
      await bridge.close()
    }
    const realSeen: string[] = []
    for (let n = 1; existsSync(join(dir, `seen.${n}`)); n++) realSeen.push(readFileSync(join(dir, `seen.${n}`), 'utf8'))
    const mine = Cluster.restore(structuredClone(snapshot))
    const ours = edit(mine, c.argv, ...c.passes.map((p) => (text: string) => {
      const f = join(dir, 'ours')
      writeFileSync(f, text)
      execFileSync('bash', ['-c', p, 'editor', f])
      return readFileSync(f, 'utf8')
    }))
    expect({ stdout: tidy(ours.stdout), stderr: tidy(ours.stderr), exitCode: ours.exitCode }).toEqual({ stdout: tidy(real.stdout), stderr: tidy(real.stderr), exitCode: real.exitCode })
    expect(ours.seen).toEqual(realSeen)
    for (const [type, obj] of [['deployment', 'web'], ['service', 'web'], ['pod', 'p']]) {
      const strip = (o: unknown): unknown => JSON.parse(JSON.stringify(o ?? null, (k, v) => (k === 'resourceVersion' || k === 'status' ? undefined : v)))
      expect(strip(mine.get(type, obj, 'default')), `${type}/${obj}`).toEqual(strip(theirs.get(type, obj, 'default')))
    }
  })
})
