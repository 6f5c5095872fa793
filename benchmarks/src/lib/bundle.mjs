// Browser bundles with esbuild, their compressed sizes, and the modules they are made of.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build } from 'esbuild';

export const benchRoot = new URL('../../', import.meta.url);

/** The sizes of several files loaded together: each compressed on its own (as a server sends them), then summed. */
export function loadedSizes(chunks) {
  const sizes = chunks.map((chunk) => compressedSizes(chunk.contents));
  const sum = (key) => sizes.reduce((total, size) => total + size[key], 0);
  return { minified: sum('minified'), gzip: sum('gzip'), brotli: sum('brotli'), files: chunks.length };
}

/** Minified bytes per module over several chunks, largest first. */
export function modulesOf(chunks) {
  const bytes = new Map();
  for (const chunk of chunks) for (const m of chunk.modules) bytes.set(m.module, (bytes.get(m.module) ?? 0) + m.bytes);
  return [...bytes].map(([module, b]) => ({ module, bytes: b })).sort((a, b) => b.bytes - a.bytes);
}

/** Bytes of `contents` minified as is, gzip -9 and brotli -q 11. */
export function compressedSizes(contents) {
  return {
    minified: contents.length,
    gzip: gzipSync(contents, { level: 9 }).length,
    brotli: brotliCompressSync(contents, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: contents.length },
    }).length,
  };
}

/**
 * A stable name for a bundled input path: `valibot/dist/index.mjs`, `@docspace/auth-client/dist/index.js`,
 * `entries/ours.js`. (esbuild's paths depend on where the repository and the pnpm store are.)
 */
export function moduleName(path) {
  const normalised = path.replaceAll('\\', '/');
  const afterNodeModules = normalised.lastIndexOf('node_modules/');
  // Chunk file names carry a content hash (`serverSentEvents.gen-6HVsfk6Q.js`); the name without it is stable.
  const unhashed = normalised.replace(/-[\w-]{8}(\.c?js)$/, '$1');
  if (afterNodeModules >= 0) return unhashed.slice(afterNodeModules + 'node_modules/'.length);
  const workspace = /(?:^|\/)packages\/([^/]+)\/(.*)$/.exec(unhashed);
  if (workspace) return `@docspace/${workspace[1]}/${workspace[2]}`;
  const bench = /(?:^|\/)src\/(entries\/.*)$/.exec(normalised);
  return bench ? bench[1] : normalised;
}

/**
 * Bundles `entry` (a path relative to the bench root) for the browser: minified ESM with code splitting, so that a
 * lazy import() stays a chunk of its own, loaded only when used. Nothing is written; output paths are under `outdir`.
 * Returns the chunks (`entry` true for the entry chunk), each with its contents, its modules (the minified bytes
 * each module contributes), and `loadedFirst`: whether a page that imports the entry loads it at once (the entry
 * and every chunk reachable from it by static imports) rather than on a dynamic `import()`.
 */
export async function bundleForBrowser(entry, { outdir, plugins = [] }) {
  const absWorkingDir = new URL('.', benchRoot).pathname;
  const result = await build({
    absWorkingDir,
    entryPoints: [entry],
    bundle: true,
    minify: true,
    format: 'esm',
    splitting: true,
    platform: 'browser',
    outdir,
    write: false,
    metafile: true,
    logLevel: 'silent',
    plugins,
  });
  const chunks = Object.entries(result.metafile.outputs)
    .filter(([path]) => path.endsWith('.js'))
    .map(([path, output]) => {
      const file = result.outputFiles.find((f) => f.path === resolve(absWorkingDir, path));
      const modules = Object.entries(output.inputs)
        .map(([input, { bytesInOutput }]) => ({ module: moduleName(input), bytes: bytesInOutput }))
        .filter((m) => m.bytes > 0)
        .sort((a, b) => b.bytes - a.bytes);
      const imports = output.imports
        .filter((i) => i.kind === 'import-statement' && !i.external)
        .map((i) => resolve(absWorkingDir, i.path));
      return { path: file.path, entry: output.entryPoint === entry, contents: file.contents, modules, imports };
    });
  const byPath = new Map(chunks.map((chunk) => [chunk.path, chunk]));
  const pending = chunks.filter((chunk) => chunk.entry);
  while (pending.length > 0) {
    const chunk = pending.pop();
    if (chunk.loadedFirst) continue;
    chunk.loadedFirst = true;
    for (const path of chunk.imports) pending.push(byPath.get(path));
  }
  for (const chunk of chunks) chunk.loadedFirst ??= false;
  return chunks;
}

/**
 * An esbuild plugin that bundles @docspace/auth-client and @docspace/auth-helpers from their TypeScript sources
 * instead of dist/, so that the metafile attributes bytes to source files. It applies what the packages' builds do
 * to the output (auth-client/tsdown.config.ts: valibot calls marked pure; auth-helpers/tsdown.config.ts: the
 * browser build's `*.browser.ts` twins), so
 * the total comes out within a few per cent of the real bundle; the size limit itself is checked on dist/.
 */
export function fromSources() {
  const packages = new URL('../../../packages/', import.meta.url).pathname;
  /** The source file of each entry of auth-client and auth-helpers that the bundles import. */
  const entries = {
    '@docspace/auth-client': 'auth-client/src/index.ts',
    '@docspace/auth-client/errors': 'auth-client/src/errors/index.ts',
    '@docspace/auth-client/schemas': 'auth-client/src/schemas.ts',
    '@docspace/auth-helpers': 'auth-helpers/src/index.ts',
  };
  return {
    name: 'docspace-from-sources',
    setup(build) {
      build.onResolve({ filter: /^@docspace\/auth-(client|helpers)(\/(errors|schemas))?$/ }, (args) => ({
        path: `${packages}${entries[args.path]}`,
      }));
      // TypeScript sources import each other as `./x.js`.
      build.onResolve({ filter: /^\.\.?\/.*\.js$/ }, (args) => {
        if (!args.importer.startsWith(packages)) return undefined;
        // The browser build of auth-helpers bundles a module's `*.browser.ts` twin where there is one
        // (auth-helpers/tsdown.config.ts).
        const twin = resolve(dirname(args.importer), args.path.replace(/\.js$/, '.browser.ts'));
        if (args.importer.includes('/auth-helpers/src/') && existsSync(twin)) return { path: twin };
        return { path: resolve(dirname(args.importer), args.path.replace(/\.js$/, '.ts')) };
      });
      build.onLoad({ filter: /\/generated\/valibot\.gen\.ts$/ }, async (args) => ({
        contents: (await readFile(args.path, 'utf8')).replace(/(?<![\w$.])v\.(\w+)\(/g, '/* @__PURE__ */ v.$1('),
        loader: 'ts',
      }));
    },
  };
}
