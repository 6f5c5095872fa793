// The installed `docspace-auth` command, run the way a script would: no terminal, everything from DOCSPACE_*
// variables. The emulator comes from the installed @docspace/emulator; the command runs on the same Node as this
// script (its directory goes first on PATH, and the bin starts with `#!/usr/bin/env node`).
// Prints one JSON line for the test to check.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { createDocSpaceClient, getSelfProfile } from '@docspace/auth-client';
import { startEmulator } from '@docspace/emulator';

const run = promisify(execFile);
const configDir = process.env.DOCSPACE_AUTH_CONFIG_DIR;
if (!configDir) throw new Error('DOCSPACE_AUTH_CONFIG_DIR is not set');

const require = createRequire(import.meta.url);
const cliPackage = JSON.parse(readFileSync(require.resolve('@docspace/cli/package.json'), 'utf8'));
const bin = join(process.cwd(), 'node_modules', '.bin', 'docspace-auth');
const baseEnv = {
  ...process.env,
  PATH: [dirname(process.execPath), process.env.PATH ?? ''].join(delimiter),
  NO_COLOR: '1',
};
// The command must run without a terminal, whatever started this script.
const docspaceAuth = (args, env = {}) =>
  run(bin, args, { env: { ...baseEnv, ...env }, timeout: 30_000, maxBuffer: 1 << 20 });

const emulator = await startEmulator();
try {
  const nodeOnPath = (await run('node', ['-v'], { env: baseEnv })).stdout.trim();
  const help = await docspaceAuth(['--help']);
  const version = (await docspaceAuth(['--version'])).stdout.trim();
  const login = await docspaceAuth(['login', '--json'], {
    DOCSPACE_PORTAL: emulator.url,
    DOCSPACE_USER: 'bob@example.com',
    DOCSPACE_PASSWORD: 'bob-password',
    DOCSPACE_TOTP_SECRET: 'JBSWY3DPEHPK3PXP',
  });
  const token = (await docspaceAuth(['token'])).stdout.trim();
  // The printed token works with the plain client.
  const client = createDocSpaceClient({ baseUrl: emulator.url });
  const profile = await getSelfProfile({ client, auth: () => token });
  console.log(
    JSON.stringify({
      node: process.version,
      nodeOnPath,
      cliVersion: cliPackage.version,
      helpFirstLine: help.stdout.split('\n')[0],
      version,
      login: JSON.parse(login.stdout),
      tokenLength: token.length,
      tokenWorks: profile.data?.response?.displayName ?? null,
      requests: emulator.requests.map((r) => `${r.method} ${r.path.replace(/\/\d{6}$/, '/{code}')} ${r.status}`),
    }),
  );
} finally {
  await emulator.close();
}
