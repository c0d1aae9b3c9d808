import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // oclif writes through console.log; vitest's interception would hide it from captures.
    disableConsoleIntercept: true,
    // Generous: a loaded 2-core machine must not turn a slow property test into a failure.
    testTimeout: 60_000,
    // Every test boots the simulator it tests, not an image of it built into dist/ (boot-images.ts);
    // test/course/boot-images.test.ts checks the images themselves.
    env: { KUBELINGS_BOOT_IMAGES: '0' },
  },
})
