#!/usr/bin/env node
// Regenerates the client into a scratch folder and compares it with the committed src/generated/.
// Exits 1, naming every file that differs, when the committed output is out of date.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const pkg = resolve(fileURLToPath(new URL('..', import.meta.url)));
const committed = join(pkg, 'src', 'generated');
// Same depth as src/generated, so relative imports in the output come out identical.
const scratch = join(pkg, 'src', '.generated-check');

function listFiles(dir) {
  if (!existsSync(dir)) return [];
  const out = [];
  const walk = (d) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else out.push(relative(dir, path));
    }
  };
  walk(dir);
  return out.sort();
}

function firstDifference(a, b) {
  const left = a.split('\n');
  const right = b.split('\n');
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    if (left[i] !== right[i]) {
      return `line ${i + 1}:\n      committed:   ${JSON.stringify(left[i] ?? '<end of file>')}\n      regenerated: ${JSON.stringify(right[i] ?? '<end of file>')}`;
    }
  }
  return 'same lines, different bytes (line endings?)';
}

rmSync(scratch, { recursive: true, force: true });
const bin = join(pkg, 'node_modules', '.bin', process.platform === 'win32' ? 'openapi-ts.cmd' : 'openapi-ts');
const result = spawnSync(bin, ['-f', 'openapi-ts.config.ts'], {
  cwd: pkg,
  env: { ...process.env, DOCSPACE_GENERATE_OUTPUT: 'src/.generated-check' },
  encoding: 'utf8',
});
if (result.status !== 0) {
  rmSync(scratch, { recursive: true, force: true });
  process.stderr.write(result.stdout + result.stderr);
  console.error('generate:check: openapi-ts failed (see above).');
  process.exit(1);
}

try {
  const before = listFiles(committed);
  const after = listFiles(scratch);
  const problems = [];
  for (const file of after.filter((f) => !before.includes(f))) problems.push(`  missing from src/generated: ${file}`);
  for (const file of before.filter((f) => !after.includes(f))) problems.push(`  no longer generated:        ${file}`);
  for (const file of after.filter((f) => before.includes(f))) {
    const a = readFileSync(join(committed, file), 'utf8');
    const b = readFileSync(join(scratch, file), 'utf8');
    if (a !== b) problems.push(`  differs: ${file}, first at ${firstDifference(a, b)}`);
  }
  if (problems.length > 0) {
    console.error(
      'generate:check: src/generated/ does not match what spec/openapi.yaml and openapi-ts.config.ts produce:',
    );
    console.error(problems.join('\n'));
    console.error('Run `pnpm generate` (or `pnpm --filter @docspace/auth-client generate`) and commit the result.');
    console.error('Generated files are never edited by hand.');
    process.exit(1);
  }
  console.log(`generate:check: src/generated/ is up to date (${after.length} files).`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
