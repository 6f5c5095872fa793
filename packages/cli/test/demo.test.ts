// `npm run demo`'s script, run as the README runs it: from the repository root, after the build.
import { spawn } from 'node:child_process';
import { expect, it } from 'vitest';
import { leaks, REPO_ROOT } from './support/cli.js';

it('node scripts/demo.mjs runs the whole story against the emulator and exits 0', async () => {
  const child = spawn(process.execPath, ['scripts/demo.mjs'], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  // The demo shows bob's demo password, secret and code on purpose (throwaway values, and it says so).
  leaks.output('node scripts/demo.mjs', output, ['bob-password', 'JBSWY3DPEHPK3PXP']);

  expect(output).not.toMatch(/demo failed/);
  expect(code).toBe(0);
  const steps = [
    /1\. Sign in as bob[^\n]*\n[\s\S]*?throwaway demo values[\s\S]*?\$ DOCSPACE_PASSWORD=bob-password docspace-auth login --portal http:\/\/127\.0\.0\.1:\d+ --user bob@example\.com --code \d{6}\n\s+✓ Signed in to/,
    /2\. status[^\n]*\n\$ docspace-auth status\n\s+✓ Signed in to .* as bob@example\.com/,
    /3\. whoami[^\n]*\n\$ docspace-auth whoami\n\s+Bob Brown \(bob\)/,
    /4\. token[^\n]*\n\$ docspace-auth token\n\s+\S{8}… \(\d+ characters; shortened here\)[\s\S]*?HTTP 200: Bob Brown/,
    /5\. logout[^\n]*\n\$ docspace-auth logout\n\s+✓ Signed out of/,
    /6\. The old token is refused now\n[\s\S]*?HTTP 401\n\$ docspace-auth status\n\s+✗ Not signed in[\s\S]*?\(exit code 4\)/,
    /docspace-auth login --portal https:\/\/yourportal\.onlyoffice\.com/,
  ];
  let from = 0;
  for (const step of steps) {
    const match = output.slice(from).match(step);
    expect(match, `${step} in:\n${output}`).not.toBeNull();
    from += (match?.index ?? 0) + (match?.[0].length ?? 0);
  }
  // The whole token is never shown.
  const shortened = /\n\s+(\S{8})… \((\d+) characters/.exec(output);
  expect(Number(shortened?.[2])).toBeGreaterThan(8);
});
