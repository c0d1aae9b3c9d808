// The catalogue of simulated images, and what pulling one does. Facts (tags, entrypoints, commands,
// ports, stop signals) are taken from the images' Dockerfiles and from docker-library/official-images
// `library/<name>` as of 2026-08-21; that date is the catalogue's "now", so `latest` means what it
// meant then. Sizes are compressed linux/amd64 sizes as containerd reports them in the kubelet's
// `Pulled` event; unless a comment says otherwise they are CHOSEN (plausible magnitudes, not looked up
// per tag). Digests are DERIVED, not real: sha256 of the reference, so they are stable and unique.
import type { Millis } from '../clock.js'
import type { Prng } from '../prng.js'
import { err, ok, type Result } from '../result.js'
import { goDuration } from './go-duration.js'
import { parseImageReference, type ImageReference } from './reference.js'
import { sha256Hex } from './sha256.js'
import { flat } from '../flat-string.js'

/** Which userland an image ships: decides which commands exist and which `sh` answers. */
export type Userland = 'busybox' | 'debian' | 'alpine' | 'none'

/** The servers the simulator knows how to run; http.ts answers requests for them. */
export type ServerKind = 'nginx' | 'nginx-hello' | 'httpd' | 'redis' | 'influxd' | 'pause' | 'stress' | 'ingress-nginx' | 'coredns' | 'kube-proxy'
  | 'flanneld' | 'flannel-cni' | 'calico-node' | 'calico-cni' | 'calico-kube-controllers'

export type StopSignal = 'SIGTERM' | 'SIGQUIT' | 'SIGWINCH' | 'SIGINT'

/** The image config (OCI `config`): what a container runs when the pod spec says nothing. */
export interface ImageConfig {
  readonly entrypoint: readonly string[]
  readonly cmd: readonly string[]
  readonly env: Readonly<Record<string, string>>
  /** EXPOSE, TCP. Informational, as in Docker: Kubernetes does not read it. */
  readonly exposedPorts: readonly number[]
  /** STOPSIGNAL; containerd's CRI sends it instead of SIGTERM when set. */
  readonly stopSignal: StopSignal
}

export interface CatalogImage {
  readonly repository: string // docker.io/library/nginx
  readonly tags: readonly string[] // every tag that names this image
  readonly version: string // what the software reports: 1.27.5
  readonly size: number // compressed bytes
  readonly config: ImageConfig
  readonly userland: Userland
  /** The program the default command ends in, if it is one the simulator runs as a server. */
  readonly server?: ServerKind
  /** Resident memory of that server once started, in bytes (CHOSEN; used for OOMKilled). */
  readonly memory: number
}

/** One image as found by a pull: the catalogue entry plus its (derived) digests. */
export interface PulledImage extends CatalogImage {
  readonly reference: ImageReference
  /** Repo digest, as in status.containerStatuses[].imageID: `docker.io/library/nginx@sha256:...`. */
  readonly imageID: string
  /** Config digest, the image ID crictl shows (first 13 characters without `sha256:`). */
  readonly id: string
}

const DEBIAN_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'
const BUSYBOX_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'
const MiB = 1024 * 1024

const nginx = (tags: string[], version: string, size: number, userland: 'debian' | 'alpine'): CatalogImage => ({
  repository: 'docker.io/library/nginx', tags, version, size, userland, server: 'nginx', memory: 8 * MiB,
  // nginxinc/docker-nginx mainline/debian/Dockerfile
  config: {
    entrypoint: ['/docker-entrypoint.sh'], cmd: ['nginx', '-g', 'daemon off;'], exposedPorts: [80], stopSignal: 'SIGQUIT',
    env: { PATH: DEBIAN_PATH, NGINX_VERSION: version },
  },
})

const busybox = (tags: string[], version: string, size: number): CatalogImage => ({
  repository: 'docker.io/library/busybox', tags, version, size, userland: 'busybox', memory: 0,
  // docker-library/busybox: no ENTRYPOINT, CMD ["sh"]
  config: { entrypoint: [], cmd: ['sh'], exposedPorts: [], stopSignal: 'SIGTERM', env: { PATH: BUSYBOX_PATH } },
})

