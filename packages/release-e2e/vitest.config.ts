import { defineConfig } from 'vitest/config';

// One long test file (about two minutes): it publishes to a local registry and installs from it. Its steps run
// in order and share state, so the file is never split across workers.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 240_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
