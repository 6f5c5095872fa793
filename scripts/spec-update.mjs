#!/usr/bin/env node
// pnpm spec:update <file> [--dry-run]
//
// Takes a new version of the API description and makes it ours, in one step:
//   1. compares <file> (YAML or JSON, OpenAPI 3.x) with spec/openapi.yaml and classifies the change
//      (scripts/spec-diff.mjs: breaking, feature, fix, or none);
//   2. replaces spec/openapi.yaml with it (a JSON document is written as YAML);
//   3. regenerates the client: pnpm --filter @docspace/auth-client generate;
//   4. writes .changeset/spec-update-<time>.md for @docspace/auth-client, with the bump that matches the change
//      (0.x: breaking -> minor, feature -> patch, fix -> patch; from 1.0.0: major, minor, patch) and the list
//      of what changed.
// With --dry-run it prints the classification and the changeset it would write, and changes nothing.
// See RELEASING.md, "When the API changes".
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import { bumpFor, changesetText, classifySpecChange, parseSpec } from './spec-diff.mjs';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const specPath = join(root, 'spec', 'openapi.yaml');
const clientDir = join(root, 'packages', 'auth-client');
const generatedDir = join(clientDir, 'src', 'generated');
const PACKAGE = '@docspace/auth-client';

const USAGE = `usage: pnpm spec:update <file> [--dry-run]

Replaces spec/openapi.yaml with <file> (OpenAPI 3.x, YAML or JSON), regenerates ${PACKAGE}, and writes a
changeset whose bump matches the change (breaking, feature, or documentation only).

  --dry-run   print the classification and the changeset; change nothing
`;

function fail(message, code = 1) {
  console.error(`spec:update: ${message}`);
  process.exit(code);
}

const args = process.argv.slice(2);
if (args.includes('-h') || args.includes('--help')) {
  process.stdout.write(USAGE);
  process.exit(0);
}
const dryRun = args.includes('--dry-run');
const files = args.filter((a) => !a.startsWith('--'));
const unknown = args.filter((a) => a.startsWith('--') && a !== '--dry-run');
if (files.length !== 1 || unknown.length > 0) {
  process.stderr.write(USAGE);
  process.exit(2);
}

// `pnpm spec:update x.yaml` runs in the repository root; the path is relative to where the command was typed.
const input = resolve(process.env.INIT_CWD ?? process.cwd(), files[0]);
if (!existsSync(input)) fail(`no such file: ${input}`, 2);

const oldText = readFileSync(specPath, 'utf8');
const newText = readFileSync(input, 'utf8');
let oldDoc;
let newDoc;
try {
  oldDoc = parseSpec(oldText, 'spec/openapi.yaml');
  newDoc = parseSpec(newText, basename(input));
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}

let result;
try {
  result = classifySpecChange(oldDoc, newDoc);
} catch (error) {
  fail(`could not compare the documents: ${error instanceof Error ? error.message : error}`);
}
const version = JSON.parse(readFileSync(join(clientDir, 'package.json'), 'utf8')).version;

if (result.level === 'none') {
  console.log('spec:update: the new document is the same API as spec/openapi.yaml (formatting or comments at most).');
  if (!dryRun && newText !== oldText && /\.ya?ml$/i.test(input)) {
    writeFileSync(specPath, newText);
    console.log('spec:update: spec/openapi.yaml replaced; the generated client does not change, so no changeset.');
  }
  process.exit(0);
}

const bump = bumpFor(result.level, version);
const changeset = changesetText({
  packageName: PACKAGE,
  version,
  level: result.level,
  changes: result.changes,
  oldTitle: oldDoc.info?.version,
  newTitle: newDoc.info?.version,
});
const counts = ['breaking', 'feature', 'fix']
  .map((level) => [level, result.changes.filter((c) => c.level === level).length])
  .filter(([, n]) => n > 0)
  .map(([level, n]) => `${n} ${level}`)
  .join(', ');
console.log(`spec:update: ${result.level} (${counts}) -> ${PACKAGE} ${bump.bump} (now ${version})`);

if (dryRun) {
  console.log(`\n--- the changeset it would write\n${changeset}`);
  process.exit(0);
}

/** Every file under a folder with its content, to report what the generator changed. */
function snapshot(dir) {
  const out = new Map();
  const walk = (d) => {
    if (!existsSync(d)) return;
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else out.set(relative(dir, path), readFileSync(path, 'utf8'));
    }
  };
  walk(dir);
  return out;
}

/** The pnpm that runs this script (npm_execpath), else the one on PATH. */
function pnpm(pnpmArgs) {
  const execpath = process.env.npm_execpath;
  const viaExecpath = execpath && /pnpm(\.c?js)?$/i.test(basename(execpath));
  const command = viaExecpath ? process.execPath : process.platform === 'win32' ? 'pnpm.cmd' : 'pnpm';
  return spawnSync(command, viaExecpath ? [execpath, ...pnpmArgs] : pnpmArgs, { cwd: root, stdio: 'inherit' });
}

const before = snapshot(generatedDir);
writeFileSync(specPath, /\.json$/i.test(input) || newText.trimStart().startsWith('{') ? stringify(newDoc, { lineWidth: 0 }) : newText);
console.log(`spec:update: spec/openapi.yaml replaced with ${relative(root, input) || input}`);

const generated = pnpm(['--filter', PACKAGE, 'run', 'generate']);
if (generated.error || generated.status !== 0) {
  // Leave the repository as it was: the old document, and the client generated from it.
  writeFileSync(specPath, oldText);
  pnpm(['--filter', PACKAGE, 'run', 'generate']);
  fail('the client generator failed on the new document (see above); spec/openapi.yaml was put back.');
}
const after = snapshot(generatedDir);
const touched = [...new Set([...before.keys(), ...after.keys()])].filter((f) => before.get(f) !== after.get(f)).sort();
console.log(`spec:update: regenerated ${PACKAGE}: ${touched.length === 0 ? 'no file changed' : touched.map((f) => `src/generated/${f}`).join(', ')}`);

const stamp = new Date().toISOString().replace(/[-:T]/g, '').slice(0, 14);
let changesetPath = join(root, '.changeset', `spec-update-${stamp}.md`);
for (let i = 2; existsSync(changesetPath); i++) changesetPath = join(root, '.changeset', `spec-update-${stamp}-${i}.md`);
writeFileSync(changesetPath, changeset);
console.log(`spec:update: wrote ${relative(root, changesetPath)}:\n\n${changeset}`);
console.log('Next: read the changeset (edit the wording if you like, keep the bump unless it is wrong), then run');
console.log('`pnpm lint:spec` and `pnpm check`, and commit the spec, src/generated/ and the changeset together.');
