import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compilePathPattern } from '../src/path-pattern.js';
import { AUTH } from './support/http.js';

const CLI = fileURLToPath(new URL('../dist/cli.mjs', import.meta.url));

/** The backtracking regex the emulator used before: the reference for what a pattern means (on small inputs). */
function referenceMatcher(pattern: string): (path: string) => boolean {
  const source = pattern
    .replace(/\/+$/, '')
    .split(/(\*|:[A-Za-z_][A-Za-z0-9_]*)/)
    .map((part) => (part === '*' ? '.*' : part.startsWith(':') ? '[^/]+' : part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  const regex = new RegExp(`^${source}/?$`, 'i');
  return (path) => regex.test(path);
}

/** A small deterministic PRNG, so a failure names a reproducible case. */
function lcg(seed: number) {
  let state = seed;
  return (max: number) => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state % max;
  };
}

describe('path patterns', () => {
  it('mean what they meant: literal parts in any case, :name one segment, * anything, a trailing slash ignored', () => {
    const cases: [string, string, boolean][] = [
      ['/api/2.0/authentication', '/API/2.0/Authentication', true],
      ['/api/2.0/authentication', '/api/2.0/authentication/', true],
      ['/api/2.0/authentication', '/api/2.0/authentication//', false],
      ['/api/2.0/authentication/:code', '/api/2.0/authentication/123456', true],
      ['/api/2.0/authentication/:code', '/api/2.0/authentication/', false],
      ['/api/2.0/authentication/:code', '/api/2.0/authentication/12/34', false],
      ['/api/2.0/*', '/api/2.0/', true],
      ['/api/2.0/*', '/api/2.0/people/@self', true],
      ['/api/*/@self', '/api/2.0/people/@self', true],
      ['/a/*', '/a', false],
      ['/a.b', '/aXb', false],
    ];
    for (const [pattern, path, expected] of cases)
      expect(compilePathPattern(pattern)(path), `${pattern} ~ ${path}`).toBe(expected);
  });

  it('agree with the reference regex on 20 000 random small patterns and paths', { timeout: 60_000 }, () => {
    const next = lcg(12345);
    const atoms = ['/', 'a', 'B', 'b', '.', '*', ':x', '@', '-'];
    const chars = ['/', 'a', 'A', 'b', '.', '@', '-'];
    const disagreements: string[] = [];
    for (let i = 0; i < 20_000; i++) {
      let pattern = '/';
      for (let n = next(6); n > 0; n--) pattern += atoms[next(atoms.length)];
      let path = '/';
      for (let n = next(9); n > 0; n--) path += chars[next(chars.length)];
      if (compilePathPattern(pattern)(path) !== referenceMatcher(pattern)(path))
        disagreements.push(`${pattern} ~ ${path}`);
    }
    expect(disagreements).toEqual([]);
  });

  // With a backtracking regex this pair takes longer than the age of the universe. The emulator runs as its own
  // process (the command), so a stalled event loop there fails this test by its timeout instead of stalling it.
  it('a fault rule with many * against a long path does not stall the server (no backtracking)', {
    timeout: 60_000,
  }, async () => {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "pnpm run build" first`);
    const key = 'path-pattern-test-control-key';
    const child = spawn(process.execPath, [CLI, '--control'], {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, DOCSPACE_EMULATOR_CONTROL_KEY: key },
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        createInterface({ input: child.stdout }).once('line', (line) => resolve(line.slice('listening on '.length)));
        child.once('exit', (code) => reject(new Error(`exited with ${code}`)));
      });
      const rule = { path: `/${'*a'.repeat(24)}*b`, probability: 1, fault: { kind: 'proxy-error' } };
      const added = await fetch(`${url}/__emulator/faults`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-emulator-key': key },
        body: JSON.stringify(rule),
      });
      expect(added.status).toBe(200);
      const answer = await fetch(`${url}/${'a'.repeat(4_000)}`, { signal: AbortSignal.timeout(30_000) });
      expect(answer.status).toBe(404);
      expect((await fetch(`${url}${AUTH}`, { signal: AbortSignal.timeout(30_000) })).status).toBe(200);
    } finally {
      child.kill('SIGKILL');
    }
  });
});
