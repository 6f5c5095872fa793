// One process of a fleet, run with child_process.fork by the tests and the benchmark: the built packages (dist/),
// as another program would use them. Configured by one JSON argument; driven over IPC:
//   { id, cmd: 'calls', n }            n concurrent authorised calls -> { id, ok, failures: [code], maxMs }
//   { id, cmd: 'password', password }  what credentials() gives from now on -> { id }
//   { id, cmd: 'events' }              the events so far (types and codes, never a secret) -> { id, events }
// and tells the parent { type: 'signing-in' } when it sends a sign-in request.
import { getSelfProfile } from '@docspace/auth-client';
import { createDocSpaceAuth, isDocSpaceAuthError } from '@docspace/auth-helpers';
import { Redis } from 'ioredis';
import { redisSession } from '../../dist/index.mjs';

const config = JSON.parse(process.argv[2]);
let password = config.password;
const events = [];

const redis = new Redis(config.redisUrl, {
  enableOfflineQueue: false,
  maxRetriesPerRequest: 1,
  retryStrategy: () => 100, // reconnect every 100 ms while the server is away
  lazyConnect: false,
});
redis.on('error', () => undefined); // reconnecting is ioredis's job; the SDK reports what failed as events
// A command that takes longer than commandTimeoutMs makes a process sign in on its own: on a machine as loaded as the
// shared test machine, 1 s (the default) is sometimes not enough; a stopped Redis fails at once (no offline queue).
const fleet =
  config.coordinate === false
    ? undefined
    : redisSession({ client: redis, pollMs: config.pollMs ?? 100, commandTimeoutMs: 5_000 });

const auth = createDocSpaceAuth({
  baseUrl: config.portal,
  userName: config.userName,
  ...(fleet ? { store: fleet.store, coordinator: fleet.coordinator } : {}),
  leaseMs: config.leaseMs ?? 10_000,
  timeoutMs: config.timeoutMs ?? 30_000,
  retry: { baseDelayMs: 5, maxDelayMs: 20 },
  credentials: () => ({ userName: config.userName, password }),
  fetch: (input, init) => {
    const request = input instanceof Request ? input : new Request(input, init);
    if (request.method === 'POST' && new URL(request.url).pathname === '/api/2.0/authentication') {
      process.send?.({ type: 'signing-in' });
    }
    return fetch(input, init);
  },
  onEvent: (event) => {
    events.push({
      type: event.type,
      at: Date.now(),
      ...('operation' in event ? { operation: event.operation, message: event.message } : {}),
    });
  },
});

async function calls(n) {
  let ok = 0;
  let maxMs = 0;
  const failures = [];
  await Promise.all(
    Array.from({ length: n }, async () => {
      const started = performance.now();
      try {
        const result = await getSelfProfile({ client: auth.client });
        if (result.response?.status === 200) ok++;
        else if (isDocSpaceAuthError(result.error)) failures.push(result.error.code);
        else failures.push(`HTTP ${result.response?.status}`);
      } catch (error) {
        failures.push(isDocSpaceAuthError(error) ? error.code : String(error));
      } finally {
        maxMs = Math.max(maxMs, performance.now() - started);
      }
    }),
  );
  return { ok, failures, maxMs };
}

process.on('message', async (message) => {
  const { id, cmd } = message;
  if (cmd === 'calls') process.send({ id, ...(await calls(message.n)) });
  else if (cmd === 'password') {
    password = message.password;
    process.send({ id });
  } else if (cmd === 'events') process.send({ id, events });
  else if (cmd === 'exit') {
    auth.dispose();
    await fleet?.close();
    redis.disconnect();
    process.send({ id }, () => process.exit(0));
  }
});
// With no offline queue, commands fail until the connection is up: start once it is.
if (redis.status !== 'ready') await new Promise((resolve) => redis.once('ready', resolve));
process.send({ type: 'ready' });
