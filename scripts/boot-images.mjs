// Boot images (src/course/boot-images.ts): boot once, at build time, each cluster that grading the
// shipped course or `Cluster.create()` with its defaults makes, and write its snapshot to
// dist/boot-images, so that those start from the image instead of booting. Run after tsc.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

const root = new URL('..', import.meta.url).pathname
const { SimulatedCluster, bootKey } = await import(join(root, 'dist/cluster/cluster.js'))
const { BOOT_IMAGE_DIR, bootImageFile } = await import(join(root, 'dist/course/boot-images.js'))
const { GRADING_START } = await import(join(root, 'dist/course/verify.js'))
const { allExercises, loadCourse } = await import(join(root, 'dist/course/course.js'))

// `Cluster.create()`'s defaults (src/index.ts) are the grading ones: seed 1, two workers, GRADING_START.
const wanted = [{ seed: 1, workers: 2, startTime: GRADING_START }]
const { course } = loadCourse(root)
for (const exercise of allExercises(course)) wanted.push({ seed: exercise.cluster.seed, workers: exercise.cluster.workers, startTime: GRADING_START })

rmSync(BOOT_IMAGE_DIR, { recursive: true, force: true })
mkdirSync(BOOT_IMAGE_DIR, { recursive: true })
for (const options of wanted) {
  const key = bootKey(options)
  const file = join(BOOT_IMAGE_DIR, bootImageFile(key))
  writeFileSync(file, JSON.stringify({ key, snapshot: SimulatedCluster.create(options).snapshot() }))
}
console.log(`boot images: ${readdirSync(BOOT_IMAGE_DIR).length} in dist/boot-images`)
