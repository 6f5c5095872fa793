// `pnpm bench --quick` must produce every row of every section, and our browser bundle must stay within its size
// limit. Timings are never asserted (they depend on the machine); sizes are deterministic.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleForBrowser, compressedSizes, loadedSizes } from '../src/lib/bundle.mjs';
import { candidates, references } from '../src/lib/clients.mjs';
import { checkSizeLimit, readBaseline } from '../src/lib/size-limit.mjs';
import { ENTRIES } from '../src/sections/size.mjs';

const benchDir = fileURLToPath(new URL('..', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'docspace-bench-test-'));
const hash = (file) => (existsSync(file) ? createHash('sha256').update(readFileSync(file)).digest('hex') : 'missing');
const written = ['RESULTS.md', 'results.svg'].map((name) => join(benchDir, name));
let before;
let run;

beforeAll(() => {
  before = written.map(hash);
  const json = join(scratch, 'quick.json');
  const child = spawnSync(process.execPath, ['src/run.mjs', '--quick', '--json', json], {
    cwd: benchDir,
    encoding: 'utf8',
    timeout: 300_000,
  });
  run = {
    status: child.status,
    stdout: child.stdout,
    stderr: child.stderr,
    report: existsSync(json) ? JSON.parse(readFileSync(json, 'utf8')) : undefined,
  };
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const finite = (value) => typeof value === 'number' && Number.isFinite(value);

describe('pnpm bench --quick', () => {
  it('finishes without a failure and prints the environment and one table per section', () => {
    expect(run.stderr + run.stdout).not.toMatch(/FAILED/);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/Node v\d+\.\d+\.\d+, \d+ CPUs/);
    for (const peer of ['openapi-fetch', 'axios', 'ky', 'valibot', 'esbuild', 'autocannon'])
      expect(run.stdout).toMatch(new RegExp(`${peer} \\d+\\.\\d+\\.\\d+`));
    for (const title of [
      '1. Browser bundle size',
      '2. Instructions per authorised call',
      '3. Wall time per authorised call',
      '4. Round trips',
      '5. Start-up',
      '6. Scale',
    ]) {
      expect(run.stdout).toContain(title);
    }
  });

  it('does not rewrite RESULTS.md or the chart', () => {
    expect(written.map(hash)).toEqual(before);
  });

  it('size: every bundle, built and run, counted as a page loads it', () => {
    const { rows } = run.report.results.size;
    expect(rows.map((row) => row.name)).toEqual(ENTRIES.map((entry) => entry.name));
    for (const row of rows) {
      expect(row.minified).toBeGreaterThan(row.gzip);
      expect(row.gzip).toBeGreaterThan(row.brotli);
      // Everything loaded first includes the entry chunk.
      expect(row.gzip).toBeGreaterThanOrEqual(row.entryChunk.gzip);
      expect(row.modules.length).toBeGreaterThan(0);
      expect(row.check.requests).toBe(3);
    }
    for (const row of rows.filter((r) => r.budget)) {
      expect(row.sources.length).toBeGreaterThan(10);
      expect(Object.keys(readBaseline().entries)).toContain(row.file);
    }
  });

  it('instructions: every client answered the canned fetch with its token', () => {
    const { rows, requests, withoutBearer } = run.report.results.instructions;
    expect(rows.map((row) => row.name)).toEqual(expect.arrayContaining(Object.keys(candidates)));
    expect(requests).toBeGreaterThan(0);
    expect(withoutBearer).toBe(0);
  });

  it('per-call: every client over HTTP, and every layer of the breakdown', () => {
    const { http, breakdown } = run.report.results['per-call'];
    expect(http.rows.map((row) => row.name)).toEqual([...Object.keys(candidates), ...Object.keys(references)]);
    for (const row of http.rows)
      for (const value of [
        row.medianUs,
        row.p90Us,
        row.ratio.median,
        row.ratio.p25,
        row.ratio.p75,
        row.mainCpuUs.median,
      ])
        expect(finite(value)).toBe(true);
    for (const row of http.rows.filter((r) => r.kind !== 'reference' || r.name.startsWith('node:http')))
      expect(finite(row.longRatio)).toBe(true);
    expect(http.server.withoutBearer).toBe(0);
    expect(breakdown.rows).toHaveLength(5);
    for (const row of breakdown.rows) expect(finite(row.us)).toBe(true);
  });

  it('round trips: every count as expected, and the two-step timing', () => {
    const { rows, wall } = run.report.results['round-trips'];
    expect(rows.map((row) => [row.signIns, row.ok])).toEqual([
      [1, true],
      [2, true],
      [2, true],
      [0, true],
      [1, true],
    ]);
    expect(rows[4].succeeded).toBe(rows[4].calls);
    expect(wall.rows).toHaveLength(2);
    expect(finite(wall.ratio.median)).toBe(true);
  });

  it('start-up: token, status and --help against node -e 0', () => {
    const { rows } = run.report.results.startup;
    expect(rows.map((row) => row.name)).toEqual([
      'node -e 0',
      'docspace-auth token',
      'docspace-auth status',
      'docspace-auth --help',
    ]);
    for (const row of rows) expect(finite(row.ratio) && finite(row.ms.median)).toBe(true);
  });

  it('scale: every concurrency level and client, memory, file store, emulator', () => {
    const { concurrency, memory, files, emulator } = run.report.results.scale;
    const cells = concurrency.rows.map((row) => `${row.width} ${row.name}`);
    for (const width of [1, 10, 100, 1000]) {
      for (const name of ['raw fetch', 'openapi-fetch', 'auth-client (plain)', 'auth.client (ours)'])
        expect(cells).toContain(`${width} ${name}`);
    }
    for (const row of concurrency.rows) expect(finite(row.us)).toBe(true);
    for (const value of [
      memory.instances.bytes,
      memory.shared.bytes,
      memory.burst.ours.pending,
      memory.burst.ours.after,
      memory.burst.raw.pending,
      files.read.median,
      files.write.median,
    ])
      expect(finite(value)).toBe(true);
    expect(files.sessions).toBe(1000);
    for (const value of [
      emulator.firstStartMs.median,
      emulator.laterStartMs.median,
      emulator.commandStartMs.median,
      emulator.autocannon.requestsPerSecond,
    ])
      expect(finite(value)).toBe(true);
    expect(emulator.autocannon.non2xx + emulator.autocannon.errors).toBe(0);
  });
});

describe('size limit', () => {
  it('each budgeted entry, counted as a page loads it, is within 2% of the committed baseline, in total and per module', () => {
    const result = checkSizeLimit(run.report.results.size, readBaseline());
    expect(result.problems).toEqual([]);
    expect(result.entries.map((e) => e.file)).toEqual(ENTRIES.filter((e) => e.budget).map((e) => e.file));
  });

  it('names the entry and the module or source file that grew', () => {
    const baseline = readBaseline();
    const [file, entry] = Object.entries(baseline.entries)[0];
    for (const kind of ['modules', 'sources']) {
      const [module, bytes] = Object.entries(entry[kind])[0];
      const shrunk = {
        ...baseline,
        entries: {
          ...baseline.entries,
          [file]: { ...entry, [kind]: { ...entry[kind], [module]: Math.floor(bytes / 2) } },
        },
      };
      const result = checkSizeLimit(run.report.results.size, shrunk);
      expect(result.ok).toBe(false);
      expect(result.problems.join('\n')).toContain(`${file}: ${module} grew`);
    }
  });

  it('counts the chunks an entry imports statically as loaded first, and a dynamic import() as lazy', async () => {
    const chunks = await bundleForBrowser('test/fixtures/split/entry.js', { outdir: join(scratch, 'split') });
    const name = (chunk) => chunk.modules.map((m) => m.module.split('/').pop()).join('+');
    expect(
      chunks
        .filter((c) => c.loadedFirst)
        .map(name)
        .sort(),
    ).toEqual(['entry.js', 'shared.js']);
    expect(chunks.filter((c) => !c.loadedFirst).map(name)).toEqual(['lazy.js']);
    const entry = chunks.find((c) => c.entry);
    expect(loadedSizes(chunks.filter((c) => c.loadedFirst)).gzip).toBeGreaterThan(
      compressedSizes(entry.contents).gzip + 50,
    );
  });

  it('fails when everything loaded first grows past the baseline', () => {
    const baseline = readBaseline();
    const [file, entry] = Object.entries(baseline.entries)[0];
    const result = checkSizeLimit(run.report.results.size, {
      ...baseline,
      entries: { ...baseline.entries, [file]: { ...entry, gzip: entry.gzip - 1000 } },
    });
    expect(result.problems.join('\n')).toMatch(new RegExp(`${file}: \\d+ B gzip loaded first, over the limit`));
  });
});
