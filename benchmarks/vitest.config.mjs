import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.mjs'],
    // One test runs the whole bench with --quick (about 15 s on 2 cores; more on a busy machine).
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
