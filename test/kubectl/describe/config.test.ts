import { expect, it } from 'vitest'
import { SimulatedCluster } from '../../../src/cluster/cluster.js'
import { memoryIO } from '../../../src/kubectl/io.js'
import { runKubectl } from '../../../src/kubectl/run.js'

const T0 = Date.UTC(2026, 10, 25, 2, 0, 0)
const files = {
  'cm.yaml': `apiVersion: v1
kind: ConfigMap
metadata:
  name: app
data:
  app.conf: |
    a=1
    b=2
  mode: fast
binaryData:
  logo.png: iVBORw0KGgo=
`,
  's.yaml': `apiVersion: v1
kind: Secret
metadata:
  name: db
stringData:
  password: s3cr3t
data:
  user: YWRtaW4=
`,
  'sa.yaml': `apiVersion: v1
kind: ServiceAccount
metadata:
  name: builder
secrets:
- name: gone
imagePullSecrets:
- name: db
`,
}

function cluster(): { run: (...args: string[]) => string } {
  const c = SimulatedCluster.create({ startTime: T0, seed: 1, components: false })
  const io = memoryIO(files)
  for (const f of Object.keys(files)) runKubectl(c, ['apply', '-f', f], io)
  c.advance(65_000)
  return { run: (...args) => runKubectl(c, args, io).stdout }
}

it('lists configmaps, secrets and service accounts with their counts (printConfigMap, printSecret, printServiceAccount)', () => {
  expect(cluster().run('get', 'cm,secret,sa')).toBe(
    'NAME            DATA   AGE\nconfigmap/app   3      65s\n\n' +
      'NAME        TYPE     DATA   AGE\nsecret/db   Opaque   2      65s\n\n' +
      'NAME                     SECRETS   AGE\nserviceaccount/builder   1         65s\n',
  )
})

it('describes a configmap: each value under its key, binaryData by size', () => {
  expect(cluster().run('describe', 'configmap', 'app')).toBe(
    'Name:         app\nNamespace:    default\nLabels:       <none>\nAnnotations:  <none>\n\n' +
      'Data\n====\napp.conf:\n----\na=1\nb=2\n\n\nmode:\n----\nfast\n\n\n' +
      'BinaryData\n====\nlogo.png: 8 bytes\n\nEvents:  <none>\n',
  )
})

it('describes a secret without showing its values', () => {
  expect(cluster().run('describe', 'secret', 'db')).toBe(
    'Name:         db\nNamespace:    default\nLabels:       <none>\nAnnotations:  <none>\n\nType:  Opaque\n\nData\n====\npassword:  6 bytes\nuser:      5 bytes\n',
  )
})

it('describes a service account, marking a secret it names that does not exist', () => {
  expect(cluster().run('describe', 'sa', 'builder')).toBe(
    'Name:                builder\nNamespace:           default\nLabels:              <none>\nAnnotations:         <none>\n' +
      'Image pull secrets:  db\nMountable secrets:   gone (not found)\nTokens:              <none>\nEvents:              <none>\n',
  )
})
