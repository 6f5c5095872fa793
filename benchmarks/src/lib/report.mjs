// Turns the sections' results into tables (the same ones for the terminal and for RESULTS.md) and notes.
import { fixed, int, ratio, ratioRange } from './format.mjs';

export const GOALS = { bundleGzip: 8000, perCallRatio: 1.05, tokenStartupRatio: 1.3, emulatorStartMs: 100 };

const range = (s, digits = 1) => (Number.isFinite(s?.median) ? `${s.p25.toFixed(digits)}–${s.p75.toFixed(digits)}` : 'n/a');
const num = { align: 'right' };

/** Section 1. */
export function sizeTables(size) {
  const ours = size.rows.find((row) => row.kind === 'ours');
  // A lazy chunk by what it holds: the package, or for our own packages the file (hey-api's SSE client).
  const label = (m) => (m.startsWith('@docspace/') ? m.split('/').pop().replace(/\.c?js$/, '') : m.split('/')[0]);
  const lazy = (row) => (row.lazy.length === 0 ? '' : row.lazy.map((l) => `${l.modules.map(label).join('+')} ${int(l.gzip)}`).join(', '));
  const main = {
    title: 'Browser bundle: two-step sign-in + one authorised call (esbuild --bundle --minify --platform=browser, ESM, splitting)',
    columns: [{ title: 'bundle' }, { title: 'minified', ...num }, { title: 'gzip -9', ...num }, { title: 'brotli 11', ...num }, { title: 'ours ÷ this (gzip)', ...num }, { title: 'lazy chunks, gzip (loaded only when used)' }, { title: 'ran: requests' }],
    rows: size.rows.map((row) => [row.name, int(row.minified), int(row.gzip), int(row.brotli), ratio(ours.gzip / row.gzip), lazy(row), `ok: ${row.check.requests}`]),
  };
  const modules = {
    title: 'What our entry chunk is made of (esbuild metafile, minified bytes each module contributes)',
    columns: [{ title: 'module' }, { title: 'bytes', ...num }, { title: 'share', ...num }],
    rows: ours.modules.map((m) => [m.module, int(m.bytes), `${((100 * m.bytes) / ours.minified).toFixed(0)}%`]),
  };
  const groups = {};
  for (const m of size.sources) {
    const group = m.module.startsWith('valibot/')
      ? 'valibot (the checks the used schemas need)'
      : /auth-client\/src\/generated\/(client|core)\//.test(m.module)
        ? 'hey-api fetch runtime (auth-client/src/generated/client, core)'
        : /auth-client\/src\/generated\/(sdk|valibot)\.gen/.test(m.module)
          ? 'generated operations and schemas (sdk.gen, valibot.gen)'
          : m.module.includes('auth-helpers/')
            ? 'auth-helpers'
            : 'other (entry, auth-client handwritten, SSE stand-in)';
    groups[group] = (groups[group] ?? 0) + m.bytes;
  }
  const sourceTotal = size.sources.reduce((sum, m) => sum + m.bytes, 0);
  const sources = {
    title: `The same bundle built from the TypeScript sources, by source file (${int(size.sourcesTotal.gzip)} B gzip, within ${Math.abs(((size.sourcesTotal.gzip - ours.gzip) / ours.gzip) * 100).toFixed(1)}% of the real one)`,
    columns: [{ title: 'source file' }, { title: 'bytes', ...num }, { title: 'share', ...num }],
    rows: [
      ...Object.entries(groups)
        .sort((a, b) => b[1] - a[1])
        .map(([group, bytes]) => [`**${group}**`, int(bytes), `${((100 * bytes) / sourceTotal).toFixed(0)}%`]),
      ...size.sources.map((m) => [m.module, int(m.bytes), `${((100 * m.bytes) / sourceTotal).toFixed(0)}%`]),
    ],
  };
  const over = ours.gzip - GOALS.bundleGzip;
  const notes = [
    `Ours: ${int(ours.gzip)} B gzip (${int(ours.minified)} B minified, ${int(ours.brotli)} B brotli), response validation included. ` +
      (over <= 0 ? `Goal (at most ${int(GOALS.bundleGzip)} B gzip) met.` : `Goal (at most ${int(GOALS.bundleGzip)} B gzip) missed by ${int(over)} B (${((100 * over) / GOALS.bundleGzip).toFixed(0)}%).`),
  ];
  if (size.limit) {
    notes.push(
      size.limit.ok
        ? `Size limit (the test command): ${int(size.limit.gzip)} B gzip ≤ ${int(size.limit.limit)} B (baseline ${int(size.limit.baseline)} B + 2%), and no module grew past its baseline + 2%.`
        : `SIZE LIMIT EXCEEDED: ${size.limit.problems.join('; ')}`,
    );
  }
  return { tables: [main, modules, sources], notes };
}

