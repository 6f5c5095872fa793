// Section 2: cost per authorised call in Node, against a node:http server in a child process on loopback
// (keep-alive, fixed validated body), and a no-network breakdown of where our microseconds go.
import { createDocSpaceClient, getSelfProfile } from '@docspace/auth-client';
import { vGetSelfProfileResponse } from '@docspace/auth-client/schemas';
import { createDocSpaceAuth } from '@docspace/auth-helpers';
import * as v from 'valibot';
import { candidates, checkProfile, references, storeWithSession } from '../lib/clients.mjs';
import { PROFILE_BODY, PROFILE_PATH, TOKEN } from '../lib/profile-body.mjs';
import { startProfileServer } from '../lib/profile-server-control.mjs';
import { mean, quantile, summary } from '../lib/stats.mjs';
import { interleave } from '../lib/timing.mjs';

const log = (message) => process.stderr.write(`  per-call: ${message}\n`);

export async function run({ quick }) {
  // The body must be a valid people/@self answer: every client parses it, ours validates it.
  v.parse(vGetSelfProfileResponse, JSON.parse(PROFILE_BODY));
  const http = await measureHttp(quick);
  const breakdown = await measureBreakdown(quick);
  return { http, breakdown };
}

async function measureHttp(quick) {
  const settings = quick
    ? { rounds: 2, perRound: 20, warmup: 10, long: { rounds: 1, perRound: 20, warmup: 0 } }
    : { rounds: 12, perRound: 300, warmup: 300, long: { rounds: 4, perRound: 5000, warmup: 0 } };
  const server = await startProfileServer();
  try {
    const all = { ...candidates, ...references };
    const calls = {};
    for (const [name, { make }] of Object.entries(all)) {
      calls[name] = make(server.url);
      checkProfile(name, await calls[name]());
    }
    log(
      `${Object.keys(calls).length} clients, ${settings.rounds} rounds × ${settings.perRound} calls, ${settings.warmup} warm-up`,
    );
    // The server's counters cover the measured rounds only.
    const { samples, rounds, cpu, mainCpu } = await interleave(calls, {
      ...settings,
      perCall: true,
      afterWarmup: () => server.reset(),
    });
    // The long run: few long blocks without a gc() between calls, the mean per call (what a busy process sees,
    // collections and all). The sketch row is left out (it explains a gap, not a choice).
    const longNames = Object.keys(calls).filter(
      (name) => all[name].kind !== 'reference' || name.startsWith('node:http'),
    );
    const long = await interleave(Object.fromEntries(longNames.map((name) => [name, calls[name]])), {
      ...settings.long,
      perCall: false,
    });
    const stats = await server.stats();
    const rows = Object.entries(all).map(([name, { kind }]) => {
      const ratios = rounds.map((round) => round[name] / round['raw fetch']);
      return {
        name,
        kind,
        medianUs: quantile(samples[name], 0.5),
        p90Us: quantile(samples[name], 0.9),
        roundMedians: summary(rounds.map((round) => round[name])),
        ratio: summary(ratios),
        cpuUs: summary(cpu[name]),
        mainCpuUs: summary(mainCpu[name]),
        calls: samples[name].length,
        longMeanUs: long.samples[name] ? mean(long.samples[name]) : undefined,
        longRatio: long.samples[name] ? mean(long.samples[name]) / mean(long.samples['raw fetch']) : undefined,
        longCalls: long.samples[name] ? long.samples[name].length * settings.long.perRound : 0,
      };
    });
    return { settings, rows, server: stats, bodyBytes: Buffer.byteLength(PROFILE_BODY) };
  } finally {
    await server.close();
  }
}

/**
 * The same call without a network: `fetch` answers with a canned Response. Each layer adds one thing to the one
 * before it, so the differences are what each layer costs.
 */
async function measureBreakdown(quick) {
  const settings = quick ? { rounds: 2, perRound: 50, warmup: 50 } : { rounds: 10, perRound: 2000, warmup: 2000 };
  const baseUrl = 'http://127.0.0.1:9';
  const responseInit = {
    status: 200,
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': String(Buffer.byteLength(PROFILE_BODY)),
    },
  };
  const fetch = async () => new Response(PROFILE_BODY, responseInit);
  const client = createDocSpaceClient({ baseUrl, fetch });
  const authorization = { Authorization: `Bearer ${TOKEN}` };
  const isBearer = (s) => s.type === 'http' && s.scheme === 'bearer' && (s.key ?? 'Bearer') === 'Bearer';
  const isCookie = (s) => s.in === 'cookie' && s.name === 'asc_auth_key';
  const ours = createDocSpaceAuth({ baseUrl, store: storeWithSession(baseUrl), fetch });
  const layers = [
    {
      name: 'fetch + Response + JSON.parse (raw fetch, no network)',
      call: async () => (await fetch(`${baseUrl}${PROFILE_PATH}`, { headers: authorization })).json(),
    },
    {
      name: '+ auth-client runtime (fetch(url, init), headers merged, text + JSON.parse), no auth, no validation',
      call: async () =>
        (await getSelfProfile({ client, security: undefined, responseValidator: undefined, headers: authorization }))
          .data,
    },
    {
      name: '+ response validation (valibot)',
      call: async () => (await getSelfProfile({ client, security: undefined, headers: authorization })).data,
    },
    {
      name: '+ auth callback over the security schemes of the operation (token for Bearer and cookie)',
      call: async () =>
        (await getSelfProfile({ client, auth: (s) => (isBearer(s) || isCookie(s) ? TOKEN : undefined) })).data,
    },
    {
      name: '+ createDocSpaceAuth: session lookup, transport (retry loop, 401 replay, per-call timeout) = auth.client',
      call: async () => (await getSelfProfile({ client: ours.client })).data,
    },
  ];
  const calls = Object.fromEntries(layers.map((layer) => [layer.name, layer.call]));
  for (const [name, call] of Object.entries(calls)) checkProfile(name, await call());
  log(`breakdown: ${layers.length} layers, ${settings.rounds} rounds × ${settings.perRound} calls`);
  const { samples } = await interleave(calls, { ...settings, perCall: false });
  // The fastest round of each layer: without a network the cost is CPU only, and on a shared machine the fastest
  // round is the one least disturbed by other work.
  let previous;
  const rows = layers.map(({ name }) => {
    const us = Math.min(...samples[name]);
    const row = { name, us, deltaUs: previous === undefined ? undefined : us - previous, iqr: summary(samples[name]) };
    previous = us;
    return row;
  });
  return { settings, rows };
}
