// oclif.manifest.json: every command's id, flags, args and help texts, as oclif's own `oclif manifest`
// writes it. Without it oclif imports all 29 command modules (and everything they import) on every
// `kubelings cluster advance` or `kubelings lesson`, to learn which commands exist; with it, only the
// command that runs is imported. Run after tsc (it reads dist/commands); the build always remakes
// it, so a stale manifest cannot outlive a changed command.
import { rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Config } from '@oclif/core'

const root = fileURLToPath(new URL('..', import.meta.url))
const file = join(root, 'oclif.manifest.json')

// oclif reads an existing manifest instead of the commands: make it from the commands themselves.
rmSync(file, { force: true })
const config = await Config.load({ root })
const plugin = config.getPluginsList().find((p) => p.isRoot)
if (!plugin || Object.keys(plugin.manifest.commands).length === 0) throw new Error('oclif found no commands in dist/commands: run tsc first')
writeFileSync(file, `${JSON.stringify(plugin.manifest, null, 2)}\n`)
console.log(`oclif manifest: ${Object.keys(plugin.manifest.commands).length} commands`)
