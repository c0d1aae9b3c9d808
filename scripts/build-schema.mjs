// Extracts the API schema of the kinds the simulated apiserver serves from the `.d.ts` files of
// `kubernetes-types` (a dependency), with the TypeScript compiler API, and writes two generated,
// gitignored files that tsc then copies to dist/:
//   src/generated/schema.json       types: per definition, its fields, their types, required-ness
//                                   (imported by the apiserver for strict decoding; kept small)
//   src/generated/schema-docs.json  descriptions: per definition, its own and its fields' doc text
//                                   (imported by `kubectl explain` only)
// Type strings follow OpenAPI as kubectl explain shows it: string, integer, number, boolean,
// IntOrString, Quantity, Time, MicroTime, a definition name (`core.v1.Container`), `[]T`, `map[string]T`.
// Run before tsc: `node scripts/build-schema.mjs && tsc -p tsconfig.json`.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'

const require = createRequire(import.meta.url)
const ROOT = dirname(require.resolve('kubernetes-types/package.json'))
const OUT = join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'generated')

/** The kinds served (src/cluster/resources.ts), as `<file>.<Name>` under kubernetes-types. */
const ROOTS = [
  'core/v1.Pod', 'core/v1.Service', 'core/v1.Node', 'core/v1.Namespace', 'core/v1.Endpoints', 'core/v1.Event',
  'core/v1.ConfigMap', 'core/v1.Secret', 'core/v1.ServiceAccount', 'core/v1.ComponentStatus',
  'apps/v1.Deployment', 'apps/v1.ReplicaSet', 'apps/v1.DaemonSet', 'apps/v1.ControllerRevision', 'discovery/v1.EndpointSlice', 'events/v1.Event', 'coordination/v1.Lease', 'networking/v1.Ingress', 'networking/v1.IngressClass',
]

/** Type aliases that the apiserver decodes with their own rules (custom UnmarshalJSON). */
const SPECIAL = { 'api/resource.Quantity': 'Quantity', 'meta/v1.Time': 'Time', 'meta/v1.MicroTime': 'MicroTime' }

/** Parsed `.d.ts` files by module path (`core/v1`): declarations by name and imports by name. */
const modules = new Map()

function loadModule(path) {
  let m = modules.get(path)
  if (m) return m
  const text = readFileSync(join(ROOT, `${path}.d.ts`), 'utf8')
  const file = ts.createSourceFile(`${path}.d.ts`, text, ts.ScriptTarget.Latest, true)
  m = { path, text, declarations: new Map(), imports: new Map() }
  for (const st of file.statements) {
    if (ts.isImportDeclaration(st)) {
      const from = relative(ROOT, join(ROOT, dirname(path), st.moduleSpecifier.text))
      for (const el of st.importClause?.namedBindings?.elements ?? []) m.imports.set(el.name.text, from)
    } else if (ts.isInterfaceDeclaration(st) || ts.isTypeAliasDeclaration(st)) {
      m.declarations.set(st.name.text, st)
    }
  }
  modules.set(path, m)
  return m
}

/** `core/v1.Container` -> `core.v1.Container`: the definition name, its last segment the kind. */
const definitionName = (qualified) => qualified.replace('/', '.')

/** The doc comment before a node, as its text: JSDoc lines joined by newlines (paragraphs by blank lines). */
function docOf(m, node) {
  const ranges = ts.getLeadingCommentRanges(m.text, node.pos) ?? []
  const doc = ranges.map((r) => m.text.slice(r.pos, r.end)).filter((c) => c.startsWith('/**')).pop()
  if (!doc) return ''
  const body = doc.slice(3, -2)
  const lines = body.split('\n').map((l) => l.replace(/^\s*\* ?/, ''))
  if (lines.length === 1) return lines[0].trim()
  return lines.slice(1, lines.length - 1).join('\n').trim()
}

const definitions = {}
const docs = {}
const queue = []

function typeString(m, node, where) {
  switch (node.kind) {
    case ts.SyntaxKind.StringKeyword:
      return 'string'
    case ts.SyntaxKind.NumberKeyword:
      return 'integer' // kubernetes-types writes int32, int64 (and float64) as number; see schema.ts
    case ts.SyntaxKind.BooleanKeyword:
      return 'boolean'
    case ts.SyntaxKind.LiteralType:
      if (ts.isStringLiteral(node.literal)) return 'string' // apiVersion: "v1", kind: "Pod"
      break
    case ts.SyntaxKind.UnionType: {
      const parts = node.types.map((t) => typeString(m, t, where)).sort()
      if (parts.join('|') === 'integer|string') return 'IntOrString'
      break
    }
    case ts.SyntaxKind.TypeLiteral: {
      const [index] = node.members
      if (node.members.length === 1 && ts.isIndexSignatureDeclaration(index)) return `map[string]${typeString(m, index.type, where)}`
      break
    }
    case ts.SyntaxKind.TypeReference: {
      const name = node.typeName.getText()
      if (name === 'Array') return `[]${typeString(m, node.typeArguments[0], where)}`
      const from = m.declarations.has(name) ? m.path : m.imports.get(name)
      if (!from) throw new Error(`${where}: cannot resolve type ${name}`)
      const qualified = `${from}.${name}`
      if (SPECIAL[qualified]) return SPECIAL[qualified]
      const def = definitionName(qualified)
      if (!(def in definitions)) {
        definitions[def] = null // reserved: visited once
        queue.push(qualified)
      }
      return def
    }
  }
  throw new Error(`${where}: unsupported type ${node.getText()}`)
}

function extract(qualified) {
  const dot = qualified.lastIndexOf('.')
  const m = loadModule(qualified.slice(0, dot))
  const name = qualified.slice(dot + 1)
  const decl = m.declarations.get(name)
  if (!decl || !ts.isInterfaceDeclaration(decl)) throw new Error(`${qualified}: not an interface`)
  const def = definitionName(qualified)
  const properties = {}
  const required = []
  const fieldDocs = { '': docOf(m, decl) }
  for (const member of decl.members) {
    if (!ts.isPropertySignature(member)) throw new Error(`${qualified}: unexpected member ${member.getText()}`)
    const field = member.name.getText()
    properties[field] = typeString(m, member.type, `${qualified}.${field}`)
    if (!member.questionToken) required.push(field)
    fieldDocs[field] = docOf(m, member)
  }
  definitions[def] = required.length ? { properties, required } : { properties }
  docs[def] = fieldDocs
}

for (const r of ROOTS) {
  definitions[definitionName(r)] = null
  queue.push(r)
}
while (queue.length) extract(queue.shift())
// The descriptions of the types decoded by their own rules, under their type string (`Quantity`).
// IntOrString has none: kubernetes-types writes it inline as `number | string`.
for (const [qualified, name] of Object.entries(SPECIAL)) {
  const dot = qualified.lastIndexOf('.')
  const m = loadModule(qualified.slice(0, dot))
  docs[name] = { '': docOf(m, m.declarations.get(qualified.slice(dot + 1))) }
}

const sorted = (o) => Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
mkdirSync(OUT, { recursive: true })
const source = `kubernetes-types ${JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version}`
writeFileSync(join(OUT, 'schema.json'), JSON.stringify({ source, definitions: sorted(definitions) }) + '\n')
writeFileSync(join(OUT, 'schema-docs.json'), JSON.stringify({ source, docs: sorted(docs) }) + '\n')
