// Section 3: round trips, counted from the emulator's request log, and the wall time of a two-step sign-in.
import { getSelfProfile } from '@docspace/auth-client';
import { createDocSpaceAuth, memoryStore } from '@docspace/auth-helpers';
import { startEmulator } from '@docspace/emulator';
import { startEmulatorProcess } from '../lib/emulator-process.mjs';
import { summary } from '../lib/stats.mjs';
import { collectGarbage } from '../lib/timing.mjs';

const log = (message) => process.stderr.write(`  round-trips: ${message}\n`);
const ALICE = { userName: 'alice@example.com', password: 'alice-password' };
const BOB = { userName: 'bob@example.com', password: 'bob-password' };
const CAROL = { userName: 'carol@example.com', password: 'carol-password' };
const isSignIn = (entry) =>
  entry.method === 'POST' &&
  /^\/api\/2\.0\/authentication(\/(?!logout|confirm|setphone|sendsms)[^/]+)?$/i.test(entry.path);

export async function run({ quick }) {
  const concurrent = quick ? 50 : 1000;
  const emulator = await startEmulator();
  const rows = [];
  const count = async (name, expected, action) => {
    emulator.clearRequests();
    const detail = await action();
    const log = emulator.requests;
    const signIns = log.filter(isSignIn).length;
    rows.push({
      name,
      expected,
      signIns,
      requests: log.length,
      ok: signIns === expected.signIns && (detail?.ok ?? true),
      ...detail,
    });
  };
  try {
    const options = { baseUrl: emulator.url, now: () => emulator.clock.now() };
    await count('sign-in, no second factor (alice)', { signIns: 1 }, async () => {
      await createDocSpaceAuth(options).login(ALICE);
    });
    await count('sign-in, authenticator app (bob, totpSecret)', { signIns: 2 }, async () => {
      await createDocSpaceAuth({ ...options, totpSecret: 'JBSWY3DPEHPK3PXP' }).login(BOB);
    });
    await count('sign-in, SMS code (carol)', { signIns: 2 }, async () => {
      const auth = createDocSpaceAuth({
        ...options,
        secondFactor: () => emulator.sms.lastCodeFor('carol@example.com'),
      });
      await auth.login(CAROL);
    });
    const store = memoryStore();
    await createDocSpaceAuth({ ...options, store }).login(ALICE);
    await count('restored session: a new instance, one authorised call', { signIns: 0 }, async () => {
      const { data } = await getSelfProfile({ client: createDocSpaceAuth({ ...options, store }).client });
      return { ok: data?.response?.email === 'alice@example.com' };
    });
    // A revoked token: every call gets 401, one sign-in is shared by all, every call is replayed once.
    const auth = createDocSpaceAuth({ ...options, credentials: () => ALICE });
    await auth.login(ALICE);
    emulator.revokeTokens('alice@example.com');
    await count(
      `${concurrent.toLocaleString('en-US')} concurrent authorised calls on a revoked token`,
      { signIns: 1 },
      async () => {
        const started = process.hrtime.bigint();
        const results = await Promise.allSettled(
          Array.from({ length: concurrent }, () => getSelfProfile({ client: auth.client, throwOnError: true })),
        );
        const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
        const succeeded = results.filter(
          (r) => r.status === 'fulfilled' && r.value.data?.response?.email === 'alice@example.com',
        ).length;
        const unauthorized = emulator.requests.filter((r) => r.status === 401).length;
        return { ok: succeeded === concurrent, calls: concurrent, succeeded, unauthorized, wallMs };
      },
    );
    for (const row of rows)
      log(
        `${row.name}: ${row.signIns} sign-in request(s), ${row.requests} in all${row.ok ? '' : ' (NOT AS EXPECTED)'}`,
      );
  } finally {
    await emulator.close();
  }
  const wall = await twoStepWallTime(quick);
  return { rows, wall };
}

/**
 * Wall time of a two-step sign-in (password, then the authenticator code) plus nothing else, ours against the same
 * two POSTs with raw fetch, interleaved, against an emulator in its own process. Both get the code from the same
 * function (fetched from the emulator once per round, outside the timing).
 */
async function twoStepWallTime(quick) {
  const rounds = quick ? 2 : 15;
  const perRound = quick ? 3 : 20;
  const emulator = await startEmulatorProcess();
  try {
    const baseUrl = emulator.url;
    const flows = {
      'raw fetch': async (code) => {
        const post = async (path, body, headers = {}) => {
          const response = await fetch(baseUrl + path, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', ...headers },
            body: JSON.stringify(body),
          });
          if (!response.ok) throw new Error(`HTTP ${response.status}`);
          return (await response.json()).response;
        };
        // The same requests as ours, cookies included: the asc_confirm_key_* cookies of step one go back with step two.
        const firstResponse = await fetch(`${baseUrl}/api/2.0/authentication`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(BOB),
        });
        const first = (await firstResponse.json()).response;
        if (first.token || !first.tfa) throw new Error('expected a second factor');
        const cookie = firstResponse.headers
          .getSetCookie()
          .map((line) => line.split(';')[0])
          .filter((pair) => pair.startsWith('asc_confirm_key_'))
          .join('; ');
        const second = await post(
          `/api/2.0/authentication/${code}`,
          { ...BOB, code },
          cookie ? { Cookie: cookie } : {},
        );
        if (!second.token) throw new Error('no token');
      },
      'ours (createDocSpaceAuth().login)': async (code) => {
        const session = await createDocSpaceAuth({ baseUrl, secondFactor: () => code }).login(BOB);
        if (!session.token) throw new Error('no token');
      },
    };
    const names = Object.keys(flows);
    const samples = Object.fromEntries(names.map((n) => [n, []]));
    const ratios = [];
    let code = (await emulator.control('totp?user=bob@example.com')).code;
    for (const name of names) for (let i = 0; i < perRound; i++) await flows[name](code); // warm-up
    for (let round = 0; round < rounds; round++) {
      code = (await emulator.control('totp?user=bob@example.com')).code;
      const medians = {};
      for (const name of names.map((_, i) => names[(i + round) % names.length])) {
        collectGarbage();
        const block = [];
        for (let i = 0; i < perRound; i++) {
          const started = process.hrtime.bigint();
          await flows[name](code);
          block.push(Number(process.hrtime.bigint() - started) / 1e6);
        }
        samples[name].push(...block);
        medians[name] = summary(block).median;
      }
      ratios.push(medians[names[1]] / medians[names[0]]);
    }
    const { requests } = await emulator.control('requests');
    return {
      rounds,
      perRound,
      rows: names.map((name) => ({ name, ms: summary(samples[name]) })),
      ratio: summary(ratios),
      failedRequests: requests.filter((r) => r.status !== 200).length,
    };
  } finally {
    await emulator.close();
  }
}