export const CATALOG: readonly CatalogImage[] = [
  // 72188133 bytes is the size in K8S-FACTS §3.6's example event; the other sizes are chosen.
  // Older release lines stay pullable on Docker Hub; manifests and tutorials still pin them. Their
  // last patch releases (1.25.5, 1.26.3) and the first of 1.28 and 1.29 are real tags; sizes chosen.
  nginx(['1.25', '1.25.5'], '1.25.5', 70_991_802, 'debian'),
  nginx(['1.26', '1.26.3'], '1.26.3', 72_099_410, 'debian'),
  nginx(['1.28', '1.28.0'], '1.28.0', 72_224_387, 'debian'),
  nginx(['1.29', '1.29.0'], '1.29.0', 72_215_023, 'debian'),
  nginx(['1.27', '1.27.5'], '1.27.5', 72_188_133, 'debian'),
  nginx(['1.27-alpine', '1.27.5-alpine'], '1.27.5', 20_284_015, 'alpine'),
  nginx(['latest', 'mainline', '1', '1.31', '1.31.4', 'trixie'], '1.31.4', 61_504_920, 'debian'),
  nginx(['stable', '1.30', '1.30.4'], '1.30.4', 61_489_311, 'debian'),
  nginx(['alpine', 'mainline-alpine', '1-alpine', '1.31-alpine', '1.31.4-alpine'], '1.31.4', 22_551_307, 'alpine'),
  // 2166802 bytes is the busybox size in K8S-FACTS §4.1's example event.
  busybox(['1.37', '1.37.0'], '1.37.0', 2_166_802),
  busybox(['latest', '1', '1.38', '1.38.0', 'unstable'], '1.38.0', 2_210_964),
  busybox(['1.36', '1.36.1'], '1.36.1', 2_152_262),
  {
    repository: 'docker.io/library/httpd', tags: ['latest', '2', '2.4', '2.4.68', 'trixie'], version: '2.4.68',
    size: 58_012_745, userland: 'debian', server: 'httpd', memory: 12 * MiB,
    // docker-library/httpd 2.4/Dockerfile: CMD ["httpd-foreground"], STOPSIGNAL SIGWINCH (graceful stop)
    config: {
      entrypoint: [], cmd: ['httpd-foreground'], exposedPorts: [80], stopSignal: 'SIGWINCH',
      env: { PATH: `/usr/local/apache2/bin:${DEBIAN_PATH}`, HTTPD_PREFIX: '/usr/local/apache2', HTTPD_VERSION: '2.4.68' },
    },
  },
  ...(['8.10.1', '8.8.2'] as const).map((version): CatalogImage => ({
    repository: 'docker.io/library/redis',
    tags: version === '8.10.1' ? ['latest', '8', '8.10', '8.10.1', 'trixie'] : ['8.8', '8.8.2'],
    version, size: version === '8.10.1' ? 52_380_114 : 51_977_402, userland: 'debian', server: 'redis', memory: 4 * MiB,
    // docker-library/redis: ENTRYPOINT ["docker-entrypoint.sh"], CMD ["redis-server"], EXPOSE 6379, no STOPSIGNAL
    config: {
      entrypoint: ['docker-entrypoint.sh'], cmd: ['redis-server'], exposedPorts: [6379], stopSignal: 'SIGTERM',
      env: { PATH: DEBIAN_PATH, REDIS_VERSION: version },
    },
  })),
  {
    // Untagged `influxdb` (the course document's example) is `latest`. InfluxData announced that `latest`
    // would move to InfluxDB 3 Core (port 8181) in 2026, but official-images library/influxdb still tags
    // 2.9.1 `latest` on 2026-08-21 (`Tags: 2, 2.9, 2.9.1, latest`), so `influxdb` is InfluxDB 2 on 8086,
    // which is also what the course document's containerPort 8086 expects. InfluxDB 3 tags (`core`,
    // `3-core`, ...) are not in this catalogue yet.
    repository: 'docker.io/library/influxdb', tags: ['latest', '2', '2.9', '2.9.1'], version: '2.9.1',
    size: 118_407_632, userland: 'debian', server: 'influxd', memory: 96 * MiB,
    // influxdata/influxdata-docker influxdb/2.9/Dockerfile
    config: {
      entrypoint: ['/entrypoint.sh'], cmd: ['influxd'], exposedPorts: [8086], stopSignal: 'SIGTERM',
      env: { PATH: DEBIAN_PATH, INFLUXDB_VERSION: '2.9.1' },
    },
  },
  ...(['plain-text', 'latest'] as const).map((tag): CatalogImage => ({
    // The echo server: nginxdemos/hello (nginxinc/NGINX-Demos nginx-hello), FROM nginx:mainline-alpine. It
    // answers every path with its server address (pod IP:port) and server name (pod hostname = pod name).
    repository: 'docker.io/nginxdemos/hello', tags: [tag], version: '1.31.4', size: tag === 'latest' ? 22_604_410 : 22_562_171,
    userland: 'alpine', server: 'nginx-hello', memory: 8 * MiB,
    config: {
      entrypoint: ['/docker-entrypoint.sh'], cmd: ['nginx', '-g', 'daemon off;'], exposedPorts: [80], stopSignal: 'SIGQUIT',
      env: { PATH: BUSYBOX_PATH, NGINX_VERSION: '1.31.4' },
    },
  })),
  {
    // The sandbox image kubelet 1.32 and kubeadm 1.32 default to (K8S-FACTS §10.4). Built FROM scratch:
    // ENTRYPOINT ["/pause"]. 320368 bytes: chosen to match crictl's `320kB` for pause:3.10 (unverified).
    repository: 'registry.k8s.io/pause', tags: ['3.10'], version: '3.10', size: 320_368, userland: 'none', server: 'pause',
    memory: 256 * 1024,
    config: { entrypoint: ['/pause'], cmd: [], exposedPorts: [], stopSignal: 'SIGTERM', env: { PATH: DEBIAN_PATH } },
  },
  {
    // Kubernetes' own memory-limit example (tasks/configure-pod-container/assign-memory-resource) runs
    // polinux/stress with `stress --vm 1 --vm-bytes 150M --vm-hang 1`; it is how a lesson shows OOMKilled.
    repository: 'docker.io/polinux/stress', tags: ['latest'], version: '1.0.4', size: 4_042_193, userland: 'alpine',
    server: 'stress', memory: 0,
    config: { entrypoint: [], cmd: ['stress'], exposedPorts: [], stopSignal: 'SIGTERM', env: { PATH: BUSYBOX_PATH } },
  },
  {
    // The ingress-nginx controller of the add-on (components/ingress-nginx-manifests.ts): v1.12.1, the release line for
    // Kubernetes 1.32 (its README's support table). rootfs/Dockerfile: FROM its nginx image on Alpine,
    // ENTRYPOINT ["/usr/bin/dumb-init", "--"], CMD ["/nginx-ingress-controller"], EXPOSE 80 443. Size chosen.
    repository: 'registry.k8s.io/ingress-nginx/controller', tags: ['v1.12.1'], version: '1.12.1', size: 107_312_484, userland: 'alpine',
    server: 'ingress-nginx', memory: 90 * MiB,
    config: {
      entrypoint: ['/usr/bin/dumb-init', '--'], cmd: ['/nginx-ingress-controller'], exposedPorts: [80, 443], stopSignal: 'SIGTERM',
      env: { PATH: BUSYBOX_PATH },
    },
  },
  {
    // kubeadm's DNS add-on (addons/coredns.ts): CoreDNS v1.11.3, the version kubeadm 1.32 installs. The image
    // is built FROM a distroless static base (no shell): ENTRYPOINT ["/coredns"], EXPOSE 53 53/udp. Size chosen.
    repository: 'registry.k8s.io/coredns/coredns', tags: ['v1.11.3'], version: '1.11.3', size: 18_562_039, userland: 'none',
    server: 'coredns', memory: 12 * MiB,
    config: { entrypoint: ['/coredns'], cmd: [], exposedPorts: [53], stopSignal: 'SIGTERM', env: { PATH: DEBIAN_PATH } },
  },
  {
    // kubeadm's kube-proxy add-on (addons/kube-proxy.ts): the release image, FROM distroless-iptables (iptables,
    // no shell); the DaemonSet gives the command (/usr/local/bin/kube-proxy --config=...). Size chosen.
    repository: 'registry.k8s.io/kube-proxy', tags: ['v1.32.4'], version: '1.32.4', size: 30_908_429, userland: 'none',
    server: 'kube-proxy', memory: 20 * MiB,
    config: { entrypoint: [], cmd: [], exposedPorts: [], stopSignal: 'SIGTERM', env: { PATH: DEBIAN_PATH } },
  },
  {
    // flannel's DaemonSet (addons/flannel.ts), as kube-flannel.yml of v0.26.7 pins it. images/Dockerfile: FROM
    // alpine (busybox, iproute2, iptables), flanneld at /opt/bin, ENTRYPOINT ["/opt/bin/flanneld"]. Size chosen.
    repository: 'ghcr.io/flannel-io/flannel', tags: ['v0.26.7'], version: '0.26.7', size: 32_482_307, userland: 'alpine',
    server: 'flanneld', memory: 15 * MiB,
    config: { entrypoint: ['/opt/bin/flanneld'], cmd: [], exposedPorts: [], stopSignal: 'SIGTERM', env: { PATH: BUSYBOX_PATH } },
  },
  {
    // Its init container install-cni-plugin (flannel-io/cni-plugin Dockerfile.image): FROM alpine with the
    // plugin binary at /flannel; no ENTRYPOINT, alpine's CMD ["/bin/sh"]. Size chosen.
    repository: 'ghcr.io/flannel-io/flannel-cni-plugin', tags: ['v1.6.2-flannel1'], version: '1.6.2', size: 4_856_311, userland: 'alpine',
    server: 'flannel-cni', memory: 0,
    config: { entrypoint: [], cmd: ['/bin/sh'], exposedPorts: [], stopSignal: 'SIGTERM', env: { PATH: BUSYBOX_PATH } },
  },
  {
    // Calico's calico-node (addons/calico.ts), manifests/calico.yaml of v3.29.7. node/Dockerfile.amd64: a UBI
    // userland (bash, GNU coreutils, procps: modelled as the debian one), felix, BIRD and runit, CMD ["start_runit"],
    // SVDIR=/etc/service/enabled. Size chosen.
    repository: 'docker.io/calico/node', tags: ['v3.29.7'], version: '3.29.7', size: 147_609_203, userland: 'debian',
    server: 'calico-node', memory: 90 * MiB,
    config: { entrypoint: [], cmd: ['start_runit'], exposedPorts: [], stopSignal: 'SIGTERM', env: { PATH: DEBIAN_PATH, SVDIR: '/etc/service/enabled' } },
  },
  {
    // calico/cni (cni-plugin/Dockerfile): FROM calico/base (no shell), the plugins in /opt/cni/bin,
    // PATH=/opt/cni/bin:$PATH, CMD ["/opt/cni/bin/install"]. Size chosen.
    repository: 'docker.io/calico/cni', tags: ['v3.29.7'], version: '3.29.7', size: 94_226_785, userland: 'none',
    server: 'calico-cni', memory: 0,
    config: { entrypoint: [], cmd: ['/opt/cni/bin/install'], exposedPorts: [], stopSignal: 'SIGTERM', env: { PATH: `/opt/cni/bin:${DEBIAN_PATH}` } },
  },
  {
    // calico/kube-controllers (kube-controllers/Dockerfile): FROM calico/base, USER 999,
    // ENTRYPOINT ["/usr/bin/kube-controllers"], /usr/bin/check-status for its probes. Size chosen.
    repository: 'docker.io/calico/kube-controllers', tags: ['v3.29.7'], version: '3.29.7', size: 33_941_526, userland: 'none',
    server: 'calico-kube-controllers', memory: 25 * MiB,
    config: { entrypoint: ['/usr/bin/kube-controllers'], cmd: [], exposedPorts: [], stopSignal: 'SIGTERM', env: { PATH: DEBIAN_PATH } },
  },
]

