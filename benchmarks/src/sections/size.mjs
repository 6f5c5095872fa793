// Section 1: browser bundle size of the two-step login + one authorised call, ours and the peers'.
// Every bundle is also run (in Node, against the emulator, with a second factor) to prove it does the work.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startEmulator } from '@docspace/emulator';
import { bundleForBrowser, compressedSizes, fromSources } from '../lib/bundle.mjs';

export const ENTRIES = [
  { name: 'raw fetch (the floor)', file: 'src/entries/raw-fetch.js', kind: 'floor' },
  { name: 'openapi-fetch', file: 'src/entries/openapi-fetch.js', kind: 'peer' },
  { name: 'axios', file: 'src/entries/axios.js', kind: 'peer' },
  { name: 'ky', file: 'src/entries/ky.js', kind: 'peer' },
  { name: 'auth-client (plain, validated)', file: 'src/entries/auth-client.js', kind: 'peer' },
  { name: 'ours: createDocSpaceAuth + auth.client (validated)', file: 'src/entries/ours.js', kind: 'ours' },
];

const log = (message) => process.stderr.write(`  size: ${message}\n`);

export async function run() {
  const scratch = mkdtempSync(join(tmpdir(), 'docspace-bench-size-'));
  const emulator = await startEmulator();
  try {
    const rows = [];
    for (const entry of ENTRIES) {
      const outdir = join(scratch, entry.file.replace(/\W+/g, '-'));
      const chunks = await bundleForBrowser(entry.file, { outdir });
      const main = chunks.find((chunk) => chunk.entry);
      const lazy = chunks.filter((chunk) => !chunk.entry);
      const check = await runBundle(chunks, main, emulator);
      rows.push({
        name: entry.name,
        kind: entry.kind,
        ...compressedSizes(main.contents),
        modules: main.modules,
        lazy: lazy.map((chunk) => ({ modules: chunk.modules.map((m) => m.module), ...compressedSizes(chunk.contents) })),
        check,
      });
      log(`${entry.name}: ${rows.at(-1).gzip} B gzip`);
    }
    // Ours again, from the TypeScript sources, to attribute the bytes to source files.
    const ours = ENTRIES.find((entry) => entry.kind === 'ours');
    const fromSource = (await bundleForBrowser(ours.file, { outdir: join(scratch, 'sources'), plugins: [fromSources()] })).find((c) => c.entry);
    return { rows, sources: fromSource.modules, sourcesTotal: compressedSizes(fromSource.contents) };
  } finally {
    await emulator.close();
    rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * Writes the chunks out, imports the entry and signs in as bob (authenticator app) through it: the result must be
 * bob's display name, after exactly three requests (password, code, people/@self).
 */
async function runBundle(chunks, main, emulator) {
  for (const chunk of chunks) {
    mkdirSync(dirname(chunk.path), { recursive: true });
    writeFileSync(chunk.path, chunk.contents);
  }
  const { run } = await import(pathToFileURL(main.path).href);
  emulator.clearRequests();
  const displayName = await run(emulator.url, 'bob@example.com', 'bob-password', () => emulator.totp('bob@example.com'));
  const requests = emulator.requests.map((r) => `${r.method} ${r.path.replace(/\/authentication\/\d{6}$/, '/authentication/{code}')} ${r.status}`);
  const ok =
    displayName === emulator.users.get('bob@example.com').displayName &&
    requests.join(', ') === 'POST /api/2.0/authentication 200, POST /api/2.0/authentication/{code} 200, GET /api/2.0/people/@self 200';
  if (!ok) throw new Error(`the bundle ${main.path} did not do the work: ${displayName}; ${requests.join(', ')}`);
  return { displayName, requests: requests.length };
}
