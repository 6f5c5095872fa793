// Section 5: scale. Per-call cost under concurrency, memory of many sessions, the file store with 1,000 sessions,
// and the emulator's start time and throughput.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getSelfProfile } from '@docspace/auth-client';
import { createDocSpaceAuth, memoryStore } from '@docspace/auth-helpers';
import { fileStore } from '@docspace/auth-helpers/file-store';
import { startEmulator } from '@docspace/emulator';
import autocannon from 'autocannon';
import { candidates, checkProfile, storeWithSession } from '../lib/clients.mjs';
import { startEmulatorProcess } from '../lib/emulator-process.mjs';
import { startProfileServer } from '../lib/profile-server-control.mjs';
import { summary } from '../lib/stats.mjs';
import { collectGarbage } from '../lib/timing.mjs';

const log = (message) => process.stderr.write(`  scale: ${message}\n`);

export async function run({ quick }) {
  const timed = async (name, fn) => {
    const started = Date.now();
    const result = await fn(quick);
    log(`${name}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return result;
  };
  const concurrency = await timed('concurrency', measureConcurrency);
  const memory = await timed('memory', measureMemory);
  const files = await timed('file store', measureFileStore);
  const emulator = await timed('emulator', measureEmulator);
  return { concurrency, memory, files, emulator };
}

/** Runs `total` calls of `call` with `width` of them in flight at any time; resolves to the wall time in µs. */
async function pool(call, width, total) {
  let started = 0;
  const worker = async () => {
    while (started < total) {
      started++;
      await call();
    }
  };
  const begin = process.hrtime.bigint();
  await Promise.all(Array.from({ length: Math.min(width, total) }, worker));
  return Number(process.hrtime.bigint() - begin) / 1000;
}

/** Wall time per call (µs) at 1, 10, 100 and 1,000 calls in flight; rounds interleaved, order rotated. */
async function measureConcurrency(quick) {
  const levels = [1, 10, 100, 1000];
  const totalFor = (width) => (quick ? Math.max(width, 20) : { 1: 600, 10: 1500, 100: 3000, 1000: 5000 }[width]);
  const warmupFor = (width) => (quick ? Math.min(width, 100) : width * 2);
  const rounds = quick ? 1 : 5;
  const names = ['raw fetch', 'openapi-fetch', 'auth-client (plain)', 'auth.client (ours)'];
  const server = await startProfileServer();
  try {
    const calls = Object.fromEntries(names.map((name) => [name, candidates[name].make(server.url)]));
    for (const name of names) checkProfile(name, await calls[name]());
    const rows = [];
    for (const width of levels) {
      const total = totalFor(width);
      for (const name of names) await pool(calls[name], width, warmupFor(width)); // warm up, open the connections
      const perCall = Object.fromEntries(names.map((name) => [name, []]));
      const ratios = Object.fromEntries(names.map((name) => [name, []]));
      for (let round = 0; round < rounds; round++) {
        const values = {};
        for (const name of names.map((_, i) => names[(i + round) % names.length])) {
          collectGarbage();
          values[name] = (await pool(calls[name], width, total)) / total;
          perCall[name].push(values[name]);
        }
        for (const name of names) ratios[name].push(values[name] / values['raw fetch']);
      }
      for (const name of names)
        rows.push({ width, name, total, us: summary(perCall[name]).median, ratio: summary(ratios[name]) });
      log(`${width} in flight: done`);
    }
    const stats = await server.stats();
    return { rounds, rows, server: stats };
  } finally {
    await server.close();
  }
}

/** Heap (after gc) of many sessions held in one process, and what a burst of calls leaves behind. */
async function measureMemory(quick) {
  const count = quick ? 200 : 10_000;
  const heap = () => {
    collectGarbage();
    collectGarbage();
    return process.memoryUsage().heapUsed;
  };
  const portal = 'https://portal.example.com';
  const sessionFor = (i) => ({
    token: `${'T'.repeat(40)}+/${i.toString(36).padStart(6, '0')}==`,
    expires: new Date(Date.now() + 365 * 86_400_000).toISOString(),
    userName: `user${i}@example.com`,
    portal,
    obtainedAt: new Date().toISOString(),
  });

  // a. One createDocSpaceAuth per session, each with its own memory store, the session restored into it.
  let before = heap();
  let keep = [];
  for (let i = 0; i < count; i++) {
    const session = sessionFor(i);
    const store = memoryStore();
    store.set(`docspace-auth:${portal}:${session.userName}`, session);
    store.set(`docspace-auth:${portal}`, session);
    const auth = createDocSpaceAuth({ baseUrl: portal, store });
    if (!(await auth.session())) throw new Error('no session restored');
    keep.push(auth);
  }
  const instances = heap() - before;
  for (const auth of keep) auth.dispose();
  keep = [];

  // b. One memory store holding every session (one key per user), as a server keeps sessions for many users.
  before = heap();
  const store = memoryStore();
  for (let i = 0; i < count; i++) {
    const session = sessionFor(i);
    store.set(`docspace-auth:${portal}:${session.userName}`, session);
  }
  const shared = heap() - before;
  keep.push(store);

  // c. What a call leaves on the heap while its timeout is pending (each call's abort signal can be used until then,
  // so that the timeout also covers reading the body), and after. What a pending call holds does not depend on the
  // timeout's length; it is long enough that a call on a busy machine (the test command runs four tasks at once)
  // still finishes in time. Raw fetch, for reference, has no timeout at all.
  const calls = quick ? 200 : 10_000;
  const timeoutMs = 2000;
  const settle = () => new Promise((resolve) => setTimeout(resolve, timeoutMs * 1.5));
  const server = await startProfileServer();
  const burst = { calls, timeoutMs };
  try {
    const auth = createDocSpaceAuth({ baseUrl: server.url, store: storeWithSession(server.url), timeoutMs });
    const clients = {
      ours: async () =>
        checkProfile('auth.client', (await getSelfProfile({ client: auth.client, throwOnError: true })).data),
      raw: candidates['raw fetch'].make(server.url),
    };
    for (const [name, call] of Object.entries(clients)) {
      await pool(call, 10, calls); // the same work once, so that only what the calls hold is left to measure
      await settle();
      before = heap();
      await pool(call, 10, calls);
      const pending = heap() - before;
      await settle();
      burst[name] = { pending, after: heap() - before };
    }
    auth.dispose();
  } finally {
    await server.close();
  }
  return { count, instances: { bytes: instances }, shared: { bytes: shared }, burst };
}

/** fileStore() with 1,000 stored sessions in its file: one get(), one set() (lock, read, atomic write, unlock). */
async function measureFileStore(quick) {
  const sessions = 1000;
  const runs = quick ? 3 : 40;
  const dir = mkdtempSync(join(tmpdir(), 'docspace-bench-files-'));
  try {
    const path = join(dir, 'sessions.json');
    const portal = 'https://portal.example.com';
    const entries = {};
    for (let i = 0; i < sessions; i++) {
      entries[`docspace-auth:${portal}:user${i}@example.com`] = {
        token: `${'T'.repeat(40)}+/${i}==`,
        expires: new Date(Date.now() + 365 * 86_400_000).toISOString(),
        userName: `user${i}@example.com`,
        portal,
        obtainedAt: new Date().toISOString(),
      };
    }
    writeFileSync(
      path,
      `${JSON.stringify({ format: 'docspace-auth/sessions', version: 1, sessions: entries }, null, 2)}\n`,
      { mode: 0o600 },
    );
    const store = fileStore(path, {
      onError: (message) => {
        throw new Error(message);
      },
    });
    const time = async (fn) => {
      const started = process.hrtime.bigint();
      await fn();
      return Number(process.hrtime.bigint() - started) / 1e6;
    };
    await store.set(`docspace-auth:${portal}:user0@example.com`, entries[`docspace-auth:${portal}:user0@example.com`]); // loads the lock module
    const reads = [];
    const writes = [];
    for (let i = 0; i < runs; i++) {
      const key = `docspace-auth:${portal}:user${(i * 7) % sessions}@example.com`;
      reads.push(
        await time(async () => {
          if (!(await store.get(key))) throw new Error('missing session');
        }),
      );
      writes.push(await time(() => store.set(key, { ...entries[key], obtainedAt: new Date().toISOString() })));
    }
    const { size } = await import('node:fs').then((fs) => fs.statSync(path));
    return { sessions, runs, fileBytes: size, read: summary(reads), write: summary(writes) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** startEmulator() in a process (first and later starts), the command from spawn to "listening", and requests/s. */
async function measureEmulator(quick) {
  // First start in a fresh process: spawned so that nothing is loaded or warmed up yet (module import excluded).
  const firstStarts = [];
  for (let i = 0; i < (quick ? 1 : 5); i++) firstStarts.push(await firstStartInFreshProcess());
  const later = [];
  for (let i = 0; i < (quick ? 3 : 30); i++) {
    const started = process.hrtime.bigint();
    const emulator = await startEmulator();
    later.push(Number(process.hrtime.bigint() - started) / 1e6);
    await emulator.close();
  }
  const commandStarts = [];
  for (let i = 0; i < (quick ? 1 : 5); i++) {
    const emulator = await startEmulatorProcess();
    commandStarts.push(emulator.startedMs);
    await emulator.close();
  }

  // Requests per second on GET people/@self (a valid token) with autocannon, the emulator in its own process.
  const emulator = await startEmulatorProcess();
  try {
    const signIn = await fetch(`${emulator.url}/api/2.0/authentication`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ userName: 'alice@example.com', password: 'alice-password' }),
    });
    const token = (await signIn.json()).response.token;
    const settings = { connections: 10, pipelining: 1, duration: quick ? 1 : 8 };
    const result = await autocannon({
      url: `${emulator.url}/api/2.0/people/@self`,
      headers: { authorization: `Bearer ${token}` },
      ...settings,
    });
    return {
      firstStartMs: summary(firstStarts),
      laterStartMs: summary(later),
      commandStartMs: summary(commandStarts),
      autocannon: {
        ...settings,
        version: autocannon.version ?? undefined,
        requestsPerSecond: result.requests.average,
        latencyP50Ms: result.latency.p50,
        latencyP99Ms: result.latency.p99,
        total: result.requests.total,
        non2xx: result.non2xx,
        errors: result.errors,
      },
    };
  } finally {
    await emulator.close();
  }
}

/** A new node process imports the emulator, then times its first startEmulator() (import excluded). */
function firstStartInFreshProcess() {
  const script = [
    "const { startEmulator } = await import('@docspace/emulator');",
    'const t = process.hrtime.bigint();',
    'const e = await startEmulator();',
    'const ms = Number(process.hrtime.bigint() - t) / 1e6;',
    'await e.close();',
    'process.stdout.write(String(ms));',
  ].join('\n');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
      cwd: new URL('../..', import.meta.url).pathname,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(Number(out)) : reject(new Error(`exit ${code}`))));
  });
}
