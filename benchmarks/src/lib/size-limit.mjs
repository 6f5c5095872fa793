// The size limit the test command enforces: our browser bundle must not grow past the committed baseline
// (benchmarks/size-baseline.json) by more than TOLERANCE, in total (gzip) or in any one module (minified bytes).
// Sizes are deterministic for a given lockfile and source, so this never flakes; timings are never checked.
import { readFileSync, writeFileSync } from 'node:fs';

export const TOLERANCE = 0.02;
/** A module this small may move by a few bytes without it meaning anything. */
const SLACK_BYTES = 32;
export const baselineFile = new URL('../../size-baseline.json', import.meta.url);

export function readBaseline() {
  return JSON.parse(readFileSync(baselineFile, 'utf8'));
}

/** The baseline document for the size section's result (ours only). */
export function baselineOf(size) {
  const ours = size.rows.find((row) => row.kind === 'ours');
  return {
    note: 'Written by `pnpm bench --only size --update-size-baseline`. The bench test fails when ours grows past these by more than 2% (gzip in total, minified bytes per module).',
    entry: 'src/entries/ours.js',
    minified: ours.minified,
    gzip: ours.gzip,
    brotli: ours.brotli,
    modules: Object.fromEntries(ours.modules.map((m) => [m.module, m.bytes])),
    sources: Object.fromEntries((size.sources ?? []).map((m) => [m.module, m.bytes])),
  };
}

export function writeBaseline(size) {
  writeFileSync(baselineFile, `${JSON.stringify(baselineOf(size), null, 2)}\n`);
}

const limitOf = (bytes) => Math.floor(bytes * (1 + TOLERANCE)) + (bytes < 2000 ? SLACK_BYTES : 0);

/**
 * Compares the size section's result with the baseline. Returns `{ ok, limit, problems }`, where each problem names
 * what grew (and, for a package's dist file, which of its source files grew most).
 */
export function checkSizeLimit(size, baseline = readBaseline()) {
  const current = baselineOf(size);
  const problems = [];
  const limit = Math.floor(baseline.gzip * (1 + TOLERANCE));
  const grewSources = () =>
    Object.entries(current.sources)
      .map(([module, bytes]) => ({ module, growth: bytes - (baseline.sources?.[module] ?? 0) }))
      .filter((s) => s.growth > 0)
      .sort((a, b) => b.growth - a.growth)
      .slice(0, 3)
      .map((s) => `${s.module} +${s.growth} B`);
  for (const [module, bytes] of Object.entries(current.modules)) {
    const before = baseline.modules[module];
    if (before === undefined) {
      problems.push(`new module in the bundle: ${module} (${bytes} B minified)`);
    } else if (bytes > limitOf(before)) {
      const sources = grewSources();
      problems.push(
        `${module} grew from ${before} to ${bytes} B minified (limit ${limitOf(before)})` +
          (sources.length ? `; by source file: ${sources.join(', ')}` : ''),
      );
    }
  }
  if (current.gzip > limit) problems.push(`the bundle is ${current.gzip} B gzip, over the limit of ${limit} B (baseline ${baseline.gzip} B + 2%)`);
  return { ok: problems.length === 0, gzip: current.gzip, limit, baseline: baseline.gzip, problems };
}