/** Each catalogue image's digests, hashed once (every pull and every pod start looks them up). */
const digests = new WeakMap<CatalogImage, { repo: string; config: string; imageID: string }>()

/** The canonical `docker.io/library/nginx:1.27` names of every catalogue entry. */
const byCanonical = new Map<string, CatalogImage>()
const byDigest = new Map<string, CatalogImage>()
for (const image of CATALOG) {
  for (const tag of image.tags) byCanonical.set(`${image.repository}:${tag}`, image)
  byDigest.set(`${image.repository}@${repoDigest(image)}`, image)
}
const repositories = new Set(CATALOG.map((i) => i.repository))

/** Derived repo digest: sha256 of `repository:firstTag`, so every alias of one image shares it. */
function repoDigest(image: CatalogImage): string {
  return digestsOf(image).repo
}

function digestsOf(image: CatalogImage): { repo: string; config: string; imageID: string } {
  let d = digests.get(image)
  if (!d) {
    const repo = `sha256:${sha256Hex(`${image.repository}:${image.tags[0]}`)}`
    // The repo digest as status.containerStatuses[].imageID shows it, one copy for every container.
    const imageID = flat(`${image.repository}@${repo}`)
    digests.set(image, (d = { repo, config: `sha256:${sha256Hex(`config:${image.repository}:${image.tags[0]}`)}`, imageID }))
  }
  return d
}

