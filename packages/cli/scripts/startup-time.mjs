#!/usr/bin/env node
// Start-up time of the built command against `node -e 0`: each case run N times (default 20), interleaved so that
// machine load hits every case alike; prints median and mean wall time per run and the ratio of medians.
//
//   node scripts/startup-time.mjs [N]        (after `pnpm run build`; needs no portal: it starts the emulator)
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmulator } from '@docspace/emulator';

const runs = Number(process.argv[2] ?? 20);
const cli = fileURLToPath(new URL('../dist/cli.cjs', import.meta.url));
// What people run: the package's bin, a two-line file that loads dist/cli.cjs.
const bin = fileURLToPath(new URL('../bin/docspace-auth.cjs', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'docspace-auth-startup-'));
const emulator = await startEmulator();
const env = { PATH: process.env.PATH, HOME: process.env.HOME, DOCSPACE_AUTH_CONFIG_DIR: dir };

// Asynchronous on purpose: the emulator answers from this process.
function time(args, extraEnv = {}) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, args, { env: { ...env, ...extraEnv }, stdio: 'ignore' });
    child.on('error', reject);
    child.on('close', (code) => resolve({ ms: Number(process.hrtime.bigint() - started) / 1e6, code }));
  });
}

const login = await time([cli, 'login', '--portal', emulator.url, '--user', 'alice@example.com'], {
  DOCSPACE_PASSWORD: 'alice-password',
});
if (login.code !== 0) throw new Error(`login failed with exit code ${login.code}`);

const cases = {
  'node -e 0': ['-e', '0'],
  'docspace-auth token': [cli, 'token'],
  'token through bin/': [bin, 'token'],
  'docspace-auth --help': [cli, '--help'],
  'docspace-auth status': [cli, 'status'],
};
const samples = Object.fromEntries(Object.keys(cases).map((name) => [name, []]));
for (let round = 0; round < runs; round++) {
  for (const [name, args] of Object.entries(cases)) {
    const { ms, code } = await time(args);
    if (code !== 0) throw new Error(`${name} exited with ${code}`);
    samples[name].push(ms);
  }
}
await emulator.close();
rmSync(dir, { recursive: true, force: true });

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const mean = (values) => values.reduce((a, b) => a + b, 0) / values.length;
const baseline = median(samples['node -e 0']);
console.log(`${runs} runs each (wall time per run)`);
for (const [name, values] of Object.entries(samples)) {
  const m = median(values);
  console.log(
    `${name.padEnd(22)} median ${m.toFixed(1).padStart(6)} ms   mean ${mean(values).toFixed(1).padStart(6)} ms   ${(m / baseline).toFixed(2)} × node -e 0`,
  );
}
