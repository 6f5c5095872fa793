// The README's first example is test/readme/example.ts (type-checked with the tests), and it runs: against a real
// redis-server and the emulator.
import { execFile } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { startEmulator } from '@docspace/emulator';
import { transform } from 'esbuild';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type RedisServer, startRedis } from './support/redis-server.js';

const run = promisify(execFile);
const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const example = readFileSync(new URL('./readme/example.ts', import.meta.url), 'utf8');

let redis: RedisServer;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(() => redis.dispose());

it('starts with the example, word for word', () => {
  const first = /```ts[^\n]*\n([\s\S]*?)```/.exec(readme)?.[1];
  expect(first).toBe(example);
  expect(readme.indexOf('```ts')).toBeLessThan(readme.indexOf('\n## '));
});

it('runs the example: it signs in and prints who', async () => {
  const emulator = await startEmulator();
  const script = new URL('./readme/example.gen.mjs', import.meta.url);
  try {
    writeFileSync(script, (await transform(example, { loader: 'ts', format: 'esm' })).code);
    const { stdout } = await run(process.execPath, [script.pathname], {
      env: { ...process.env, REDIS_URL: redis.url, DOCSPACE_URL: emulator.url, DOCSPACE_PASSWORD: 'alice-password' },
    });
    expect(stdout).toBe('signed in as Alice Anderson\n');
    expect(emulator.requests.filter((r) => r.path === '/api/2.0/authentication')).toHaveLength(1);
  } finally {
    rmSync(script, { force: true });
    await emulator.close();
  }
});
