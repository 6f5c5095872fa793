import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Real sockets and child processes: the first request of a file also pays for loading the modules, which takes
    // seconds when turbo runs every package's tests at once on a two-core machine.
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
