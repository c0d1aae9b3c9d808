// etcd finds the plain (unhinted) watchers of a write among the prefixes that can match keys of its
// range (`/registry/pods/`), remembered per range and forgotten when a prefix comes or goes. Who
// hears a write, and in which order, must be what testing every prefix gives: every watcher whose
// prefix the key starts with, in the order the watches started.
import { describe, expect, it } from 'vitest'
import { Etcd } from '../../src/cluster/etcd.js'

describe('plain watchers by range', () => {
  it('hear what their prefix holds, in the order their watches started, as prefixes come and go', () => {
    const etcd = new Etcd()
    const heard: string[] = []
    const watch = (name: string, prefix: string) => etcd.watch(prefix, etcd.revision, (e) => heard.push(`${name}:${e.key}`))!
    const prefixes: [string, string][] = [
      ['all', ''],
      ['registry', '/registry/'],
      ['pods', '/registry/pods/'],
      ['podsDefault', '/registry/pods/default/'],
      ['podsKube', '/registry/pods/kube-system/'],
      ['services', '/registry/services/'],
      ['podsShort', '/registry/po'],
      ['other', '/other/'],
    ]
    const cancels = new Map<string, () => void>()
    for (const [name, prefix] of prefixes) cancels.set(name, watch(name, prefix))
    const keys = ['/registry/pods/default/web', '/registry/pods/kube-system/dns', '/registry/services/default/web', '/registry/podsx', '/registry', '/other/a', '/registry/pods/other/x']
    const expected = (names: string[]) =>
      keys.flatMap((key) => prefixes.filter(([name, prefix]) => names.includes(name) && key.startsWith(prefix)).map(([name]) => `${name}:${key}`))
    const writeAll = () => {
      heard.length = 0
      for (const key of keys) etcd.put(key, { v: etcd.revision })
    }
    let live = prefixes.map(([name]) => name)
    writeAll()
    expect(heard).toEqual(expected(live))
    // A prefix goes (its last watcher stops) and comes back: it then hears after the others, as a later watch.
    cancels.get('pods')!()
    live = live.filter((n) => n !== 'pods')
    writeAll()
    expect(heard).toEqual(expected(live))
    cancels.set('pods', watch('pods', '/registry/pods/'))
    prefixes.push(prefixes.splice(2, 1)[0])
    live.push('pods')
    writeAll()
    expect(heard).toEqual(expected(live))
    // A second watcher on a prefix that is there already.
    watch('podsDefault2', '/registry/pods/default/')
    prefixes.push(['podsDefault2', '/registry/pods/default/'])
    live.push('podsDefault2')
    writeAll()
    expect(heard).toEqual(expected(live))
  })
})
