#!/usr/bin/env node
// The whole test suite, in order (run by `npm test` through scripts/run.mjs, and by `pnpm check`):
//   0. system packages - Debian packages the tests need (scripts/system-deps.mjs), installed when missing
//   1. generate:check  - the committed client matches what the spec produces (before anything regenerates it)
//      lint            - biome: lint rules and formatting of every handwritten source file
//   2. turbo: lint:spec, build, typecheck, lint:pkg (publint + attw), test
//   3. a closing summary of every package's test results
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureSystemDeps, MissingSystemDependency } from './system-deps.mjs';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const env = {
  ...process.env,
  TURBO_TELEMETRY_DISABLED: '1',
  REDOCLY_TELEMETRY: 'off',
  REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true',
};

function step(title, command, args) {
  console.log(`\n=== ${title}`);
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env });
  if (result.error) throw result.error;
  if (result.status !== 0) {
    console.error(`\n=== FAILED: ${title} (exit ${result.status})`);
    process.exit(result.status ?? 1);
  }
  console.log(`=== ok: ${title} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

console.log('\n=== system packages');
try {
  const installed = ensureSystemDeps();
  console.log(
    `=== ok: system packages (${installed.length === 0 ? 'all present' : `installed ${installed.map((dep) => dep.debianPackage).join(', ')}`})`,
  );
} catch (error) {
  if (!(error instanceof MissingSystemDependency)) throw error;
  console.error(`\n=== FAILED: system packages\n${error.message}`);
  process.exit(1);
}

step('generate:check', 'pnpm', ['run', 'generate:check']);
step('lint and format (biome)', 'pnpm', ['run', 'lint']);
// Four tasks at a time: the suites start browsers, a Redis server, registries and tens of child processes, and
// running every package at once on a two-core machine only makes each of them wait for the CPU.
step('lint:spec, build, typecheck, lint:pkg, test', 'pnpm', [
  'exec',
  'turbo',
  'run',
  'lint:spec',
  'build',
  'typecheck',
  'lint:pkg',
  'test',
  '--output-logs=new-only',
  '--concurrency=4',
]);

// Each package's vitest writes .test-results/vitest.json (restored by turbo on a cache hit).
let passed = 0;
let failed = 0;
const workspaceDirs = [
  ...readdirSync(join(root, 'packages')).map((name) => join(root, 'packages', name)),
  join(root, 'benchmarks'),
  ...readdirSync(join(root, 'examples')).map((name) => join(root, 'examples', name)),
];
for (const dir of workspaceDirs) {
  const report = join(dir, '.test-results', 'vitest.json');
  if (!existsSync(report)) continue;
  const json = JSON.parse(readFileSync(report, 'utf8'));
  passed += json.numPassedTests;
  failed += json.numFailedTests;
  console.log(`  ${relative(root, dir)}: ${json.numPassedTests} passed, ${json.numFailedTests} failed`);
}
if (passed === 0) {
  console.error('No test ran.');
  process.exit(1);
}
console.log(`\ntests: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
