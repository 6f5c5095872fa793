import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Installs Debian's redis-server when it is missing (as root), like the test command does.
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // The fleet tests start 20 processes each: one file at a time keeps the machine's two cores usable.
    fileParallelism: false,
  },
});
