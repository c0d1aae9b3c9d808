// kubectl api-versions: the group versions of discovery, sorted as strings (checked against real
// kubectl 1.32 over the bridge).
import { describe, expect, it } from 'vitest'
import { Cluster } from '../../../src/index.js'

describe('kubectl api-versions', () => {
  const c = Cluster.create({ components: false, systemPods: false })

  it('prints every group/version, core v1 last', () => {
    expect(c.kubectl('api-versions')).toEqual({
      exitCode: 0,
      stderr: '',
      stdout: 'apps/v1\ncoordination.k8s.io/v1\ndiscovery.k8s.io/v1\nevents.k8s.io/v1\nnetworking.k8s.io/v1\nv1\n',
    })
  })

  it('refuses arguments in kubectl words', () => {
    expect(c.kubectl('api-versions foo')).toEqual({ exitCode: 1, stdout: '', stderr: "error: unexpected arguments: [foo]\nSee 'kubectl api-versions -h' for help and examples\n" })
  })
})
