// What kubectl 1.32 makes of a bad selector and of --sort-by on tables, each text checked against
// real kubectl over the bridge (test/support/kube-http.ts): the builder names the resource and the
// selectors in a LIST's BadRequest (EnhanceListError); a sort field that no row has drops the
// table silently; several tables are themselves sorted first, and a Table has no such field.
import { describe, expect, it } from 'vitest'
import { Cluster } from '../../../src/index.js'

describe('kubectl get and describe: list errors and --sort-by on tables', () => {
  const c = Cluster.create({ seed: 7 })
  c.apply('apiVersion: v1\nkind: Pod\nmetadata: {name: web, labels: {app: web}}\nspec: {containers: [{name: nginx, image: "nginx:1.27"}]}\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: db}\nspec: {containers: [{name: redis, image: "redis:7"}]}\n')
  c.advance('10s')

  it('names the resource and the selectors of a LIST the server refused', () => {
    expect(c.kubectl('get pods --field-selector=nosuch=1')).toEqual({
      stdout: '',
      stderr: 'Error from server (BadRequest): Unable to find "/v1, Resource=pods" that match label selector "", field selector "nosuch=1": field label not supported: nosuch\n',
      exitCode: 1,
    })
    expect(c.kubectl(['get', 'deploy', '-l', 'x in (y'])).toEqual({
      stdout: '',
      stderr: `Error from server (BadRequest): Unable to find "apps/v1, Resource=deployments" that match label selector "x in (y", field selector "": unable to parse requirement: found '', expected: ',' or ')'\n`,
      exitCode: 1,
    })
    expect(c.kubectl(['describe', 'pods', '-l', 'app in (web']).stderr).toBe(
      `Error from server (BadRequest): Unable to find "/v1, Resource=pods" that match label selector "app in (web", field selector "": unable to parse requirement: found '', expected: ',' or ')'\n`,
    )
  })

  it('prints no table whose rows all lack the sort field, and says no resources were found', () => {
    expect(c.kubectl('get pods --sort-by=.nosuch')).toEqual({ stdout: '', stderr: 'No resources found in default namespace.\n', exitCode: 0 })
  })

  it('refuses a sort field that Tables lack when there are several tables', () => {
    const err = { stdout: '', stderr: 'error: couldn\'t find any field with path "{.metadata.name}" in the list of objects\n', exitCode: 1 }
    expect(c.kubectl('get pods,svc --sort-by=.metadata.name')).toEqual(err)
    expect(c.kubectl('get pod web db --sort-by=.metadata.name')).toEqual(err)
    expect(c.kubectl('get pods,svc --sort-by=.kind').exitCode).toBe(0)
    // One table: its rows are sorted.
    expect(c.kubectl('get pods --sort-by=.metadata.name -o custom-columns=N:.metadata.name --no-headers').stdout).toBe('db\nweb\n')
  })
})
