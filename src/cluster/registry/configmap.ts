// ConfigMaps (pkg/registry/core/configmap/strategy.go): no status, no generation. binaryData is
// []byte in Go, so its values must be base64 the apiserver's JSON decoder can read.
import type { ConfigMap } from 'kubernetes-types/core/v1.js'
import type { KubeObject } from '../object.js'
import * as S from '../status.js'
import { validateConfigMap, validateConfigMapUpdate } from '../validation/config.js'
import { undecodableBytes } from './secret.js'
import type { Strategy } from './strategy.js'

const asConfigMap = (o: KubeObject): ConfigMap => o as KubeObject as ConfigMap

export const configMapStrategy: Strategy = {
  uidFromKey: (o) => o.metadata?.name === 'kube-root-ca.crt',
  hasStatus: false,
  tracksGeneration: false,
  nameRule: 'subdomain',
  default: () => {},
  admit: (obj) => {
    const bad = undecodableBytes(asConfigMap(obj).binaryData)
    return bad === undefined ? undefined : S.badRequest(`ConfigMap in version "v1" cannot be handled as a ConfigMap: ${bad}`)
  },
  validate: (obj) => validateConfigMap(asConfigMap(obj)),
  validateUpdate: (obj, old) => validateConfigMapUpdate(asConfigMap(obj), old),
}
