import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { defineConfig } from 'tsdown';

/**
 * The browser build: wherever a module has a `*.browser.ts` twin beside it, that twin is bundled instead. The twins
 * leave out what a browser cannot use (Set-Cookie handling, Node's inspect hook), trade per-call speed for size
 * (the answer limits), and use the browser's own `AbortSignal.timeout()` / `any()`; each says so at its top. Types
 * are the same.
 */
function browserTwins() {
  return {
    name: 'docspace:browser-twins',
    resolveId(source: string, importer: string | undefined) {
      if (!importer || !source.startsWith('.') || !source.endsWith('.js')) return null;
      const twin = resolve(dirname(importer), source.replace(/\.js$/, '.browser.ts'));
      return existsSync(twin) ? twin : null;
    },
  };
}

const shared = { target: 'es2022', sourcemap: false } as const;

export default defineConfig([
  {
    ...shared,
    // `file-store` is Node-only and therefore a separate entry: the main entry stays browser-safe.
    entry: ['src/index.ts', 'src/file-store.ts'],
    format: ['esm', 'cjs'],
    dts: true,
    clean: ['dist/*.*'],
    platform: 'neutral',
    // Node built-ins stay imports (only the file-store entry uses them).
    deps: { neverBundle: [/^node:/] },
  },
  {
    ...shared,
    // package.json `exports["."].browser`: what bundlers pick for a browser.
    entry: { index: 'src/index.ts' },
    outDir: 'dist/browser',
    format: ['esm'],
    dts: false,
    clean: true,
    platform: 'browser',
    plugins: [browserTwins()],
  },
]);
