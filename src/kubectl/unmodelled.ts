// Flags kubectl 1.32 has that the playground does not model yet, by command path. They are parsed
// with their real types, so that a bad value gets pflag's own error (`--grace-period=abc`,
// `--timeout=5`) and a mistyped name stays an unknown flag; a well-formed one is then refused in
// one sentence, rather than called unknown (it is not) or silently ignored.
import type { FlagSpec } from './args.js'

const TEMPLATE: readonly FlagSpec[] = [
  { name: 'allow-missing-template-keys', type: 'bool' },
  { name: 'show-managed-fields', type: 'bool' },
  { name: 'template', type: 'string' },
]
const KUSTOMIZE: FlagSpec = { name: 'kustomize', short: 'k', type: 'string' }
const FILES: readonly FlagSpec[] = [{ name: 'filename', short: 'f', type: 'stringArray' }, KUSTOMIZE, { name: 'recursive', short: 'R', type: 'bool' }]
const DELETION: readonly FlagSpec[] = [
  { name: 'cascade', type: 'string', noOptDefault: 'background' },
  { name: 'force', type: 'bool' },
  { name: 'grace-period', type: 'int' },
  { name: 'timeout', type: 'duration' },
  { name: 'wait', type: 'bool' },
]

export const UNMODELLED: Readonly<Record<string, readonly FlagSpec[]>> = {
  get: [KUSTOMIZE, { name: 'recursive', short: 'R', type: 'bool' }, { name: 'subresource', type: 'string' }],
  describe: FILES,
  apply: [
    ...TEMPLATE,
    ...DELETION,
    { name: 'all', type: 'bool' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'openapi-patch', type: 'bool' },
    { name: 'prune-allowlist', type: 'stringArray' },
    { name: 'subresource', type: 'string' },
  ],
  delete: [{ name: 'interactive', short: 'i', type: 'bool' }, KUSTOMIZE, { name: 'raw', type: 'string' }],
  logs: [
    { name: 'all-pods', type: 'bool' },
    { name: 'ignore-errors', type: 'bool' },
    { name: 'insecure-skip-tls-verify-backend', type: 'bool' },
    { name: 'limit-bytes', type: 'int' },
    { name: 'max-log-requests', type: 'int' },
    { name: 'prefix', type: 'bool' },
    { name: 'since-time', type: 'string' },
  ],
  scale: [...TEMPLATE, KUSTOMIZE],
  label: [...TEMPLATE, KUSTOMIZE, { name: 'field-selector', type: 'string' }, { name: 'local', type: 'bool' }],
  taint: [...TEMPLATE, { name: 'validate', type: 'string', noOptDefault: 'strict' }],
  replace: [...TEMPLATE, KUSTOMIZE, { name: 'raw', type: 'string' }, { name: 'subresource', type: 'string' }],
  edit: [...TEMPLATE, KUSTOMIZE, { name: 'subresource', type: 'string' }],
  annotate: [...TEMPLATE, KUSTOMIZE, { name: 'field-selector', type: 'string' }, { name: 'local', type: 'bool' }],
  run: [...TEMPLATE, ...DELETION, ...FILES],
  wait: [...TEMPLATE, { name: 'local', type: 'bool' }],
  patch: [...TEMPLATE, KUSTOMIZE, { name: 'local', type: 'bool' }],
  expose: [...TEMPLATE, KUSTOMIZE, { name: 'overrides', type: 'string' }],
  create: [...TEMPLATE, { name: 'edit', type: 'bool' }, { name: 'raw', type: 'string' }, { name: 'selector', short: 'l', type: 'string' }, { name: 'windows-line-endings', type: 'bool' }],
  ...Object.fromEntries(
    ['deployment', 'ingress', 'namespace', 'serviceaccount', 'service clusterip', 'service nodeport', 'service loadbalancer', 'service externalname'].map((g) => [`create ${g}`, TEMPLATE]),
  ),
  ...Object.fromEntries(['configmap', 'secret generic', 'secret docker-registry', 'secret tls'].map((g) => [`create ${g}`, TEMPLATE])),
  'rollout history': TEMPLATE,
  'rollout undo': TEMPLATE,
  'rollout restart': TEMPLATE,
  'rollout pause': TEMPLATE,
  'rollout resume': TEMPLATE,
  'set image': [...TEMPLATE, KUSTOMIZE],
}
