// Section 4: start-up of the `docspace-auth` command, each run as a whole process, against `node -e 0`.
// The method of packages/cli/scripts/startup-time.mjs (which is left as it is): every case run many times,
// interleaved so that machine load hits every case alike, with a minimal environment, a saved session (signed in
// once beforehand) and a running emulator (status asks the portal).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { startEmulator } from '@docspace/emulator';
import { summary } from '../lib/stats.mjs';

const require = createRequire(import.meta.url);
const cli = join(dirname(require.resolve('@docspace/cli/package.json')), 'dist', 'cli.cjs');
const log = (message) => process.stderr.write(`  startup: ${message}\n`);

export async function run({ quick }) {
  const runs = quick ? 2 : 30;
  const dir = mkdtempSync(join(tmpdir(), 'docspace-bench-startup-'));
  const emulator = await startEmulator();
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, DOCSPACE_AUTH_CONFIG_DIR: dir };
  // Asynchronous on purpose: the emulator answers from this process.
  const time = (args, extraEnv = {}) =>
    new Promise((resolve, reject) => {
      const started = process.hrtime.bigint();
      const child = spawn(process.execPath, args, { env: { ...env, ...extraEnv }, stdio: 'ignore' });
      child.on('error', reject);
      child.on('close', (code) => resolve({ ms: Number(process.hrtime.bigint() - started) / 1e6, code }));
    });
  try {
    const login = await time([cli, 'login', '--portal', emulator.url, '--user', 'alice@example.com'], {
      DOCSPACE_PASSWORD: 'alice-password',
    });
    if (login.code !== 0) throw new Error(`docspace-auth login failed with exit code ${login.code}`);
    const cases = {
      'node -e 0': ['-e', '0'],
      'docspace-auth token': [cli, 'token'],
      'docspace-auth status': [cli, 'status'],
      'docspace-auth --help': [cli, '--help'],
    };
    const names = Object.keys(cases);
    const samples = Object.fromEntries(names.map((name) => [name, []]));
    const ratios = Object.fromEntries(names.map((name) => [name, []]));
    for (const name of names) await time(cases[name]); // warm the file cache
    log(`${names.length} cases × ${runs} runs, interleaved`);
    for (let round = 0; round < runs; round++) {
      const times = {};
      for (const name of names.map((_, i) => names[(i + round) % names.length])) {
        const { ms, code } = await time(cases[name]);
        if (code !== 0) throw new Error(`${name} exited with ${code}`);
        samples[name].push(ms);
        times[name] = ms;
      }
      for (const name of names) ratios[name].push(times[name] / times['node -e 0']);
    }
    const baseline = summary(samples['node -e 0']).median;
    const rows = names.map((name) => {
      const ms = summary(samples[name]);
      return { name, ms, ratio: ms.median / baseline, roundRatio: summary(ratios[name]) };
    });
    return { runs, rows };
  } finally {
    await emulator.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
