// pnpm spec:update <file> [--dry-run]
//
// Takes a new version of the API description and makes it ours, in one step:
//   1. compares <file> (YAML or JSON, OpenAPI 3.x) with spec/openapi.yaml and classifies the change
//      (classify.ts: breaking, feature, fix, or none);
//   2. replaces spec/openapi.yaml with it (a JSON document is written as YAML);
//   3. regenerates the client: pnpm --filter @docspace/auth-client generate;
//   4. writes .changeset/spec-update-<time>.md for @docspace/auth-client, with the bump that matches the change
//      (0.x: breaking -> minor, feature -> patch, fix -> patch; from 1.0.0: major, minor, patch) and the list
//      of what changed.
// With --dry-run it prints the classification and the changeset it would write, and changes nothing.
// See RELEASING.md, "When the API changes". The bin (bin/spec-update.mjs) runs the build of this file.
import { type SpawnSyncReturns, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import { bumpFor } from './bump.js';
import { changesetText } from './changeset.js';
import { type Classification, classifySpecChange } from './classify.js';
import type { JsonObject } from './json.js';
import { parseSpec } from './parse.js';

const PACKAGE = '@docspace/auth-client';

const USAGE = `usage: pnpm spec:update <file> [--dry-run]

Replaces spec/openapi.yaml with <file> (OpenAPI 3.x, YAML or JSON), regenerates ${PACKAGE}, and writes a
changeset whose bump matches the change (breaking, feature, or documentation only).

  --dry-run   print the classification and the changeset; change nothing
`;

class UsageError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

const fail = (message: string, exitCode = 1): never => {
  throw new UsageError(message, exitCode);
};

/** The repository root: the nearest folder above this file with a pnpm-workspace.yaml. */
function repositoryRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'pnpm-workspace.yaml'))) {
    const parent = dirname(dir);
    if (parent === dir) fail('cannot find the repository root (no pnpm-workspace.yaml above spec-tools)');
    dir = parent;
  }
  return dir;
}

/** Every file under a folder with its content, to report what the generator changed. */
function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
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
function pnpm(root: string, args: string[]): SpawnSyncReturns<Buffer> {
  const execpath = process.env.npm_execpath;
  const viaExecpath = execpath !== undefined && /pnpm(\.c?js)?$/i.test(basename(execpath));
  const command = viaExecpath ? process.execPath : process.platform === 'win32' ? 'pnpm.cmd' : 'pnpm';
  return spawnSync(command, viaExecpath ? [execpath, ...args] : args, { cwd: root, stdio: 'inherit' });
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Runs `spec:update` with the command-line arguments `args`; returns the exit code. */
export function specUpdate(args: string[]): number {
  if (args.includes('-h') || args.includes('--help')) {
    process.stdout.write(USAGE);
    return 0;
  }
  const dryRun = args.includes('--dry-run');
  const files = args.filter((a) => !a.startsWith('--'));
  const unknown = args.filter((a) => a.startsWith('--') && a !== '--dry-run');
  if (files.length !== 1 || unknown.length > 0) {
    process.stderr.write(USAGE);
    return 2;
  }
  try {
    update(files[0]!, dryRun);
    return 0;
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`spec:update: ${error.message}`);
    return error.exitCode;
  }
}

function update(file: string, dryRun: boolean): void {
  const root = repositoryRoot();
  const specPath = join(root, 'spec', 'openapi.yaml');
  const clientDir = join(root, 'packages', 'auth-client');
  const generatedDir = join(clientDir, 'src', 'generated');

  // `pnpm spec:update x.yaml` runs in the repository root; the path is relative to where the command was typed.
  const input = resolve(process.env.INIT_CWD ?? process.cwd(), file);
  if (!existsSync(input)) fail(`no such file: ${input}`, 2);

  const oldText = readFileSync(specPath, 'utf8');
  const newText = readFileSync(input, 'utf8');
  let oldDoc: JsonObject = {};
  let newDoc: JsonObject = {};
  try {
    oldDoc = parseSpec(oldText, 'spec/openapi.yaml');
    newDoc = parseSpec(newText, basename(input));
  } catch (error) {
    fail(message(error));
  }

  let result: Classification = { level: 'none', changes: [] };
  try {
    result = classifySpecChange(oldDoc, newDoc);
  } catch (error) {
    fail(`could not compare the documents: ${message(error)}`);
  }
  const version: string = JSON.parse(readFileSync(join(clientDir, 'package.json'), 'utf8')).version;

  if (result.level === 'none') {
    console.log('spec:update: the new document is the same API as spec/openapi.yaml (formatting or comments at most).');
    if (!dryRun && newText !== oldText && /\.ya?ml$/i.test(input)) {
      writeFileSync(specPath, newText);
      console.log('spec:update: spec/openapi.yaml replaced; the generated client does not change, so no changeset.');
    }
    return;
  }

  const bump = bumpFor(result.level, version)!;
  const changeset = changesetText({
    packageName: PACKAGE,
    version,
    level: result.level,
    changes: result.changes,
    oldTitle: oldDoc.info?.version,
    newTitle: newDoc.info?.version,
  });
  const counts = (['breaking', 'feature', 'fix'] as const)
    .map((level) => [level, result.changes.filter((c) => c.level === level).length] as const)
    .filter(([, n]) => n > 0)
    .map(([level, n]) => `${n} ${level}`)
    .join(', ');
  console.log(`spec:update: ${result.level} (${counts}) -> ${PACKAGE} ${bump.bump} (now ${version})`);

  if (dryRun) {
    console.log(`\n--- the changeset it would write\n${changeset}`);
    return;
  }

  const before = snapshot(generatedDir);
  writeFileSync(
    specPath,
    /\.json$/i.test(input) || newText.trimStart().startsWith('{') ? stringify(newDoc, { lineWidth: 0 }) : newText,
  );
  console.log(`spec:update: spec/openapi.yaml replaced with ${relative(root, input) || input}`);

  const generated = pnpm(root, ['--filter', PACKAGE, 'run', 'generate']);
  if (generated.error || generated.status !== 0) {
    // Leave the repository as it was: the old document, and the client generated from it.
    writeFileSync(specPath, oldText);
    pnpm(root, ['--filter', PACKAGE, 'run', 'generate']);
    fail('the client generator failed on the new document (see above); spec/openapi.yaml was put back.');
  }
  const after = snapshot(generatedDir);
  const touched = [...new Set([...before.keys(), ...after.keys()])]
    .filter((f) => before.get(f) !== after.get(f))
    .sort();
  console.log(
    `spec:update: regenerated ${PACKAGE}: ${touched.length === 0 ? 'no file changed' : touched.map((f) => `src/generated/${f}`).join(', ')}`,
  );

  const stamp = new Date().toISOString().replace(/[-:T]/g, '').slice(0, 14);
  let changesetPath = join(root, '.changeset', `spec-update-${stamp}.md`);
  for (let i = 2; existsSync(changesetPath); i++)
    changesetPath = join(root, '.changeset', `spec-update-${stamp}-${i}.md`);
  writeFileSync(changesetPath, changeset);
  console.log(`spec:update: wrote ${relative(root, changesetPath)}:\n\n${changeset}`);
  console.log('Next: read the changeset (edit the wording if you like, keep the bump unless it is wrong), then run');
  console.log('`pnpm lint:spec` and `pnpm check`, and commit the spec, src/generated/ and the changeset together.');
}