/** Section 2. */
export function perCallTables(perCall) {
  const { http, breakdown } = perCall;
  const raw = http.rows.find((row) => row.name === 'raw fetch');
  const main = {
    title: `Cost per authorised call: GET people/@self on loopback, keep-alive, ${http.bodyBytes}-byte validated body; ${http.settings.rounds} rounds × ${http.settings.perRound} calls per client after ${http.settings.warmup} warm-up, order rotated, gc() between blocks`,
    columns: [{ title: 'client' }, { title: 'median µs', ...num }, { title: 'p90 µs', ...num }, { title: 'round medians p25–p75 µs', ...num }, { title: 'ratio to raw fetch: median of rounds [p25–p75]', ...num }, { title: 'µs over raw fetch', ...num }, { title: 'client CPU µs per call', ...num }],
    rows: http.rows.map((row) => [row.name, fixed(row.medianUs, 0), fixed(row.p90Us, 0), range(row.roundMedians, 0), ratioRange(row.ratio), row.name === 'raw fetch' ? '' : fixed(row.medianUs - raw.medianUs, 0), fixed(row.cpuUs?.median, 0)]),
  };
  const layers = {
    title: `Where our microseconds go: the same call with fetch answering a canned Response (no network), each layer on top of the one above; ${breakdown.settings.rounds} rounds × ${breakdown.settings.perRound} calls, fastest round`,
    columns: [{ title: 'layer' }, { title: 'µs per call', ...num }, { title: 'this layer adds µs', ...num }],
    rows: breakdown.rows.map((row) => [row.name, fixed(row.us, 1), row.deltaUs === undefined ? '' : fixed(row.deltaUs, 1)]),
  };
  const ours = http.rows.find((row) => row.kind === 'ours');
  const openapi = http.rows.find((row) => row.name === 'openapi-fetch');
  const notes = [
    `auth.client (ours): ${ratio(ours.ratio.median)} raw fetch [${ratio(ours.ratio.p25)}–${ratio(ours.ratio.p75)}], target ${ratio(GOALS.perCallRatio)}: ${ours.ratio.median <= GOALS.perCallRatio ? 'met' : `missed by ${(ours.ratio.median - GOALS.perCallRatio).toFixed(2)}`}; openapi-fetch ${ratio(openapi.ratio.median)}.`,
    `Server check: ${int(http.server.requests)} measured requests, ${http.server.withoutBearer} without a Bearer token, ${http.server.connections} new connections during the measured rounds.`,
  ];
  return { tables: [main, layers], notes };
}

/** Section 3. */
export function roundTripTables(roundTrips) {
  const counts = {
    title: 'Round trips, counted in the emulator’s request log (emulator.requests)',
    columns: [{ title: 'scenario' }, { title: 'sign-in requests', ...num }, { title: 'expected', ...num }, { title: 'all requests', ...num }, { title: 'result' }],
    rows: roundTrips.rows.map((row) => [
      row.name,
      String(row.signIns),
      String(row.expected.signIns),
      int(row.requests),
      (row.ok ? 'ok' : 'NOT AS EXPECTED') + (row.calls ? `: ${int(row.succeeded)} of ${int(row.calls)} calls answered, ${int(row.unauthorized)} × 401 replayed, ${fixed(row.wallMs, 0)} ms` : ''),
    ]),
  };
  const { wall } = roundTrips;
  const timing = {
    title: `Wall time of a two-step sign-in (password, then the authenticator code), emulator in its own process; ${wall.rounds} rounds × ${wall.perRound}, interleaved`,
    columns: [{ title: 'client' }, { title: 'median ms', ...num }, { title: 'p25–p75 ms', ...num }, { title: 'ratio to raw fetch: median of rounds [p25–p75]', ...num }],
    rows: wall.rows.map((row, i) => [row.name, fixed(row.ms.median, 2), range(row.ms, 2), i === 0 ? '1.00×' : ratioRange(wall.ratio)]),
  };
  return { tables: [counts, timing], notes: [] };
}

/** Section 4. */
export function startupTables(startup) {
  const token = startup.rows.find((row) => row.name === 'docspace-auth token');
  const tokenRatio = token.roundRatio.median;
  return {
    tables: [
      {
        title: `Start-up, each a whole process (${startup.runs} runs of each, interleaved; saved session; emulator running)`,
        columns: [{ title: 'command' }, { title: 'median ms', ...num }, { title: 'p25–p75 ms', ...num }, { title: '× node -e 0 (ratio of medians)', ...num }, { title: 'per-run ratio median [p25–p75]', ...num }],
        rows: startup.rows.map((row) => [row.name, fixed(row.ms.median, 1), range(row.ms, 1), ratio(row.ratio), ratioRange(row.roundRatio)]),
      },
    ],
    notes: [
      `docspace-auth token: ${tokenRatio.toFixed(3)}× node -e 0 (median of per-run ratios; ratio of medians ${token.ratio.toFixed(3)}×), target ${ratio(GOALS.tokenStartupRatio)}: ` +
        (tokenRatio <= GOALS.tokenStartupRatio ? 'met.' : `missed by ${(tokenRatio - GOALS.tokenStartupRatio).toFixed(3)}.`),
    ],
  };
}

