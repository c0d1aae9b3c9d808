// oclif's command_not_found hook: a command kubelings does not have gets an error in the words of the
// other usage errors (KubelingsCommand.catch), with cobra's "Did you mean" when a command is close,
// and exit 2, instead of oclif's ` ›   Error: command clustr:status not found`. oclif also lands here
// for a command followed by a word it does not take (`cluster status now`, read as one id).
import type { Hook } from '@oclif/core'
import { unknownCommandMessage } from '../ui/unknown-command.js'

const hook: Hook<'command_not_found'> = async function (options) {
  const ids = options.config.commands.filter((c) => !c.hidden).map((c) => c.id)
  const topics = options.config.topics.map((t) => t.name)
  process.stderr.write(unknownCommandMessage(options.id, ids, topics))
  process.exitCode = 2
  return true
}

export default hook
