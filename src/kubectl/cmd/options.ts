// kubectl options (pkg/cmd/options): the flags every command takes, as kubectl 1.32 lists them. Its
// --help prints nothing at all, and any other flag is refused with `Run 'kubectl options' without
// flags.` (kubectl 1.32 begins that line with `error:` or, now and then, cobra's `Error:`: the
// playground always says `error:`).
import type { KubectlCommand } from '../context.js'
import { GLOBAL_OPTIONS_TEXT } from '../help-texts.js'

const options: KubectlCommand = {
  name: 'options',
  short: 'Print the list of flags inherited by all commands',
  help: '',
  flags: [],
  flagError: (error) => `error: ${error}\nRun 'kubectl options' without flags.\n`,
  run(ctx) {
    ctx.out(GLOBAL_OPTIONS_TEXT.replaceAll('{CACHE_DIR}', ctx.io.cacheDir ?? '~/.kube/cache'))
    return 0
  },
}

export default options
