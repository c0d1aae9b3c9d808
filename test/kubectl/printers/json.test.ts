import { describe, expect, it } from 'vitest'
import { goJson, goJsonCompact, goJsonInOrder } from '../../../src/kubectl/printers/json.js'
import { asList } from '../../../src/kubectl/printers/output.js'

describe('-o json prints objects from the server as encoding/json does', () => {
  it('sorts keys and indents by four spaces', () => {
    expect(goJson({ kind: 'Pod', apiVersion: 'v1', metadata: { name: 'p', labels: {} }, spec: { containers: [] } })).toBe(
      '{\n    "apiVersion": "v1",\n    "kind": "Pod",\n    "metadata": {\n        "labels": {},\n        "name": "p"\n    },\n    "spec": {\n        "containers": []\n    }\n}',
    )
  })

  it('escapes <, > and & as Go does', () => {
    expect(goJsonCompact({ m: '<none> & "x"\n' })).toBe('{"m":"\\u003cnone\\u003e \\u0026 \\"x\\"\\n"}')
  })

  it('wraps several objects in a List whose resourceVersion is empty', () => {
    expect(goJson(asList([]))).toBe('{\n    "apiVersion": "v1",\n    "items": [],\n    "kind": "List",\n    "metadata": {\n        "resourceVersion": ""\n    }\n}')
  })

  it('keeps a typed object\'s fields in the order given (a Go struct), nested too, still escaping as Go', () => {
    expect(goJsonInOrder({ kind: 'EventList', apiVersion: 'v1', metadata: {}, items: [{ reason: 'x', message: '<a>', skipped: undefined }] })).toBe(
      '{\n    "kind": "EventList",\n    "apiVersion": "v1",\n    "metadata": {},\n    "items": [\n        {\n            "reason": "x",\n            "message": "\\u003ca\\u003e"\n        }\n    ]\n}',
    )
  })
})
