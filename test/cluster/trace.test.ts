import { describe, expect, it } from 'vitest'
import { Trace, TRACE_LIMIT, type TraceEntry } from '../../src/cluster/trace.js'

const entry = (n: number): TraceEntry => ({ time: n, who: 'kubectl', verb: 'get', resource: 'pods', namespace: 'default', name: `p${n}`, revision: n, code: 200 })

describe('the trace', () => {
  it('keeps entries in the order they were recorded', () => {
    const t = new Trace()
    for (let i = 0; i < 3; i++) t.record(entry(i))
    expect(t.entries().map((e) => e.name)).toEqual(['p0', 'p1', 'p2'])
    expect(t.dropped).toBe(0)
  })

  it(`shows only the last ${TRACE_LIMIT} entries and counts every one that fell off`, () => {
    const t = new Trace()
    for (let i = 0; i < TRACE_LIMIT + 7; i++) t.record(entry(i))
    expect(t.entries()).toHaveLength(TRACE_LIMIT)
    expect(t.entries()[0].name).toBe('p7')
    expect(t.dropped).toBe(7)
    for (let i = TRACE_LIMIT + 7; i < 2 * TRACE_LIMIT; i++) t.record(entry(i))
    expect(t.entries()[0].name).toBe(`p${TRACE_LIMIT}`)
    expect(t.entries()[TRACE_LIMIT - 1].name).toBe(`p${2 * TRACE_LIMIT - 1}`)
    expect(t.dropped).toBe(TRACE_LIMIT)
  })

  it('restores from its JSON snapshot with the same entries and the same count of dropped ones', () => {
    const t = new Trace()
    for (let i = 0; i < TRACE_LIMIT + 3; i++) t.record(entry(i))
    const r = Trace.restore(JSON.parse(JSON.stringify(t.snapshot())))
    expect(r.entries()).toEqual(t.entries())
    expect(r.dropped).toBe(3)
    r.record(entry(-1))
    t.record(entry(-1))
    expect(r.snapshot()).toEqual(t.snapshot())
  })
})

describe('the trace as a ring', () => {
  it('keeps the order across its growth and once full, and leaves out the optional fields not given', () => {
    const t = new Trace()
    // Past its first size (1,024) several times, then past the limit.
    for (let i = 0; i < TRACE_LIMIT + 2_500; i++) t.add(i, 'kubelet/node-1', 'patch', 'pods', i % 2 ? 'status' : undefined, 'default', `p${i}`, i + 1, 200)
    const all = t.entries()
    expect(all).toHaveLength(TRACE_LIMIT)
    expect(all.every((e, n) => e.time === 2_500 + n && e.revision === e.time + 1)).toBe(true)
    expect(all[0]).toEqual({ time: 2_500, who: 'kubelet/node-1', verb: 'patch', resource: 'pods', namespace: 'default', name: 'p2500', revision: 2_501, code: 200 })
    expect(Object.keys(all[1])).toEqual(['time', 'who', 'verb', 'resource', 'subresource', 'namespace', 'name', 'revision', 'code'])
    expect(t.recorded).toBe(TRACE_LIMIT + 2_500)
    expect(t.dropped).toBe(2_500)
    t.add(1e12, 'kube-scheduler', 'list', 'nodes', undefined, undefined, undefined, 7, 200)
    expect(JSON.stringify(t.entries().at(-1))).toBe('{"time":1000000000000,"who":"kube-scheduler","verb":"list","resource":"nodes","revision":7,"code":200}')
  })
})
