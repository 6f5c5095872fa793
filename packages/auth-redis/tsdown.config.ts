import { defineConfig } from 'tsdown';

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  platform: 'node',
  target: 'es2022',
  sourcemap: false,
  // The Redis client and the SDK are the caller's (peer dependencies).
  deps: { neverBundle: [/^node:/, 'ioredis', /^@docspace\//] },
});
