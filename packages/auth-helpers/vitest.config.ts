import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    // Measured by `pnpm test` (`vitest run --coverage`); the thresholds sit just under what the suite reaches, so a
    // change that leaves code untested fails the test command.
    coverage: {
      provider: 'v8',
      include: ['src/**/*.ts'],
      reporter: ['text', 'json-summary'],
      thresholds: { statements: 96, branches: 90, functions: 98, lines: 98 },
    },
  },
});
