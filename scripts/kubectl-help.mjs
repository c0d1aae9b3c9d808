// Writes src/kubectl/help-texts.ts: the `--help` of kubectl 1.32's commands that the playground has,
// as the real kubectl prints them, less what the playground does not model: the options it does not
// parse (or refuses, src/kubectl/unmodelled.ts) and the examples that use one of those. A short
// paragraph saying what the playground does differently is added where there is one.
// Needs the real kubectl v1.32.x on PATH and a build (dist/) for the flag lists:
//   npm run build && node scripts/kubectl-help.mjs && npm run build
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { COMMANDS } from '../dist/kubectl/cmd/index.js'
import { GLOBAL_FLAGS } from '../dist/kubectl/args.js'
import { UNMODELLED } from '../dist/kubectl/unmodelled.js'

const PATHS = [
  'get', 'describe', 'edit', 'apply', 'create', 'delete', 'logs', 'scale', 'label', 'annotate', 'run', 'wait', 'patch', 'replace', 'expose', 'drain', 'taint', 'exec',
  'port-forward', 'create deployment', 'create namespace', 'create service', 'create service clusterip', 'create service nodeport',
  'create service loadbalancer', 'create configmap', 'create secret', 'create secret generic', 'create secret tls',
  'create secret docker-registry', 'create serviceaccount', 'create ingress', 'rollout status', 'rollout history', 'rollout undo',
  'rollout restart', 'rollout pause', 'rollout resume', 'set image', 'top pod', 'top node',
  'config delete-context', 'config delete-cluster', 'config delete-user', 'config rename-context',
]

/** What the playground does differently, said once, before the examples. */
const NOTES = {
  edit: ' In the kubelings playground the editor is $KUBE_EDITOR, else $EDITOR, else vi, as for kubectl; -k (kustomize), --subresource and -o go-template are not available.',
  get: ' In the kubelings playground --raw answers /healthz, /livez and /readyz, -o go-template is not supported, and a watch lets virtual time pass: it stops after 30 virtual seconds without a change, after 10 virtual minutes, at --request-timeout, or when nothing in the cluster is left to act.',
  apply: ' In the kubelings playground apply is client-side apply; -k (kustomize), --server-side and --prune are not available.',
  drain:
    " In the kubelings playground an eviction is a delete with the pod's grace period (no PodDisruptionBudgets yet), and the wait lets virtual time pass; with --timeout=0s it gives up after 15 virtual minutes, or as soon as nothing in the cluster is left to act.",
  'rollout status':
    ' In the kubelings playground the watch lets virtual time pass; with --timeout=0s (never) it stops after 15 virtual minutes, or as soon as nothing in the cluster is left to act, with "timed out waiting for the condition".',
}

const dir = mkdtempSync(join(tmpdir(), 'kubectl-help-'))
writeFileSync(join(dir, 'config'), 'apiVersion: v1\nkind: Config\nclusters:\n- cluster:\n    server: http://127.0.0.1:1\n  name: none\ncontexts:\n- context:\n    cluster: none\n    user: none\n  name: none\ncurrent-context: none\nusers:\n- name: none\n  user: {}\n')
const real = (path) => execFileSync('kubectl', [...path.split(' '), '--help'], { encoding: 'utf8', env: { PATH: process.env.PATH, HOME: dir, KUBECONFIG: join(dir, 'config') } })

/** The flags the playground parses and acts on for this command path. */
function modelled(path) {
  const [name] = path.split(' ')
  const cmd = COMMANDS.find((c) => c.name === name)
  const sub = path.includes(' ') ? cmd.subcommand?.(path.split(' ').slice(1)) : undefined
  const refused = new Set((UNMODELLED[path] ?? []).map((f) => f.name))
  const flags = (sub?.flags ?? cmd.flags).filter((f) => !refused.has(f.name))
  return { long: new Set([...flags, ...GLOBAL_FLAGS].map((f) => f.name)), short: new Set([...flags, ...GLOBAL_FLAGS].filter((f) => f.short).map((f) => f.short)) }
}

