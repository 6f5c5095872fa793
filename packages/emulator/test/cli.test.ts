/** The `docspace-emulator` command, run from the build output as users run it. */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { contract } from './support/contract.js';

const CLI = fileURLToPath(new URL('../dist/cli.mjs', import.meta.url));
const children: ChildProcessWithoutNullStreams[] = [];

beforeAll(() => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "pnpm run build" first`);
});

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

function run(args: string[], env: Record<string, string> = {}): ChildProcessWithoutNullStreams {
  const child = spawn(process.execPath, [CLI, ...args], { stdio: 'pipe', env: { ...process.env, ...env } });
  children.push(child);
  return child;
}

function firstLines(child: ChildProcessWithoutNullStreams, count: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    const seen: string[] = [];
    lines.on('line', (line) => {
      seen.push(line);
      if (seen.length < count) return;
      lines.close();
      resolve(seen);
    });
    child.once('exit', (code) => reject(new Error(`exited with ${code} before printing`)));
  });
}

async function firstLine(child: ChildProcessWithoutNullStreams): Promise<string> {
  return (await firstLines(child, 1))[0]!;
}

function finished(
  child: ChildProcessWithoutNullStreams,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })));
}

describe('docspace-emulator', () => {
  it('prints "listening on <url>" first, answers requests, and exits 0 on SIGTERM', async () => {
    const child = run(['--port', '0']);
    const done = finished(child);
    const line = await firstLine(child);
    expect(line).toMatch(/^listening on http:\/\/127\.0\.0\.1:\d+$/);
    const url = line.slice('listening on '.length);
    const res = await fetch(`${url}/api/2.0/authentication`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userName: 'alice@example.com', password: 'alice-password' }),
    });
    const body = await res.text();
    expect(res.status).toBe(200);
    const headers = Object.fromEntries(res.headers.entries());
    expect(
      contract().check({ method: 'POST', path: '/api/2.0/authentication', status: res.status, headers, body }),
    ).toEqual([]);
    child.kill('SIGTERM');
    expect((await done).code).toBe(0);
  });

  it('has no control plane unless --control; with it, prints a generated key on the second line', async () => {
    const plain = run([]);
    const plainUrl = (await firstLine(plain)).slice('listening on '.length);
    expect((await fetch(`${plainUrl}/__emulator/clock`)).status).toBe(404);
    plain.kill('SIGTERM');

    const child = run(['--control']);
    const [listening, keyLine] = await firstLines(child, 2);
    const url = listening!.slice('listening on '.length);
    expect(keyLine).toMatch(/^control key [A-Za-z0-9_-]{43}$/);
    const key = keyLine!.slice('control key '.length);
    expect((await fetch(`${url}/__emulator/clock`)).status).toBe(401);
    const answer = await fetch(`${url}/__emulator/clock`, { headers: { 'x-emulator-key': key } });
    expect(answer.status).toBe(200);
    expect(typeof ((await answer.json()) as { now: unknown }).now).toBe('number');
  });

  it('--control takes the key from DOCSPACE_EMULATOR_CONTROL_KEY and does not print it', async () => {
    const key = 'a-control-key-from-the-environment';
    const child = run(['--control'], { DOCSPACE_EMULATOR_CONTROL_KEY: key });
    const done = finished(child);
    const url = (await firstLine(child)).slice('listening on '.length);
    expect((await fetch(`${url}/__emulator/clock`, { headers: { 'x-emulator-key': key } })).status).toBe(200);
    child.kill('SIGTERM');
    const { code, stdout, stderr } = await done;
    expect(code).toBe(0);
    expect(`${stdout}${stderr}`).not.toContain(key);
  });

  it('exits 0 on SIGINT', async () => {
    const child = run([]);
    const done = finished(child);
    await firstLine(child);
    child.kill('SIGINT');
    expect((await done).code).toBe(0);
  });

  it('--users reads a JSON array of users', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'emulator-cli-'));
    const file = join(dir, 'users.json');
    writeFileSync(file, JSON.stringify([{ email: 'kim@example.com', password: 'kim-password' }]));
    const child = run(['--users', file, '--seed', '42', '--host', '127.0.0.1']);
    const done = finished(child);
    const url = (await firstLine(child)).slice('listening on '.length);
    const signIn = (userName: string, password: string) =>
      fetch(`${url}/api/2.0/authentication`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ userName, password }),
      }).then((res) => res.status);
    expect(await signIn('kim@example.com', 'kim-password')).toBe(200);
    expect(await signIn('alice@example.com', 'alice-password')).toBe(401);
    child.kill('SIGTERM');
    expect((await done).code).toBe(0);
  });

  it('--cors-origin (repeatable) answers CORS for those origins only', async () => {
    const child = run(['--cors-origin', 'http://localhost:5173', '--cors-origin', 'https://app.example']);
    const done = finished(child);
    const url = (await firstLine(child)).slice('listening on '.length);
    const preflight = (origin: string) =>
      fetch(`${url}/api/2.0/people/@self`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'GET' },
      });
    for (const origin of ['http://localhost:5173', 'https://app.example']) {
      const res = await preflight(origin);
      expect(res.status).toBe(204);
      expect(res.headers.get('access-control-allow-origin')).toBe(origin);
    }
    expect((await preflight('http://localhost:8080')).status).toBe(405);
    child.kill('SIGTERM');
    expect((await done).code).toBe(0);
  });

  it('--users with a bad user exits 2 naming the field', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'emulator-cli-'));
    const file = join(dir, 'users.json');
    writeFileSync(
      file,
      JSON.stringify([
        { email: 'kim@example.com', password: 'x' },
        { email: 'lee', password: 'y' },
      ]),
    );
    const result = await finished(run(['--users', file]));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('users[1].email: must be an email address');
    expect(result.stdout).toBe('');
  });

  it.each([
    [['--port', 'abc'], '--port must be an integer from 0 to 65535'],
    [['--port', '70000'], '--port must be an integer'],
    [['--bogus'], "Unknown option '--bogus'"],
    [['extra'], 'extra'],
    [['--port'], "'--port <value>' argument missing"],
    [['--users', '/nonexistent/users.json'], '--users: cannot read /nonexistent/users.json: ENOENT'],
    [['--cors-origin', 'localhost:5173'], '--cors-origin: must be an origin such as http://localhost:5173'],
  ])('bad arguments %j exit 2 with a message', async (args, message) => {
    const result = await finished(run(args));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stderr).toContain('docspace-emulator --help');
  });

  it('--help prints the usage and exits 0', async () => {
    const result = await finished(run(['--help']));
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: docspace-emulator \[--port N\] \[--host H\] \[--users FILE\]/);
  });
});
