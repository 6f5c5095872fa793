import { defineConfig } from 'tsdown';

export default defineConfig({
  // `file-store` is Node-only and therefore a separate entry: the main entry stays browser-safe.
  entry: ['src/index.ts', 'src/file-store.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  platform: 'neutral',
  target: 'es2022',
  sourcemap: false,
  // Node built-ins stay imports (only the file-store entry uses them).
  deps: { neverBundle: [/^node:/] },
});