/** Split into sections: a title line (`Examples:`) and its lines; the first section has no title. */
function sections(text) {
  const out = [{ title: '', lines: [] }]
  for (const line of text.split('\n')) {
    if (/^[A-Z][A-Za-z ]*:$/.test(line)) out.push({ title: line, lines: [] })
    else out.at(-1).lines.push(line)
  }
  return out
}

/** Whether a piece of text uses a flag the playground does not have. */
function usesOther(text, flags) {
  for (const m of text.matchAll(/(?:^|\s)--([a-z][a-z0-9-]*)/g)) if (!flags.long.has(m[1])) return true
  for (const m of text.matchAll(/(?:^|\s)-([a-zA-Z])(?=[\s=]|$)/g)) if (!flags.short.has(m[1])) return true
  return false
}

/** Examples are paragraphs of `  # comment` and command lines, separated by a line of two spaces. */
function examples(lines, flags) {
  const paragraphs = []
  let current = []
  for (const line of lines) {
    if (line.trim() === '' && current.length > 0) {
      paragraphs.push(current)
      current = []
    } else if (line.trim() !== '') current.push(line)
  }
  if (current.length > 0) paragraphs.push(current)
  const kept = paragraphs.filter((p) => !usesOther(p.filter((l) => !l.trimStart().startsWith('#')).join('\n'), flags))
  return kept.flatMap((p, i) => (i < kept.length - 1 ? [...p, '  '] : [...p, '']))
}

/** Options are blocks: `    -o, --output='':`, a tab-indented description, a blank line. */
function options(lines, flags) {
  const blocks = []
  for (const line of lines) {
    const m = /^    (?:-(\w), )?--([a-z0-9-]+)=/.exec(line)
    if (m) blocks.push({ name: m[2], lines: [line] })
    else if (blocks.length > 0) blocks.at(-1).lines.push(line)
  }
  return blocks.filter((b) => flags.long.has(b.name)).flatMap((b) => b.lines)
}

function filtered(path) {
  const flags = modelled(path)
  const parts = sections(real(path))
  const out = []
  const note = NOTES[path]
  for (const s of parts) {
    let lines = s.lines
    if (s.title === 'Examples:') lines = examples(lines, flags)
    if (s.title === 'Options:') lines = options(lines, flags)
    // Sections are separated by one blank line; a section left empty goes.
    while (lines.length > 0 && lines.at(-1).trim() === '') lines = lines.slice(0, -1)
    if (s.title !== '' && lines.length === 0) continue
    if (note && s.title !== '' && !out.includes(note)) out.push(note)
    out.push(s.title === '' ? lines.join('\n') : `${s.title}\n${lines.join('\n')}`)
  }
  return `${out.join('\n\n')}\n`
}

const entries = PATHS.map((p) => `  ${JSON.stringify(p)}: ${JSON.stringify(filtered(p))},`)
// `kubectl options` prints the global flags (all parsed by the playground); --cache-dir's default
// ($KUBECACHEDIR, else ~/.kube/cache) is filled in by the command.
const globalOptions = execFileSync('kubectl', ['options'], { encoding: 'utf8', env: { PATH: process.env.PATH, HOME: dir, KUBECONFIG: join(dir, 'config') } }).replaceAll(join(dir, '.kube', 'cache'), '{CACHE_DIR}')
writeFileSync(
  'src/kubectl/help-texts.ts',
  `// Generated by scripts/kubectl-help.mjs from kubectl 1.32's own --help, less the options and examples
// the playground does not model. Do not edit by hand: change the script and run it again.
export const HELP_TEXTS: Readonly<Record<string, string>> = {\n${entries.join('\n')}\n}\n
/** What \`kubectl options\` prints, \`{CACHE_DIR}\` standing for --cache-dir's default. */
export const GLOBAL_OPTIONS_TEXT = ${JSON.stringify(globalOptions)}\n`,
)
rmSync(dir, { recursive: true, force: true })
console.log(`wrote src/kubectl/help-texts.ts (${PATHS.length} commands)`)