/** A pull that cannot succeed: the reason is the container's waiting reason, the message its text. */
export interface PullError {
  readonly reason: 'InvalidImageName' | 'ErrImagePull'
  readonly message: string
}

/**
 * Resolve `image` (as written in the pod spec) against the catalogue, as containerd would.
 * Errors are in the kubelet's and containerd's words (containerd remotes/docker/resolver.go, CRI
 * PullImage; kubelet cri-client strips the `rpc error: code = Unknown desc = ` prefix, not others):
 * - Docker Hub answers a repository that does not exist with 401 insufficient_scope (code Unknown);
 * - a missing tag or digest, or a missing repository on another registry (registry.k8s.io answers 404),
 *   is `<ref>: not found` with gRPC code NotFound. Other registries (ghcr.io, quay.io) really answer
 *   with their own auth errors; we answer them like registry.k8s.io (a simplification).
 */
export function lookupImage(image: string): Result<PulledImage, PullError> {
  let found = looked.get(image)
  if (found === undefined) {
    found = Object.freeze(lookupUncached(image))
    if (found.ok) Object.freeze(found.value)
    // A cluster names few images; a long-lived process that names many starts again.
    if (looked.size >= 1_000) looked.clear()
    looked.set(image, found)
  }
  return found
}

/** lookupImage's answers by image name: the kubelet asks at every container start, probe and log line. */
const looked = new Map<string, Result<PulledImage, PullError>>()

