#!/usr/bin/env node
// `pnpm bench`: bundle size, cost per call, round trips, start-up and scale of docspace-auth against the tools a
// user would otherwise pick, in one run on this machine. Prints one table per section and writes RESULTS.md and
// results.svg (not with --quick or --no-write).
//
//   node src/run.mjs [--quick] [--no-write] [--json FILE] [--only size,per-call,...] [--update-size-baseline]
//   node src/run.mjs --from FILE      (the tables, RESULTS.md and the chart again from a run saved with --json)
//
// --quick runs every section with tiny counts (the package's test does, to prove every row is produced).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { machine, versions } from './lib/env.mjs';
import { textTable } from './lib/format.mjs';
import {
  instructionTables,
  perCallTables,
  roundTripTables,
  scaleTables,
  sizeTables,
  startupTables,
} from './lib/report.mjs';
import { resultsMarkdown } from './lib/results-markdown.mjs';
import { checkSizeLimit, writeBaseline } from './lib/size-limit.mjs';
import { chart } from './lib/svg.mjs';
import { fleetTables } from './sections/fleet.mjs';

const SECTIONS = [
  { id: 'size', title: '1. Browser bundle size', tables: sizeTables },
  { id: 'instructions', title: '2. Instructions per authorised call', tables: instructionTables },
  { id: 'per-call', title: '3. Wall time per authorised call in Node', tables: perCallTables },
  { id: 'round-trips', title: '4. Round trips', tables: roundTripTables },
  { id: 'startup', title: '5. Start-up of the command', tables: startupTables },
  { id: 'scale', title: '6. Scale', tables: scaleTables },
  { id: 'fleet', title: '7. Fleet', tables: fleetTables },
];

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    'no-write': { type: 'boolean', default: false },
    json: { type: 'string' },
    only: { type: 'string' },
    'update-size-baseline': { type: 'boolean', default: false },
    from: { type: 'string' },
  },
  strict: true,
});
const only = args.only ? new Set(args.only.split(',')) : undefined;
const benchDir = fileURLToPath(new URL('..', import.meta.url));
const sectionChild = fileURLToPath(new URL('./lib/section-child.mjs', import.meta.url));

/** Runs one section in a process of its own (node --expose-gc) and returns its result. */
function runSection(id, options) {
  const scratch = mkdtempSync(join(tmpdir(), 'docspace-bench-'));
  const outFile = join(scratch, `${id}.json`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', sectionChild, id, JSON.stringify(options), outFile], {
      cwd: benchDir,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.on('error', reject);
    child.on('close', (code) => {
      try {
        if (code !== 0) throw new Error(`section ${id} failed (exit ${code})`);
        resolve(JSON.parse(readFileSync(outFile, 'utf8')));
      } catch (error) {
        reject(error);
      } finally {
        rmSync(scratch, { recursive: true, force: true });
      }
    });
  });
}

const started = Date.now();
const saved = args.from ? JSON.parse(readFileSync(args.from, 'utf8')) : undefined;
const env = saved?.env ?? {
  date: new Date().toISOString(),
  versions: versions(),
  machine: machine(),
  quick: args.quick,
};
if (saved) args.quick = env.quick;
console.log(`docspace-auth benchmarks${args.quick ? ' (--quick: tiny counts, timings meaningless)' : ''}`);
console.log(
  `Node ${process.version}, ${env.machine.cpus} CPUs (${env.machine.cpuModel}), ${env.machine.platform}, load average ${env.machine.load.join(' ')}`,
);
console.log(
  Object.entries(env.versions)
    .map(([name, version]) => `${name} ${version}`)
    .join(', '),
);

const results = {};
const failures = [];
for (const section of SECTIONS) {
  if (only && !only.has(section.id)) continue;
  const sectionStarted = Date.now();
  console.log(`\n== ${section.title} (Node ${env.versions.node}, ${env.machine.cpus} CPUs)`);
  const result = saved ? saved.results[section.id] : await runSection(section.id, { quick: args.quick });
  if (!result) continue;
  if (section.id === 'size') {
    if (args['update-size-baseline']) writeBaseline(result);
    result.limit = checkSizeLimit(result);
    if (!result.limit.ok) failures.push(...result.limit.problems.map((p) => `size limit: ${p}`));
  }
  results[section.id] = result;
  const { tables, notes } = section.tables(result);
  for (const table of tables)
    console.log(
      `\n${table.title}\n${textTable(
        table.columns,
        table.rows.map((row) => row.map((cell) => String(cell).replaceAll('**', ''))),
      )}`,
    );
  for (const note of notes) console.log(`\n${note}`);
  console.log(`(${((Date.now() - sectionStarted) / 1000).toFixed(1)} s)`);
}

// What must hold whatever the timings: every bundle did the work, every round-trip count is as expected, every
// client sent its token.
if (results['round-trips'])
  for (const row of results['round-trips'].rows) if (!row.ok) failures.push(`round trips: ${row.name}`);
if (results.instructions?.withoutBearer) failures.push('instructions: requests without a Bearer token');
if (results['per-call']?.http.server.withoutBearer) failures.push('per-call: requests without a Bearer token');
if (results.scale?.concurrency.server.withoutBearer) failures.push('scale: requests without a Bearer token');
if (results.fleet) {
  const { coordinated, independent } = results.fleet.modes;
  if (coordinated.lost + independent.lost > 0) failures.push('fleet: calls lost');
  if (coordinated.initialSignIns !== 1 || coordinated.perRevocation.some((n) => n !== 1))
    failures.push('fleet: the coordinated fleet signed in more than once');
}
if (results.scale && results.scale.emulator.autocannon.non2xx + results.scale.emulator.autocannon.errors > 0)
  failures.push('scale: autocannon saw failed requests');

if (!saved) {
  env.load = machine().load;
  env.seconds = Math.round((Date.now() - started) / 1000);
}
console.log(`\nDone in ${env.seconds} s; load average now ${env.load.join(' ')}.`);
if (args.json) writeFileSync(args.json, JSON.stringify({ env, results, failures }, null, 2));

const complete = SECTIONS.every((section) => results[section.id]);
if (!args.quick && !args['no-write'] && complete) {
  writeFileSync(new URL('../RESULTS.md', import.meta.url), resultsMarkdown({ env, results, sections: SECTIONS }));
  writeFileSync(
    new URL('../results.svg', import.meta.url),
    chart({ size: results.size, instructions: results.instructions, date: env.date.slice(0, 10) }),
  );
  console.log('Wrote benchmarks/RESULTS.md and benchmarks/results.svg.');
}
if (failures.length > 0) {
  console.error(`\nFAILED:\n- ${failures.join('\n- ')}`);
  process.exitCode = 1;
}
