// Section 1: what a page loads first for the two-step login + one authorised call, ours and the peers': the entry
// chunk and every chunk it imports statically (a dynamic import() loads later, only when used). Every bundle is
// run first in Chromium (src/lib/run-bundle.mjs) and must do the work.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator } from '@docspace/emulator';
import { bundleForBrowser, compressedSizes, fromSources, loadedSizes, modulesOf } from '../lib/bundle.mjs';
import { checkRun, startBundleRunner } from '../lib/run-bundle.mjs';

/**
 * The bundles. Ours has one row per realistic entry (`budget: true`: the size limit holds each to its baseline):
 * a browser app that signs in and calls a generated operation, and one that signs in and calls through `auth.fetch`.
 */
export const ENTRIES = [
  { name: 'raw fetch (the floor)', file: 'src/entries/raw-fetch.js', kind: 'floor' },
  { name: 'openapi-fetch', file: 'src/entries/openapi-fetch.js', kind: 'peer' },
  { name: 'axios', file: 'src/entries/axios.js', kind: 'peer' },
  { name: 'ky', file: 'src/entries/ky.js', kind: 'peer' },
  { name: 'auth-client (plain, validated)', file: 'src/entries/auth-client.js', kind: 'peer' },
  {
    name: 'ours: sign-in + one call, webStorageStore(localStorage)',
    file: 'src/entries/ours.js',
    kind: 'ours',
    budget: true,
  },
  {
    name: 'ours: sign-in + auth.fetch, webStorageStore(localStorage)',
    file: 'src/entries/ours-fetch.js',
    kind: 'ours',
    budget: true,
  },
];

const log = (message) => process.stderr.write(`  size: ${message}\n`);

export async function run() {
  const scratch = mkdtempSync(join(tmpdir(), 'docspace-bench-size-'));
  const emulator = await startEmulator();
  const runner = await startBundleRunner();
  try {
    const rows = [];
    for (const entry of ENTRIES) {
      const outdir = join(scratch, entry.file.replace(/\W+/g, '-'));
      const chunks = await bundleForBrowser(entry.file, { outdir });
      const main = chunks.find((chunk) => chunk.entry);
      const loaded = chunks.filter((chunk) => chunk.loadedFirst);
      const lazy = chunks.filter((chunk) => !chunk.loadedFirst);
      const check = checkRun(await runner.run(chunks, main, emulator), emulator, entry.file);
      const row = {
        name: entry.name,
        file: entry.file,
        kind: entry.kind,
        budget: entry.budget === true,
        ...loadedSizes(loaded),
        entryChunk: compressedSizes(main.contents),
        modules: modulesOf(loaded),
        lazy: lazy.map((chunk) => ({
          modules: chunk.modules.map((m) => m.module),
          ...compressedSizes(chunk.contents),
        })),
        check,
      };
      if (row.budget) {
        // The same bundle from the TypeScript sources, to attribute the bytes to source files.
        const fromSource = await bundleForBrowser(entry.file, {
          outdir: join(scratch, 'sources', entry.file.replace(/\W+/g, '-')),
          plugins: [fromSources()],
        });
        const sourceLoaded = fromSource.filter((chunk) => chunk.loadedFirst);
        row.sources = modulesOf(sourceLoaded);
        row.sourcesTotal = loadedSizes(sourceLoaded);
      }
      rows.push(row);
      log(
        `${entry.name}: ${row.gzip} B gzip loaded first (${row.files} file${row.files === 1 ? '' : 's'}), ran in ${check.where}`,
      );
    }
    return { rows };
  } finally {
    await runner.close();
    await emulator.close();
    rmSync(scratch, { recursive: true, force: true });
  }
}
