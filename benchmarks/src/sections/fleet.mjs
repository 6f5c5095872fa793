// Section 7: a fleet. N processes on one account, coordinated through Redis (@docspace/auth-redis) against N
// independent processes (each its own memoryStore): sign-ins at start and per revocation at the portal, the time
// until every process's calls succeed again, and the Redis commands per authorised call (INFO commandstats).
// This file is also the fleet's worker: `node fleet.mjs --fleet-worker <config JSON>`, driven over IPC.
import { fork, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { summary } from '../lib/stats.mjs';

const log = (message) => process.stderr.write(`  fleet: ${message}\n`);
const ALICE = { userName: 'alice@example.com', password: 'alice-password' };
const REDIS_SERVER = '/usr/bin/redis-server';

if (process.argv[2] === '--fleet-worker') await worker(JSON.parse(process.argv[3]));

/** One process of the fleet: `{ cmd: 'calls', n }` makes n concurrent authorised calls and answers with failures. */
async function worker(config) {
  const [{ getSelfProfile }, { createDocSpaceAuth, isDocSpaceAuthError }] = await Promise.all([
    import('@docspace/auth-client'),
    import('@docspace/auth-helpers'),
  ]);
  let fleet;
  let redis;
  if (config.redisUrl) {
    const [{ Redis }, { redisSession }] = await Promise.all([import('ioredis'), import('@docspace/auth-redis')]);
    redis = new Redis(config.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
    redis.on('error', () => undefined);
    await new Promise((resolve) => redis.once('ready', resolve));
    fleet = redisSession({ client: redis, pollMs: 100 });
  }
  const auth = createDocSpaceAuth({
    baseUrl: config.portal,
    ...(fleet ? { store: fleet.store, coordinator: fleet.coordinator } : {}),
    credentials: () => ALICE,
  });
  process.on('message', async ({ id, cmd, n }) => {
    if (cmd !== 'calls') return;
    const failures = [];
    await Promise.all(
      Array.from({ length: n }, async () => {
        const result = await getSelfProfile({ client: auth.client });
        if (result.response?.status !== 200)
          failures.push(isDocSpaceAuthError(result.error) ? result.error.code : String(result.response?.status));
      }),
    );
    process.send({ id, failures });
  });
  process.on('disconnect', () => {
    auth.dispose();
    void fleet?.close();
    redis?.disconnect();
    process.exit(0);
  });
  process.send({ ready: true });
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Debian's redis-server on a free loopback port, nothing persisted; stopped by its PID. */
async function startRedis() {
  const dir = mkdtempSync(join(tmpdir(), 'docspace-bench-redis-'));
  const port = await freePort();
  const child = spawn(
    REDIS_SERVER,
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir],
    { stdio: 'ignore' },
  );
  const accepts = () =>
    new Promise((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => (socket.destroy(), resolve(true)));
      socket.once('error', () => resolve(false));
    });
  const until = Date.now() + 10_000;
  while (!(await accepts())) {
    if (child.exitCode !== null || Date.now() > until)
      throw new Error(`redis-server did not start (${REDIS_SERVER}; the test command installs it)`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      process.kill(child.pid, 'SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function startFleet(count, config) {
  let nextId = 1;
  const workers = await Promise.all(
    Array.from({ length: count }, async () => {
      const child = fork(fileURLToPath(import.meta.url), ['--fleet-worker', JSON.stringify(config)], {
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      });
      const pending = new Map();
      child.on('message', (message) => {
        pending.get(message.id)?.(message);
        pending.delete(message.id);
      });
      await new Promise((resolve, reject) => {
        child.once('exit', (code) => reject(new Error(`fleet worker exited (${code})`)));
        child.once('message', resolve);
      });
      child.removeAllListeners('exit');
      const calls = (n) =>
        new Promise((resolve) => {
          const id = nextId++;
          pending.set(id, resolve);
          child.send({ id, cmd: 'calls', n });
        });
      return { child, calls };
    }),
  );
  return {
    calls: (n) => Promise.all(workers.map((w) => w.calls(n))),
    stop: () =>
      Promise.all(
        workers.map(({ child }) => {
          const exited = new Promise((resolve) => child.once('exit', resolve));
          child.disconnect();
          return exited;
        }),
      ),
  };
}

/** The commands Redis has executed so far (INFO commandstats), the INFO commands that read it not counted. */
async function redisCommands(admin) {
  const text = await admin.info('commandstats');
  let total = 0;
  for (const match of text.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm))
    if (match[1] !== 'info') total += Number(match[2]);
  return total;
}

export async function run({ quick }) {
  const processes = quick ? 2 : 20;
  const callsPerProcess = quick ? 3 : 50;
  const rounds = quick ? 1 : 5;
  const [{ startEmulator }, { Redis }] = await Promise.all([import('@docspace/emulator'), import('ioredis')]);
  const emulator = await startEmulator();
  const redis = await startRedis();
  const admin = new Redis(redis.url);
  const isSignIn = (entry) => entry.method === 'POST' && entry.path === '/api/2.0/authentication';
  const signIns = () => emulator.requests.filter(isSignIn).length;
  const modes = {};
  try {
    for (const mode of ['coordinated', 'independent']) {
      log(`${mode}: ${processes} processes`);
      await admin.flushall();
      emulator.reset();
      const fleet = await startFleet(processes, {
        portal: emulator.url,
        ...(mode === 'coordinated' ? { redisUrl: redis.url } : {}),
      });
      try {
        const failed = (results) => results.reduce((sum, r) => sum + r.failures.length, 0);
        let lost = failed(await fleet.calls(1));
        const initialSignIns = signIns();

        // The hot path: calls with a live token, and what Redis executed meanwhile.
        const before = await redisCommands(admin);
        lost += failed(await fleet.calls(callsPerProcess));
        const hotPathCommands = (await redisCommands(admin)) - before;

        const perRevocation = [];
        const recoverMs = [];
        for (let round = 0; round < rounds; round++) {
          emulator.revokeTokens('alice');
          emulator.clearRequests();
          const started = performance.now();
          lost += failed(await fleet.calls(callsPerProcess));
          recoverMs.push(performance.now() - started);
          perRevocation.push(signIns());
        }
        modes[mode] = {
          initialSignIns,
          perRevocation,
          recoverMs: summary(recoverMs),
          hotPathCalls: processes * callsPerProcess,
          redisCommandsPerCall: mode === 'coordinated' ? hotPathCommands / (processes * callsPerProcess) : null,
          lost,
        };
      } finally {
        await fleet.stop();
      }
    }
  } finally {
    admin.disconnect();
    await redis.stop();
    await emulator.close();
  }
  return { processes, callsPerProcess, rounds, modes };
}

/** The section's tables (run.mjs prints them and RESULTS.md carries them). */
export function fleetTables(fleet) {
  const { processes, callsPerProcess, rounds, modes } = fleet;
  const row = (name, m) => [
    name,
    String(m.initialSignIns),
    `${summary(m.perRevocation).median} (${Math.min(...m.perRevocation)}–${Math.max(...m.perRevocation)})`,
    `${Math.round(m.recoverMs.median)} ms`,
    m.redisCommandsPerCall === null ? '—' : m.redisCommandsPerCall.toFixed(3),
    String(m.lost),
  ];
  return {
    tables: [
      {
        title: `${processes} processes on one account, ${callsPerProcess} concurrent calls each; token revoked at the portal ${rounds} times`,
        columns: [
          { title: 'processes' },
          { title: 'sign-ins at start' },
          { title: 'sign-ins per revocation, median (range)' },
          { title: 'time to recover, median' },
          { title: 'Redis commands per authorised call' },
          { title: 'calls lost' },
        ],
        rows: [
          row('coordinated (@docspace/auth-redis)', modes.coordinated),
          row('independent (memoryStore each)', modes.independent),
        ],
      },
    ],
    notes: [
      'Time to recover: from the revocation until every process has its calls answered (they hit the dead token, then wait for one sign-in, or sign in each). Redis commands per call: INFO commandstats around a round of calls with a live token (the goal is 0: the token is cached in each process).',
    ],
  };
}
