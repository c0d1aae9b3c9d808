// The kubectl bundle's entry (scripts/bundle.mjs): the playground commands bin/run.js runs without
// loading oclif, all from one bundle and one code cache.
export { kubectlMain } from '../course/playground-kubectl.js'
export { clusterMain } from './cluster-main.js'
