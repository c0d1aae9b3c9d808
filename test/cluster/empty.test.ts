import { describe, expect, it } from 'vitest'
import { NONE, own } from '../../src/cluster/empty.js'

describe('NONE and own', () => {
  it('share one frozen empty record until the first write, which gives the holder its own', () => {
    const a: { reasons: Record<string, string> } = { reasons: NONE }
    const b: { reasons: Record<string, string> } = { reasons: NONE }
    expect(Object.isFrozen(a.reasons)).toBe(true)
    expect(JSON.stringify(a)).toBe('{"reasons":{}}')
    own(a, 'reasons').x = 'y'
    expect(a.reasons).toEqual({ x: 'y' })
    expect(a.reasons).not.toBe(NONE)
    // The holder's own record stays its own; the other holder still shares the empty one.
    const mine = a.reasons
    own(a, 'reasons').z = 'w'
    expect(a.reasons).toBe(mine)
    expect(b.reasons).toBe(NONE)
    expect(NONE).toEqual({})
    // Deleting what is not there is allowed on the shared record, as on any other.
    expect(() => delete (b.reasons as Record<string, string>).x).not.toThrow()
  })
})
