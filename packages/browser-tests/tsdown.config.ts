import { defineConfig } from 'tsdown';

// Built so that plain Node scripts (the benchmarks) can import the launcher and the proxy.
export default defineConfig({
  entry: ['src/launcher.ts', 'src/same-origin-proxy.ts', 'src/page-bundle.ts'],
  format: ['esm'],
  dts: true,
  clean: true,
  platform: 'node',
  target: 'es2022',
  sourcemap: false,
});
