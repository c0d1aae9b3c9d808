// KubelingsCommand's one line for oclif's parse errors.
import { describe, expect, it } from 'vitest'
import { parseErrorLine } from '../../src/ui/command.js'

describe('parseErrorLine', () => {
  it.each([
    ['Missing 1 required arg:\nduration  how long, e.g. 30s, 5m, 1h\nSee more help with --help', 'Missing 1 required arg: duration (how long, e.g. 30s, 5m, 1h)'],
    ['Missing 2 required args:\nkey  the setting\nvalue  the new value\nSee more help with --help', 'Missing 2 required args: key (the setting), value (the new value)'],
    ['Missing 1 required arg:\nnode\nSee more help with --help', 'Missing 1 required arg: node'],
    ['Nonexistent flag: --bogus\nSee more help with --help', 'Nonexistent flag: --bogus'],
    ['Expected --lang=fr to be one of: en, zh\nSee more help with --help', 'Expected --lang=fr to be one of: en, zh'],
  ])('%j', (message, line) => {
    expect(parseErrorLine(message)).toBe(line)
  })
})
