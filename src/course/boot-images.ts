// Boot images: the clusters `npm run build` booted once (scripts/boot-images.mjs), shipped in
// dist/boot-images, so that grading an exercise or `Cluster.create()` restores the booted cluster
// instead of running kubeadm's 90 virtual seconds again (most of a verify's time). The boot is
// deterministic: an image is exactly the cluster the boot would make, which a test checks.
import { createHash } from 'node:crypto'
import { existsSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gunzipSync } from 'node:zlib'
import type { BootImages, ClusterSnapshot } from '../cluster/cluster.js'

// The package root, two folders up from here as from dist/bundle/*.js (workspace.ts' PACKAGE_ROOT,
// not imported: the library API loads this module and should not load the course's messages).
const DIST = join(resolve(dirname(fileURLToPath(import.meta.url)), '..', '..'), 'dist')
export const BOOT_IMAGE_DIR = join(DIST, 'boot-images')
/** The simulator's compiled entry: images older than it were made by another build (a bare `tsc` since). */
const SIMULATOR = join(DIST, 'cluster', 'cluster.js')

/** One image file: its key (to tell a hash collision or a stale file from a hit) and the snapshot. */
export interface BootImageFile {
  key: string
  snapshot: ClusterSnapshot
}

/** The file an image is stored in, under its directory. */
export function bootImageFile(key: string): string {
  return `${createHash('sha256').update(key).digest('hex').slice(0, 16)}.json`
}

/** The file a large image is stored in gzip-compressed (1,000 nodes: 48 MB of JSON, under 3 MB so). */
export function compressedBootImageFile(key: string): string {
  return `${bootImageFile(key)}.gz`
}

/**
 * The images in `dir`. Each `get` reads and parses its file afresh (the cluster adopts what it is
 * given); a missing, unreadable or foreign file is no image, and the cluster boots. `builtAfter`:
 * a file older than it is no image either (the simulator was compiled again since it was made).
 */
export function bootImagesIn(dir: string, builtAfter?: string): BootImages {
  return {
    get(key) {
      let path = join(dir, bootImageFile(key))
      if (!existsSync(path)) path = join(dir, compressedBootImageFile(key))
      let file: BootImageFile
      try {
        if (builtAfter !== undefined && statSync(path).mtimeMs < statSync(builtAfter).mtimeMs) return undefined
        const bytes = readFileSync(path)
        file = JSON.parse((path.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8')) as BootImageFile
      } catch {
        return undefined
      }
      return file?.key === key ? file.snapshot : undefined
    },
  }
}

/**
 * The shipped images, unless KUBELINGS_BOOT_IMAGES=0: the test suite sets it, so that every test
 * boots the simulator it tests rather than an image built from it.
 */
export function shippedBootImages(): BootImages | undefined {
  return process.env.KUBELINGS_BOOT_IMAGES === '0' ? undefined : bootImagesIn(BOOT_IMAGE_DIR, SIMULATOR)
}
