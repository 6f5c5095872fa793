import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Installs Debian's chromium when it is missing (as root), like the test command does.
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Each file runs its own Chromium; two at a time is what the shared machines afford.
    maxWorkers: 2,
  },
});
