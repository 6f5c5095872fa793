import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.mjs'],
    // One test runs the whole bench with --quick (about 40 s on 2 cores; several times that on a busy machine).
    testTimeout: 320_000,
    hookTimeout: 320_000,
  },
});
