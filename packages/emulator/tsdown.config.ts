import { defineConfig } from 'tsdown';

export default defineConfig([
  {
    // The library: ESM and CommonJS, with declarations for both.
    entry: ['src/index.ts'],
    format: ['esm', 'cjs'],
    dts: true,
    clean: true,
    platform: 'node',
    target: 'es2022',
    sourcemap: false,
  },
  {
    // The `docspace-emulator` command: one ESM file with a shebang.
    entry: { cli: 'src/cli.ts' },
    format: ['esm'],
    dts: false,
    clean: false,
    platform: 'node',
    target: 'es2022',
    sourcemap: false,
    banner: { js: '#!/usr/bin/env node' },
  },
]);
