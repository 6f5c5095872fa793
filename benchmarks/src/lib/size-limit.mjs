// The size limit the test command enforces: each of our budgeted browser entries must not grow past the committed
// baseline (benchmarks/size-baseline.json) by more than TOLERANCE, counted as a page loads it (the entry chunk and
// every chunk it imports statically): in total (gzip), in any module of the built packages (minified bytes), and in
// any source file (minified bytes, from the bundle built from the TypeScript sources). A failure names what grew.
// Sizes are deterministic for a given lockfile and source, so this never flakes; timings are never checked.
import { readFileSync, writeFileSync } from 'node:fs';

export const TOLERANCE = 0.02;
/** A module this small may move by a few bytes without it meaning anything. */
const SLACK_BYTES = 32;
export const baselineFile = new URL('../../size-baseline.json', import.meta.url);

export function readBaseline() {
  return JSON.parse(readFileSync(baselineFile, 'utf8'));
}

const budgeted = (size) => size.rows.filter((row) => row.budget);

/** The baseline document for the size section's result (our budgeted entries only). */
export function baselineOf(size) {
  return {
    note: 'Written by `pnpm bench --only size --update-size-baseline`. The bench test fails when an entry grows past these by more than 2% (gzip of everything loaded first; minified bytes per module and per source file).',
    entries: Object.fromEntries(
      budgeted(size).map((row) => [
        row.file,
        {
          name: row.name,
          files: row.files,
          minified: row.minified,
          gzip: row.gzip,
          brotli: row.brotli,
          modules: Object.fromEntries(row.modules.map((m) => [m.module, m.bytes])),
          sources: Object.fromEntries((row.sources ?? []).map((m) => [m.module, m.bytes])),
        },
      ]),
    ),
  };
}

export function writeBaseline(size) {
  writeFileSync(baselineFile, `${JSON.stringify(baselineOf(size), null, 2)}\n`);
}

export const limitOf = (bytes) => Math.floor(bytes * (1 + TOLERANCE)) + (bytes < 2000 ? SLACK_BYTES : 0);

/**
 * Compares the size section's result with the baseline. Returns `{ ok, entries, problems }`, where each problem
 * names the entry and what grew (a module of a built package, a source file, or the total).
 */
export function checkSizeLimit(size, baseline = readBaseline()) {
  const current = baselineOf(size);
  const problems = [];
  const entries = [];
  for (const [file, now] of Object.entries(current.entries)) {
    const before = baseline.entries?.[file];
    if (!before) {
      problems.push(
        `${file}: no baseline (run pnpm bench --only size --update-size-baseline and commit size-baseline.json)`,
      );
      continue;
    }
    for (const kind of ['modules', 'sources']) {
      for (const [module, bytes] of Object.entries(now[kind])) {
        const was = before[kind][module];
        if (was === undefined)
          problems.push(
            `${file}: new ${kind === 'sources' ? 'source file' : 'module'} loaded first: ${module} (${bytes} B minified)`,
          );
        else if (bytes > limitOf(was))
          problems.push(`${file}: ${module} grew from ${was} to ${bytes} B minified (limit ${limitOf(was)})`);
      }
    }
    const limit = Math.floor(before.gzip * (1 + TOLERANCE));
    if (now.gzip > limit)
      problems.push(
        `${file}: ${now.gzip} B gzip loaded first, over the limit of ${limit} B (baseline ${before.gzip} B + 2%)`,
      );
    entries.push({ file, name: now.name, gzip: now.gzip, limit, baseline: before.gzip });
  }
  return { ok: problems.length === 0, entries, problems };
}
