import { readFileSync } from 'node:fs';
import { defineConfig } from 'tsdown';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

export default defineConfig({
  // The `docspace-auth` command, as CommonJS: Node starts a CommonJS file measurably faster than an ES module (the
  // ES module loader alone costs about a third of `node -e 0`), and `docspace-auth token` has to start fast. Each
  // command but `token` is a lazy import(), split into its own chunk; ESM-only dependencies (@clack/prompts) stay
  // real import() calls.
  entry: { cli: 'src/cli.ts' },
  format: ['cjs'],
  dts: false,
  clean: true,
  platform: 'node',
  target: 'es2022',
  sourcemap: false,
  banner: { js: '#!/usr/bin/env node' },
  define: { __VERSION__: JSON.stringify(version) },
  // What the entry and the command chunks share goes into one chunk of its own (otherwise rolldown leaves it in the
  // entry, and the chunks would require the entry back).
  outputOptions: {
    advancedChunks: {
      groups: [
        {
          name: 'shared',
          test: /[\\/]src[\\/](accounts|args|auth|config|errors|exit-codes|insecure-http|paths|portal-address|session-file|target|ui)\.ts$/,
        },
      ],
    },
  },
  // Dependencies stay imports (loaded from node_modules, and only by the command that needs them), with one
  // exception: what the fast path takes from `@docspace/auth-helpers/file-store` (the session file format, the error
  // guard) and the error class it uses from `@docspace/auth-client/errors` are bundled, because resolving and loading
  // a package at start-up costs `token` about a tenth of `node -e 0` each. The file store itself (auth.ts) and what
  // changes the file under its lock (accounts being activated, revocations queued) stay imports of the package, with
  // its lock dependency.
  deps: {
    neverBundle: [/^node:/],
    alwaysBundle: (id, importer) =>
      (id === '@docspace/auth-helpers/file-store' &&
        importer !== undefined &&
        !/[\\/]src[\\/](auth|active-account|revocation|revocation-queue)\.ts$/.test(importer)) ||
      (id === '@docspace/auth-client/errors' && importer !== undefined && /auth-helpers[\\/]dist[\\/]/.test(importer)),
  },
});
