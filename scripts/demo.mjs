#!/usr/bin/env node
// `npm run demo` (after the build): the whole sign-in story of the `docspace-auth` command line, run against a local
// emulator of a DocSpace portal. Every step prints the command it runs, then what the command printed, and checks
// that it behaved as it should; the demo exits non-zero as soon as one did not.
//
// It uses a temporary config folder (never your ~/.config) and the built command (packages/cli/dist/cli.cjs).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BOB_TOTP_SECRET, startEmulator, totpCode } from '@docspace/emulator';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const cli = join(root, 'packages', 'cli', 'dist', 'cli.cjs');
const tty = process.stdout.isTTY === true && !process.env.NO_COLOR && process.env.TERM !== 'dumb';
const paint = (code) => (text) => (tty ? `\u001b[${code}m${text}\u001b[0m` : text);
const bold = paint(1);
const dim = paint(2);
const cyan = paint(36);
const red = paint(31);

class StepFailed extends Error {}

if (!existsSync(cli)) {
  console.error(`${cli} is missing: build first (npm run demo builds everything, or: pnpm turbo run build)`);
  process.exit(1);
}

const configDir = mkdtempSync(join(tmpdir(), 'docspace-auth-demo-'));
const emulator = await startEmulator();
const portal = emulator.url;
const user = 'bob@example.com';
const password = 'bob-password';

// The command sees only this environment: nothing of yours (no DOCSPACE_* of a real portal) leaks in.
const baseEnv = Object.fromEntries(
  Object.entries(process.env).filter(([name]) => !name.startsWith('DOCSPACE_') && name !== 'DEBUG'),
);
baseEnv.DOCSPACE_AUTH_CONFIG_DIR = configDir;
baseEnv.NO_COLOR = '1';

let step = 0;
function heading(text) {
  console.log(`\n${bold(`${++step}. ${text}`)}`);
}

/** Runs the built command (asynchronously: the emulator answers from this process), prints it and its output. */
async function docspaceAuth(args, { env = {}, show = (out) => out } = {}) {
  const envShown = Object.entries(env)
    .map(([name, value]) => `${name}=${value} `)
    .join('');
  console.log(cyan(`$ ${envShown}docspace-auth ${args.join(' ')}`));
  const child = spawn(process.execPath, [cli, ...args], {
    env: { ...baseEnv, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk) => (stderr += chunk));
  const timer = setTimeout(() => child.kill(), 30_000);
  const status = await new Promise((done, fail) => {
    child.on('error', fail);
    child.on('close', (code) => done(code));
  });
  clearTimeout(timer);
  const output = `${show(stdout)}${stderr}`.replace(/\n+$/, '');
  if (output) console.log(output.replace(/^/gm, '  '));
  console.log(dim(`  (exit code ${status})`));
  return { status, stdout, stderr };
}

function expectThat(condition, what) {
  if (!condition) throw new StepFailed(what);
}

try {
  console.log(bold('docspace-auth demo: sign in to a DocSpace portal from the command line'));
  console.log(`A local emulator of a portal is running at ${portal} (demo users alice, bob, carol, dave, erin).`);
  console.log(dim(`Sessions of this demo go to ${configDir} (removed at the end), not to your own config folder.`));

  heading('Sign in as bob, whose account asks for a code from an authenticator app');
  const code = totpCode(BOB_TOTP_SECRET, Date.now());
  console.log(
    `The demo computes bob's current code from his demo TOTP secret ${BOB_TOTP_SECRET}: ${bold(code)}.\n` +
      dim(
        '(Shown only because the secret, the password and the code are throwaway demo values: docspace-auth itself\n' +
          'never prints a password, code or secret. In a terminal it asks for them, with the password hidden.)',
      ),
  );
  const login = await docspaceAuth(['login', '--portal', portal, '--user', user, '--code', code], {
    env: { DOCSPACE_PASSWORD: password },
  });
  expectThat(
    login.status === 0 && login.stdout.includes(`Signed in to ${portal} as ${user}`),
    'login should sign bob in',
  );

  heading('status: signed in or not, to which portal, as whom, until when (asks the portal)');
  const status = await docspaceAuth(['status']);
  expectThat(status.status === 0 && status.stdout.includes(`as ${user}`), 'status should say bob is signed in');

  heading('whoami: the profile the portal reports for the token (GET /api/2.0/people/@self)');
  const whoami = await docspaceAuth(['whoami']);
  expectThat(whoami.status === 0 && whoami.stdout.includes('Bob Brown'), 'whoami should show Bob Brown');

  heading('token: prints only the token, for curl -H "Authorization: $(docspace-auth token)"');
  const tokenRun = await docspaceAuth(['token'], {
    show: (out) =>
      out.trim() ? `${out.trim().slice(0, 8)}… (${out.trim().length} characters; shortened here)\n` : out,
  });
  const token = tokenRun.stdout.trim();
  expectThat(
    tokenRun.status === 0 && token.length > 8 && tokenRun.stdout === `${token}\n`,
    'token should print the token and a newline',
  );
  console.log(cyan(`$ curl -H "Authorization: $(docspace-auth token)" ${portal}/api/2.0/people/@self`));
  const self = await fetch(`${portal}/api/2.0/people/@self`, { headers: { Authorization: token } });
  const profile = self.ok ? (await self.json()).response : undefined;
  console.log(`  HTTP ${self.status}${profile ? `: ${profile.displayName} <${profile.email}>` : ''}`);
  expectThat(self.status === 200, 'the portal should accept the token');

  heading('logout: the portal ends the session and the token is forgotten here');
  const logout = await docspaceAuth(['logout']);
  expectThat(logout.status === 0 && logout.stdout.includes('Signed out'), 'logout should sign bob out');

  heading('The old token is refused now');
  console.log(cyan(`$ curl -H "Authorization: <the old token>" ${portal}/api/2.0/people/@self`));
  const after = await fetch(`${portal}/api/2.0/people/@self`, { headers: { Authorization: token } });
  console.log(`  HTTP ${after.status}`);
  expectThat(after.status === 401, 'the portal should refuse the old token with 401');
  const statusAfter = await docspaceAuth(['status']);
  expectThat(statusAfter.status === 4, 'status should exit with 4 (not signed in) after logout');

  console.log(`\n${bold('All steps behaved as expected.')} The same commands work against a real portal:`);
  console.log(`
  npm install -g @docspace/cli                 # or: npx @docspace/cli login ...
  docspace-auth login --portal https://yourportal.onlyoffice.com
  docspace-auth status
  curl -H "Authorization: $(docspace-auth token)" https://yourportal.onlyoffice.com/api/2.0/people/@self
  docspace-auth logout

  In CI: DOCSPACE_PORTAL, DOCSPACE_USER, DOCSPACE_PASSWORD (and DOCSPACE_TOTP_SECRET) instead of prompts.
  More: packages/cli/README.md, and docspace-auth --help.`);
} catch (error) {
  const message =
    error instanceof StepFailed
      ? `step ${step} did not behave as expected: ${error.message}`
      : String(error?.stack ?? error);
  console.error(`\n${red('demo failed:')} ${message}`);
  process.exitCode = 1;
} finally {
  await emulator.close();
  rmSync(configDir, { recursive: true, force: true });
}
