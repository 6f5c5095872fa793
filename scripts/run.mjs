#!/usr/bin/env node
// Runs a workspace script on a machine that has only Node and npm.
//
//   node scripts/run.mjs <script> [args...]
//
// 1. Brings the pnpm version pinned in package.json#packageManager into .tools/ (never a global install).
// 2. Installs the workspace from the lockfile.
// 3. Runs `pnpm run <script>` with .tools on PATH, so tools that spawn `pnpm` find the pinned one.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const [script, ...args] = process.argv.slice(2);
if (!script) {
  console.error('usage: node scripts/run.mjs <script> [args...]');
  process.exit(2);
}

const { packageManager } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const match = /^pnpm@(\d+\.\d+\.\d+)$/.exec(packageManager ?? '');
if (!match) {
  console.error(`package.json#packageManager must pin pnpm exactly, found ${JSON.stringify(packageManager)}`);
  process.exit(2);
}
const pnpmVersion = match[1];
const tools = join(root, '.tools');
const pnpmBin = join(tools, 'node_modules', 'pnpm', 'bin', 'pnpm.cjs');

function installedPnpmVersion() {
  try {
    return JSON.parse(readFileSync(join(tools, 'node_modules', 'pnpm', 'package.json'), 'utf8')).version;
  } catch {
    return undefined;
  }
}

function run(command, commandArgs, env) {
  const result = spawnSync(command, commandArgs, { cwd: root, stdio: 'inherit', env });
  if (result.error) throw result.error;
  if (result.status !== 0) process.exit(result.status ?? 1);
}

if (installedPnpmVersion() !== pnpmVersion) {
  console.log(`> bringing pnpm ${pnpmVersion} into .tools/`);
  mkdirSync(tools, { recursive: true });
  writeFileSync(join(tools, 'package.json'), '{ "private": true }\n');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  run(
    npm,
    [
      'install',
      '--prefix',
      tools,
      '--no-save',
      '--no-package-lock',
      '--no-audit',
      '--no-fund',
      '--loglevel=error',
      `pnpm@${pnpmVersion}`,
    ],
    process.env,
  );
}
if (!existsSync(pnpmBin)) {
  console.error(`pnpm ${pnpmVersion} did not install into ${tools}`);
  process.exit(1);
}

const env = {
  ...process.env,
  PATH: [join(tools, 'node_modules', '.bin'), process.env.PATH ?? ''].join(delimiter),
  TURBO_TELEMETRY_DISABLED: '1',
  REDOCLY_TELEMETRY: 'off',
  REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true',
  NO_UPDATE_NOTIFIER: '1',
};
console.log('> pnpm install --frozen-lockfile');
run(process.execPath, [pnpmBin, 'install', '--frozen-lockfile', '--reporter=append-only'], env);
console.log(`> pnpm run ${script}`);
run(process.execPath, [pnpmBin, 'run', script, ...args], env);