/** Section 5. */
export function scaleTables(scale) {
  const { concurrency, memory, files, emulator } = scale;
  const names = [...new Set(concurrency.rows.map((row) => row.name))];
  const widths = [...new Set(concurrency.rows.map((row) => row.width))];
  const cell = (width, name) => concurrency.rows.find((row) => row.width === width && row.name === name);
  const perCall = {
    title: `Wall time per call with N calls in flight (calls / wall time; ${concurrency.rounds} rounds, rotated; ratio = median of per-round ratios to raw fetch)`,
    columns: [{ title: 'in flight' }, { title: 'calls per round', ...num }, ...names.map((name) => ({ title: `${name} µs (ratio)`, ...num }))],
    rows: widths.map((width) => [
      int(width),
      int(cell(width, names[0]).total),
      ...names.map((name) => {
        const c = cell(width, name);
        return name === 'raw fetch' ? fixed(c.us, 0) : `${fixed(c.us, 0)} (${ratio(c.ratio.median)})`;
      }),
    ]),
  };
  // A heap difference below zero is the heap's own noise (V8 drops compiled code and caches between collections).
  const mb = (bytes) => (bytes < 0 ? '≈ 0' : `${(bytes / 2 ** 20).toFixed(1)} MB`);
  const each = (bytes, count) => (bytes < 0 ? '≈ 0' : `${int(bytes / count)} B`);
  const memoryTable = {
    title: 'Memory (V8 heap after gc(), growth)',
    columns: [{ title: 'what' }, { title: 'heap', ...num }, { title: 'per item', ...num }],
    rows: [
      [`${int(memory.count)} createDocSpaceAuth instances, each with its own memoryStore and a restored session`, mb(memory.instances.bytes), each(memory.instances.bytes, memory.count)],
      [`one memoryStore holding ${int(memory.count)} sessions (a server keeping every user's session)`, mb(memory.shared.bytes), each(memory.shared.bytes, memory.count)],
      [`held by ${int(memory.burst.calls)} auth.client calls just made, their timeouts still pending`, mb(memory.burst.ours.pending), each(memory.burst.ours.pending, memory.burst.calls)],
      ['… and once their timeouts have passed', mb(memory.burst.ours.after), each(memory.burst.ours.after, memory.burst.calls)],
      [`held by ${int(memory.burst.calls)} raw fetch calls just made (reference: no timeout)`, mb(memory.burst.raw.pending), each(memory.burst.raw.pending, memory.burst.calls)],
    ],
  };
  const fileTable = {
    title: `fileStore with ${int(files.sessions)} sessions in its file (${int(files.fileBytes)} bytes), ${files.runs} runs`,
    columns: [{ title: 'operation' }, { title: 'median ms', ...num }, { title: 'p25–p75 ms', ...num }],
    rows: [
      ['get(key): read and parse the file', fixed(files.read.median, 2), range(files.read, 2)],
      ['set(key, session): lock, read, write a temporary file, rename, unlock', fixed(files.write.median, 2), range(files.write, 2)],
    ],
  };
  const a = emulator.autocannon;
  const emulatorTable = {
    title: 'The emulator',
    columns: [{ title: 'measure' }, { title: 'value', ...num }, { title: 'detail' }],
    rows: [
      ['startEmulator(), first in a fresh process (import excluded)', `${fixed(emulator.firstStartMs.median, 1)} ms`, `median of ${emulator.firstStartMs.n} processes; target < ${GOALS.emulatorStartMs} ms`],
      ['startEmulator(), later starts in the same process', `${fixed(emulator.laterStartMs.median, 2)} ms`, `p25–p75 ${range(emulator.laterStartMs, 2)} ms, ${emulator.laterStartMs.n} starts`],
      ['`docspace-emulator` command, spawn to "listening on"', `${fixed(emulator.commandStartMs.median, 0)} ms`, `median of ${emulator.commandStartMs.n}; includes starting node`],
      ['requests per second, GET people/@self (autocannon)', int(a.requestsPerSecond), `${a.connections} connections, ${a.duration} s, latency p50 ${a.latencyP50Ms} ms, p99 ${a.latencyP99Ms} ms, ${int(a.total)} requests, ${a.non2xx} non-2xx, ${a.errors} errors`],
    ],
  };
  return { tables: [perCall, memoryTable, fileTable, emulatorTable], notes: [] };
}
