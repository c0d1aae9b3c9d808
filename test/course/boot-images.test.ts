// Boot images: the shipped ones are exactly the clusters their keys describe (a stale or wrong image
// fails here), a cluster restored from one goes on as the booted cluster does, and the grader's
// verdicts are the same with images and without. The suite itself runs without images
// (KUBELINGS_BOOT_IMAGES=0 in vitest.config.ts); these tests ask for them explicitly.
import { mkdtempSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { afterEach, describe, expect, test } from 'vitest'
import { anyStartKey, bootKey, SimulatedCluster, type BootImages, type ClusterSnapshot } from '../../src/cluster/cluster.js'
import { BOOT_IMAGE_DIR, bootImageFile, bootImagesIn, compressedBootImageFile, shippedBootImages, type BootImageFile } from '../../src/course/boot-images.js'
import { allExercises, loadCourse } from '../../src/course/course.js'
import { GRADING_START, gradeExercise, workspaceReader } from '../../src/course/verify.js'
import { kubectlApply } from '../../src/grader/apply.js'
import { PACKAGE_ROOT } from '../../src/course/workspace.js'
import { FIXTURE_COURSE } from '../grader/helpers.js'

const DEFAULTS = { seed: 1, workers: 2, startTime: GRADING_START }

/** Snapshots compared as the JSON they are written as. */
const asJson = (s: ClusterSnapshot): unknown => JSON.parse(JSON.stringify(s))

const WORKLOAD = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 3
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: c, image: nginx:1.27}]}
---
apiVersion: v1
kind: Pod
metadata: {name: crash}
spec: {containers: [{name: c, image: busybox:1.36, command: [sh, -c, "sleep 3; exit 1"]}]}
`

/** Apply the workload, let 5 minutes pass, fail a kubelet, 2 more minutes: the cluster's whole life. */
function live(c: SimulatedCluster): ClusterSnapshot {
  expect(kubectlApply(c, 'workload.yaml', WORKLOAD).exitCode).toBe(0)
  c.advance(300_000)
  c.stop('kubelet/node-1')
  c.advance(120_000)
  return c.snapshot()
}

describe('bootKey', () => {
  test('the library defaults and the grader name the same cluster', () => {
    expect(bootKey({ ...DEFAULTS, components: true })).toBe(bootKey(DEFAULTS))
    expect(bootKey({ ...DEFAULTS, network: { cni: 'overlay' } })).toBe(bootKey(DEFAULTS))
    expect(bootKey({ ...DEFAULTS, addons: ['coredns', 'kube-proxy'] })).toBe(bootKey(DEFAULTS))
  })

  test('everything that changes the cluster changes the key', () => {
    const keys = [
      bootKey(DEFAULTS),
      bootKey({ ...DEFAULTS, seed: 2 }),
      bootKey({ ...DEFAULTS, workers: 3 }),
      bootKey({ ...DEFAULTS, startTime: GRADING_START + 1 }),
      bootKey({ ...DEFAULTS, bootedAt: GRADING_START - 86_400_000 }),
      bootKey({ ...DEFAULTS, network: { cni: 'underlay' } }),
      bootKey({ ...DEFAULTS, addons: ['ingress'] }),
      bootKey({ ...DEFAULTS, systemPods: false }),
    ]
    expect(new Set(keys).size).toBe(keys.length)
  })

  test('a cluster without all its components has no image', () => {
    expect(bootKey({ ...DEFAULTS, components: false })).toBeUndefined()
    expect(bootKey({ ...DEFAULTS, components: ['kube-scheduler'] })).toBeUndefined()
  })
})

describe('SimulatedCluster.create with images', () => {
  test('restores the image of its key instead of booting', () => {
    const image = asJson(SimulatedCluster.create(DEFAULTS).snapshot()) as ClusterSnapshot
    // Marked, to tell a restored cluster from a booted one.
    const node = image.etcd.entries.find((e) => e.key === '/registry/minions/node-1')!
    ;(node.value as { metadata: { labels: Record<string, string> } }).metadata.labels['marked'] = 'yes'
    const asked: string[] = []
    const images: BootImages = { get: (key) => (asked.push(key), key === bootKey(DEFAULTS) ? image : undefined) }
    const c = SimulatedCluster.create({ ...DEFAULTS, images })
    expect(asked).toEqual([bootKey(DEFAULTS)])
    expect(c.object('nodes', undefined, 'node-1')?.metadata.labels?.['marked']).toBe('yes')
    // Another key: no image (neither for its start time nor for any), a boot.
    const other = SimulatedCluster.create({ ...DEFAULTS, seed: 2, images })
    expect(other.object('nodes', undefined, 'node-1')?.metadata.labels?.['marked']).toBeUndefined()
    expect(asked).toEqual([bootKey(DEFAULTS), bootKey({ ...DEFAULTS, seed: 2 }), anyStartKey({ ...DEFAULTS, seed: 2 })])
  })

  test('a cluster restored from its image lives on exactly as the booted one', () => {
    const booted = SimulatedCluster.create(DEFAULTS)
    const image = JSON.parse(JSON.stringify(booted.snapshot())) as ClusterSnapshot
    const restored = SimulatedCluster.create({ ...DEFAULTS, images: { get: () => image } })
    expect(asJson(live(restored))).toEqual(asJson(live(booted)))
  })

  test('a cluster with stopped components is never looked up', () => {
    const images: BootImages = { get: () => expect.unreachable('looked up') }
    const c = SimulatedCluster.create({ ...DEFAULTS, components: false, images })
    expect(c.isRunning('kube-scheduler')).toBe(false)
  })
})

describe('the shipped images (dist/boot-images, made by npm run build)', () => {
  const files = (() => {
    try {
      return readdirSync(BOOT_IMAGE_DIR).filter((f) => f.endsWith('.json'))
    } catch {
      return []
    }
  })()

  test('there is one for the defaults and one for each exercise of the shipped course', () => {
    const { course } = loadCourse(PACKAGE_ROOT)
    const keys = [bootKey(DEFAULTS)!, ...allExercises(course).map((e) => bootKey({ seed: e.cluster.seed, workers: e.cluster.workers, startTime: GRADING_START })!)]
    expect(files.sort()).toEqual([...new Set(keys.map(bootImageFile))].sort())
  })

  test.each(files)('%s is exactly the cluster its key boots', (file) => {
    const { key, snapshot } = JSON.parse(readFileSync(join(BOOT_IMAGE_DIR, file), 'utf8')) as BootImageFile
    expect(bootImageFile(key)).toBe(file)
    const { version, bootedAt, ...options } = JSON.parse(key) as { version: number; bootedAt: number | null } & typeof DEFAULTS
    expect(version).toBe(snapshot.version)
    const booted = SimulatedCluster.create({ ...options, ...(bootedAt === null ? {} : { bootedAt }) })
    expect(snapshot).toEqual(asJson(booted.snapshot()))
  })
})

describe('bootImagesIn', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kl-images-'))
  const key = bootKey(DEFAULTS)!

  test('no file, an unreadable file or a file of another key is no image', () => {
    const images = bootImagesIn(dir)
    expect(images.get(key)).toBeUndefined()
    writeFileSync(join(dir, bootImageFile(key)), '{"key": ')
    expect(images.get(key)).toBeUndefined()
    writeFileSync(join(dir, bootImageFile(key)), JSON.stringify({ key: 'another', snapshot: {} }))
    expect(images.get(key)).toBeUndefined()
  })

  test('an image older than the simulator it was made with is no image', () => {
    const snapshot = SimulatedCluster.create({ ...DEFAULTS, workers: 0 }).snapshot()
    const file = join(dir, bootImageFile(key))
    writeFileSync(file, JSON.stringify({ key, snapshot }))
    const simulator = join(dir, 'cluster.js')
    writeFileSync(simulator, '')
    utimesSync(file, new Date(Date.now() - 60_000), new Date(Date.now() - 60_000))
    expect(bootImagesIn(dir, simulator).get(key)).toBeUndefined()
    utimesSync(file, new Date(), new Date(Date.now() + 60_000))
    expect(bootImagesIn(dir, simulator).get(key)).toEqual(asJson(snapshot))
  })

  test('reads an image compressed with gzip (.json.gz), as large ones are shipped', () => {
    const snapshot = SimulatedCluster.create({ ...DEFAULTS, workers: 0 }).snapshot()
    const gzDir = mkdtempSync(join(tmpdir(), 'kl-images-gz-'))
    writeFileSync(join(gzDir, compressedBootImageFile(key)), gzipSync(JSON.stringify({ key, snapshot })))
    expect(bootImagesIn(gzDir).get(key)).toEqual(asJson(snapshot))
  })

  test('each get parses the file afresh, so that the cluster may adopt it', () => {
    const snapshot = SimulatedCluster.create({ ...DEFAULTS, workers: 0 }).snapshot()
    writeFileSync(join(dir, bootImageFile(key)), JSON.stringify({ key, snapshot }))
    const images = bootImagesIn(dir)
    const first = images.get(key)
    expect(first).toEqual(asJson(snapshot))
    expect(images.get(key)).not.toBe(first)
  })
})

describe('grading with the shipped images', () => {
  const saved = process.env.KUBELINGS_BOOT_IMAGES
  afterEach(() => {
    process.env.KUBELINGS_BOOT_IMAGES = saved
  })

  test('KUBELINGS_BOOT_IMAGES=0 turns them off', () => {
    process.env.KUBELINGS_BOOT_IMAGES = '0'
    expect(shippedBootImages()).toBeUndefined()
    process.env.KUBELINGS_BOOT_IMAGES = ''
    expect(shippedBootImages()).toBeDefined()
  })

  test('every verdict of the fixture course is the same with them and without', () => {
    const { course } = loadCourse(FIXTURE_COURSE, { strict: true })
    // The exercises of the default cluster start from the shipped image.
    const shipped = allExercises(course).filter((e) => bootImagesIn(BOOT_IMAGE_DIR).get(bootKey({ seed: e.cluster.seed, workers: e.cluster.workers, startTime: GRADING_START })!))
    expect(shipped.length).toBeGreaterThan(0)
    const solutions = (p: string): string | undefined => workspaceReader(join(FIXTURE_COURSE, 'solutions'))(p.split('/').slice(1).join('/'))
    const grade = (images: boolean) => {
      process.env.KUBELINGS_BOOT_IMAGES = images ? '' : '0'
      return allExercises(course).flatMap((e) => [gradeExercise(course, e, workspaceReader(FIXTURE_COURSE), 'en'), gradeExercise(course, e, solutions, 'en')])
    }
    expect(grade(true)).toEqual(grade(false))
  })
})
