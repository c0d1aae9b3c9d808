import { describe, expect, it } from 'vitest'
import { SimulatedCluster } from '../../../src/cluster/cluster.js'
import { memoryIO } from '../../../src/kubectl/io.js'
import { runKubectl } from '../../../src/kubectl/run.js'

const files = {
  'conf/app.conf': 'a=1\n',
  'conf/b.txt': 'bee',
  'app.env': '# comment\nMODE=fast\n\n  LEVEL=3\n',
  'bad.env': '1X=2\n',
  'tls.crt': '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n',
  'tls.key': '-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n',
}

function kubectl(): (...args: string[]) => { stdout: string; stderr: string; exitCode: number } {
  const c = SimulatedCluster.create({ startTime: Date.UTC(2026, 10, 25, 2), seed: 1, components: false })
  const io = memoryIO(files)
  return (...args) => runKubectl(c, args, io)
}

describe('kubectl create configmap', () => {
  it('takes files (a directory: each file), then literals, as keys', () => {
    expect(kubectl()('create', 'configmap', 'app', '--from-literal=mode=fast', '--from-file=conf', '--from-file=renamed=conf/b.txt', '--dry-run=client', '-o', 'yaml').stdout).toBe(
      'apiVersion: v1\ndata:\n  app.conf: |\n    a=1\n  b.txt: bee\n  mode: fast\n  renamed: bee\nkind: ConfigMap\nmetadata:\n  creationTimestamp: null\n  name: app\n',
    )
  })

  it('reads an env file: comments and blank lines skipped, leading space trimmed', () => {
    const run = kubectl()
    expect(run('create', 'cm', 'env', '--from-env-file=app.env').stdout).toBe('configmap/env created\n')
    expect(run('get', 'cm', 'env', '-o', 'jsonpath={.data}').stdout).toBe('{"LEVEL":"3","MODE":"fast"}')
  })

  it.each([
    { args: ['--from-literal=bad'], stderr: 'error: invalid literal source bad, expected key=value\n' },
    { args: ['--from-literal==1'], stderr: 'error: invalid literal source =1, expected key=value\n' },
    { args: ['--from-literal=a=1', '--from-literal=a=2'], stderr: 'error: cannot add key "a", another key by that name already exists in Data for ConfigMap "x"\n' },
    { args: ['--from-literal=..a=1'], stderr: `error: "..a" is not a valid key name for a ConfigMap: must not start with '..'\n` },
    { args: ['--from-file=nope'], stderr: 'error: error reading nope: no such file or directory\n' },
    { args: ['--from-file=k=conf'], stderr: 'error: cannot give a key name for a directory path\n' },
    { args: ['--from-file==conf/b.txt'], stderr: 'error: key name for file path conf/b.txt missing\n' },
    { args: ['--from-env-file=app.env', '--from-literal=a=1'], stderr: 'error: from-env-file cannot be combined with from-file or from-literal\n' },
    {
      args: ['--from-env-file=bad.env'],
      stderr: `error: "1X" is not a valid key name: a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')\n`,
    },
  ])('refuses $args', ({ args, stderr }) => {
    expect(kubectl()('create', 'cm', 'x', ...args)).toEqual({ stdout: '', stderr, exitCode: 1 })
  })

  it('wraps a refusal of the apiserver', () => {
    const run = kubectl()
    run('create', 'cm', 'x')
    expect(run('create', 'cm', 'x').stderr).toBe('error: failed to create configmap: configmaps "x" already exists\n')
  })
})

describe('kubectl create secret', () => {
  it('generic: literals as base64 data, Opaque by the apiserver', () => {
    const run = kubectl()
    expect(run('create', 'secret', 'generic', 'db', '--from-literal=user=admin', '--from-literal=password=s3cr3t').stdout).toBe('secret/db created\n')
    expect(run('get', 'secret', 'db', '-o', 'jsonpath={.type} {.data}').stdout).toBe('Opaque {"password":"czNjcjN0","user":"YWRtaW4="}')
    expect(run('create', 'secret', 'generic', 'db').stderr).toBe('error: failed to create secret secrets "db" already exists\n')
    expect(run('create', 'secret', 'generic', 'k', '--from-literal=a b=1').stderr).toMatch(/^error: "a b" is not valid key name for a Secret a valid config key must consist/)
  })

  it('docker-registry: a .dockerconfigjson for the server, Docker Hub by default', () => {
    const out = kubectl()('create', 'secret', 'docker-registry', 'reg', '--docker-username=u', '--docker-password=p', '--dry-run=client', '-o', 'json').stdout
    expect(Buffer.from((JSON.parse(out) as { data: Record<string, string> }).data['.dockerconfigjson']!, 'base64').toString()).toBe('{"auths":{"https://index.docker.io/v1/":{"username":"u","password":"p","auth":"dTpw"}}}')
    expect(kubectl()('create', 'secret', 'docker-registry', 'reg').stderr).toBe(
      'error: either --from-file or the combination of --docker-username, --docker-password and --docker-server is required\n',
    )
  })

  it('tls: the certificate and key files as tls.crt and tls.key', () => {
    const run = kubectl()
    expect(run('create', 'secret', 'tls', 'site', '--cert=tls.crt', '--key=tls.key').stdout).toBe('secret/site created\n')
    expect(run('get', 'secret', 'site').stdout).toBe('NAME   TYPE                DATA   AGE\nsite   kubernetes.io/tls   2      0s\n')
    expect(run('create', 'secret', 'tls', 'x').stderr).toBe('error: key and cert must be specified\n')
    expect(run('create', 'secret', 'tls', 'x', '--cert=tls.key', '--key=tls.crt').stderr).toBe('error: tls: failed to find any PEM data in key input\n')
  })

  it('without a subcommand prints its help on stderr and fails', () => {
    const r = kubectl()('create', 'secret')
    expect([r.exitCode, r.stdout, r.stderr.split('\n')[0]]).toEqual([1, '', 'Create a secret with specified type.'])
  })
})

describe('kubectl create serviceaccount', () => {
  it('creates an account with no secrets', () => {
    const run = kubectl()
    expect(run('create', 'sa', 'builder', '-n', 'default').stdout).toBe('serviceaccount/builder created\n')
    expect(run('get', 'sa', 'builder').stdout).toBe('NAME      SECRETS   AGE\nbuilder   0         0s\n')
    expect(run('create', 'serviceaccount').stderr).toBe("error: exactly one NAME is required, got 0\nSee 'kubectl create serviceaccount -h' for help and examples\n")
  })
})