function lookupUncached(image: string): Result<PulledImage, PullError> {
  const parsed = parseImageReference(image)
  if (!parsed.ok) return err({ reason: 'InvalidImageName', message: parsed.error })
  const ref = parsed.value
  const found = (ref.digest ? byDigest : byCanonical).get(ref.canonical)
  if (found) return ok({ ...found, reference: ref, imageID: digestsOf(found).imageID, id: digestsOf(found).config })
  const c = ref.canonical
  const head = `failed to pull and unpack image "${c}": failed to resolve reference "${c}": `
  if (ref.domain === 'docker.io' && !repositories.has(ref.repository)) {
    return err({ reason: 'ErrImagePull', message: `${head}pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed` })
  }
  return err({ reason: 'ErrImagePull', message: `rpc error: code = NotFound desc = ${head}${c}: not found` })
}

/**
 * Pull-time model (CHOSEN): a fixed 400 ms for resolving and the registry round trips, plus the compressed
 * size at 12.5 MB/s (100 Mbit/s), truncated to whole milliseconds as the kubelet truncates. With a PRNG,
 * the bandwidth varies by up to ±20%, as real pulls do; without one the model is exact.
 */
export function pullDuration(size: number, prng?: Prng): Millis {
  const bytesPerMs = 12_500 * (prng ? 0.8 + 0.4 * prng.next() : 1)
  return Math.trunc(400 + size / bytesPerMs)
}

/** Kubelet's `Pulled` event after a pull: `Successfully pulled image "nginx" in 6.174s (6.174s including waiting). Image size: 72188133 bytes.` */
export function pulledMessage(image: string, pulling: Millis, waiting: Millis, size: number): string {
  return `Successfully pulled image "${image}" in ${goDuration(pulling)} (${goDuration(waiting)} including waiting). Image size: ${size} bytes.`
}
