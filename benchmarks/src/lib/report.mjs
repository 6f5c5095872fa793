// Turns the sections' results into tables (the same ones for the terminal and for RESULTS.md) and notes.
import { fixed, int, ratio, ratioRange } from './format.mjs';

export const GOALS = { bundleGzip: 10000, bundleGzipGoal: 8000, tokenStartupRatio: 1.3, emulatorStartMs: 100 };

const range = (s, digits = 1) =>
  Number.isFinite(s?.median) ? `${s.p25.toFixed(digits)}–${s.p75.toFixed(digits)}` : 'n/a';
const num = { align: 'right' };

/** Which part of the product a source file belongs to, for the size review. */
export function sourceGroup(module) {
  if (module.startsWith('valibot/')) return 'valibot (the checks the used schemas need)';
  if (/auth-client\/src\/runtime\//.test(module)) return 'auth-client fetch runtime (auth-client/src/runtime)';
  if (/auth-client\/src\/errors\//.test(module)) return 'the error class and the answer-to-error mapping';
  if (/auth-client\/src\/generated\//.test(module)) return 'generated operations and schemas (sdk.gen, valibot.gen)';
  if (module.includes('auth-helpers/')) return 'auth-helpers';
  return 'other (the entry, auth-client defaults)';
}

/** Section 1. */
export function sizeTables(size) {
  const ours = size.rows.filter((row) => row.kind === 'ours');
  const first = ours[0];
  // A lazy chunk by what it holds: the package, or for our own packages the file (hey-api's SSE client).
  const label = (m) =>
    m.startsWith('@docspace/')
      ? m
          .split('/')
          .pop()
          .replace(/\.c?js$/, '')
      : m.split('/')[0];
  const lazy = (row) =>
    row.lazy.length === 0
      ? ''
      : row.lazy.map((l) => `${[...new Set(l.modules.map(label))].join('+')} ${int(l.gzip)}`).join(', ');
  const main = {
    title:
      'What a page loads first: the entry chunk and every chunk it imports statically (esbuild --bundle --minify --platform=browser, ESM, splitting; each file compressed on its own)',
    columns: [
      { title: 'bundle' },
      { title: 'files', ...num },
      { title: 'minified', ...num },
      { title: 'gzip -9', ...num },
      { title: 'brotli 11', ...num },
      { title: 'entry chunk alone, gzip', ...num },
      { title: `${first.name.split(':')[0]} ÷ this (gzip)`, ...num },
      { title: 'lazy chunks, gzip (loaded only when used)' },
      { title: 'ran in: requests' },
    ],
    rows: size.rows.map((row) => [
      row.name,
      String(row.files),
      int(row.minified),
      int(row.gzip),
      int(row.brotli),
      int(row.entryChunk.gzip),
      ratio(first.gzip / row.gzip),
      lazy(row),
      `${row.check.where}: ${row.check.requests}`,
    ]),
  };
  const tables = [main];
  for (const row of ours) {
    tables.push({
      title: `${row.name}: what it loads first, by module (esbuild metafile, minified bytes each module contributes)`,
      columns: [{ title: 'module' }, { title: 'bytes', ...num }, { title: 'share', ...num }],
      rows: row.modules.map((m) => [m.module, int(m.bytes), `${((100 * m.bytes) / row.minified).toFixed(0)}%`]),
    });
    if (!row.sources) continue;
    const groups = {};
    for (const m of row.sources) groups[sourceGroup(m.module)] = (groups[sourceGroup(m.module)] ?? 0) + m.bytes;
    const sourceTotal = row.sources.reduce((sum, m) => sum + m.bytes, 0);
    tables.push({
      title: `${row.name}: the same bundle built from the TypeScript sources, by source file (${int(row.sourcesTotal.gzip)} B gzip, within ${Math.abs(((row.sourcesTotal.gzip - row.gzip) / row.gzip) * 100).toFixed(1)}% of the real one)`,
      columns: [{ title: 'source file' }, { title: 'bytes', ...num }, { title: 'share', ...num }],
      rows: [
        ...Object.entries(groups)
          .sort((a, b) => b[1] - a[1])
          .map(([group, bytes]) => [`**${group}**`, int(bytes), `${((100 * bytes) / sourceTotal).toFixed(0)}%`]),
        ...row.sources.map((m) => [m.module, int(m.bytes), `${((100 * m.bytes) / sourceTotal).toFixed(0)}%`]),
      ],
    });
  }
  const notes = ours.map((row) => {
    const verdict = (goal) => (row.gzip <= goal ? 'met' : `missed by ${int(row.gzip - goal)} B`);
    return (
      `${row.name}: ${int(row.gzip)} B gzip loaded first in ${row.files} file${row.files === 1 ? '' : 's'} (${int(row.minified)} B minified, ${int(row.brotli)} B brotli), ` +
      `response validation included; the budget ${int(GOALS.bundleGzip)} B: ${verdict(GOALS.bundleGzip)}; the goal ${int(GOALS.bundleGzipGoal)} B: ${verdict(GOALS.bundleGzipGoal)}.`
    );
  });
  if (size.limit) {
    notes.push(
      size.limit.ok
        ? `Size limit (the test command): ${size.limit.entries.map((e) => `${e.file} ${int(e.gzip)} B gzip ≤ ${int(e.limit)} B`).join('; ')} (baselines + 2%), and no module or source file grew past its baseline + 2%.`
        : `SIZE LIMIT EXCEEDED: ${size.limit.problems.join('; ')}`,
    );
  }
  return { tables, notes };
}

/** Section 2. */
export function instructionTables(instructions) {
  // A run with --quick counts nothing (null in its JSON).
  const median = (r) => r.instructions.median ?? Number.NaN;
  const row = (name) => instructions.rows.find((r) => r.name === name);
  const raw = median(row('raw fetch'));
  const openapi = median(row('openapi-fetch'));
  const ours = instructions.rows.find((r) => r.kind === 'ours');
  const k = (value) => (Number.isFinite(value) ? `${int(value / 1000)}k` : 'n/a');
  const { settings } = instructions;
  const table = {
    title:
      `Instructions per authorised call (valgrind --tool=callgrind, node ${instructions.nodeArgs.join(' ')}; a canned-response fetch; ` +
      `${settings.rounds} blocks × ${settings.perBlock} calls per client after ${settings.warmup} warm-up, order rotated; median of blocks, the harness's own ${k(instructions.harness ?? Number.NaN)} per call subtracted)`,
    columns: [
      { title: 'client' },
      { title: 'instructions per call', ...num },
      { title: 'blocks p25–p75', ...num },
      { title: '÷ raw fetch', ...num },
      { title: '÷ openapi-fetch', ...num },
      { title: 'over raw fetch', ...num },
    ],
    rows: instructions.rows.map((r) => [
      r.name,
      k(median(r)),
      Number.isFinite(median(r)) ? `${k(r.instructions.p25)}–${k(r.instructions.p75)}` : 'n/a',
      ratio(median(r) / raw),
      ratio(median(r) / openapi),
      r.name === 'raw fetch' || r.kind === 'reference' ? '' : k(median(r) - raw),
    ]),
  };
  const notes = [
    instructions.counted === false
      ? 'Not counted with --quick (the harness ran in plain node; every client answered).'
      : `auth.client (ours): ${k(median(ours))} instructions per call, ${ratio(median(ours) / openapi)} openapi-fetch's ${k(openapi)}; goal fewer than openapi-fetch's: ${median(ours) < openapi ? 'met' : 'missed'}.`,
    `Canned fetch check: ${int(instructions.requests)} measured requests, ${instructions.withoutBearer} without a Bearer token.`,
  ];
  return { tables: [table], notes };
}

/** Section 3. */
export function perCallTables(perCall) {
  const { http, breakdown } = perCall;
  const raw = http.rows.find((row) => row.name === 'raw fetch');
  const main = {
    title: `Cost per authorised call: GET people/@self on loopback, keep-alive, ${http.bodyBytes}-byte validated body; ${http.settings.rounds} rounds × ${http.settings.perRound} calls per client after ${http.settings.warmup} warm-up, order rotated, gc() between blocks`,
    columns: [
      { title: 'client' },
      { title: 'median µs', ...num },
      { title: 'p90 µs', ...num },
      { title: 'ratio to raw fetch: median of rounds [p25–p75]', ...num },
      { title: 'µs over raw fetch', ...num },
      { title: `long run: mean µs (${int(http.settings.long.rounds * http.settings.long.perRound)} calls)`, ...num },
      { title: 'long run: ratio of means', ...num },
      { title: 'client CPU µs per call: main thread', ...num },
      { title: '… all threads', ...num },
    ],
    rows: http.rows.map((row) => [
      row.name,
      fixed(row.medianUs, 0),
      fixed(row.p90Us, 0),
      ratioRange(row.ratio),
      row.name === 'raw fetch' ? '' : fixed(row.medianUs - raw.medianUs, 0),
      row.longMeanUs === undefined ? '' : fixed(row.longMeanUs, 0),
      row.longRatio === undefined ? '' : ratio(row.longRatio),
      fixed(row.mainCpuUs?.median, 0),
      fixed(row.cpuUs?.median, 0),
    ]),
  };
  const layers = {
    title: `Where our microseconds go: the same call with fetch answering a canned Response (no network), each layer on top of the one above; ${breakdown.settings.rounds} rounds × ${breakdown.settings.perRound} calls, fastest round`,
    columns: [{ title: 'layer' }, { title: 'µs per call', ...num }, { title: 'this layer adds µs', ...num }],
    rows: breakdown.rows.map((row) => [
      row.name,
      fixed(row.us, 1),
      row.deltaUs === undefined ? '' : fixed(row.deltaUs, 1),
    ]),
  };
  const ours = http.rows.find((row) => row.kind === 'ours');
  const openapi = http.rows.find((row) => row.name === 'openapi-fetch');
  const floor = http.rows.find((row) => row.name.startsWith('node:http'));
  const notes = [
    `auth.client (ours): ${ratio(ours.ratio.median)} raw fetch [${ratio(ours.ratio.p25)}–${ratio(ours.ratio.p75)}] by round medians, ${ratio(ours.longRatio)} as a long-run mean; openapi-fetch ${ratio(openapi.ratio.median)} and ${ratio(openapi.longRatio)}. ` +
      `The floor in Node, a bare node:http GET: ${ratio(floor.ratio.median)} and ${ratio(floor.longRatio)}.`,
    `Server check: ${int(http.server.requests)} measured requests, ${http.server.withoutBearer} without a Bearer token, ${http.server.connections} new connections during the measured rounds.`,
  ];
  return { tables: [main, layers], notes };
}

/** Section 4. */
export function roundTripTables(roundTrips) {
  const counts = {
    title: 'Round trips, counted in the emulator’s request log (emulator.requests)',
    columns: [
      { title: 'scenario' },
      { title: 'sign-in requests', ...num },
      { title: 'expected', ...num },
      { title: 'all requests', ...num },
      { title: 'result' },
    ],
    rows: roundTrips.rows.map((row) => [
      row.name,
      String(row.signIns),
      String(row.expected.signIns),
      int(row.requests),
      (row.ok ? 'ok' : 'NOT AS EXPECTED') +
        (row.calls
          ? `: ${int(row.succeeded)} of ${int(row.calls)} calls answered, ${int(row.unauthorized)} × 401 replayed, ${fixed(row.wallMs, 0)} ms`
          : ''),
    ]),
  };
  const { wall } = roundTrips;
  const timing = {
    title: `Wall time of a two-step sign-in (password, then the authenticator code), emulator in its own process; ${wall.rounds} rounds × ${wall.perRound}, interleaved`,
    columns: [
      { title: 'client' },
      { title: 'median ms', ...num },
      { title: 'p25–p75 ms', ...num },
      { title: 'ratio to raw fetch: median of rounds [p25–p75]', ...num },
    ],
    rows: wall.rows.map((row, i) => [
      row.name,
      fixed(row.ms.median, 2),
      range(row.ms, 2),
      i === 0 ? '1.00×' : ratioRange(wall.ratio),
    ]),
  };
  return { tables: [counts, timing], notes: [] };
}

/** Section 5. */
export function startupTables(startup) {
  const token = startup.rows.find((row) => row.name === 'docspace-auth token');
  const tokenRatio = token.roundRatio.median;
  return {
    tables: [
      {
        title: `Start-up, each a whole process (${startup.runs} runs of each, interleaved; saved session; emulator running)`,
        columns: [
          { title: 'command' },
          { title: 'median ms', ...num },
          { title: 'p25–p75 ms', ...num },
          { title: '× node -e 0 (ratio of medians)', ...num },
          { title: 'per-run ratio median [p25–p75]', ...num },
        ],
        rows: startup.rows.map((row) => [
          row.name,
          fixed(row.ms.median, 1),
          range(row.ms, 1),
          ratio(row.ratio),
          ratioRange(row.roundRatio),
        ]),
      },
    ],
    notes: [
      `docspace-auth token: ${tokenRatio.toFixed(3)}× node -e 0 (median of per-run ratios; ratio of medians ${token.ratio.toFixed(3)}×), target ${ratio(GOALS.tokenStartupRatio)}: ` +
        (tokenRatio <= GOALS.tokenStartupRatio
          ? 'met.'
          : `missed by ${(tokenRatio - GOALS.tokenStartupRatio).toFixed(3)}.`),
    ],
  };
}

/** Section 6. */
export function scaleTables(scale) {
  const { concurrency, memory, files, emulator } = scale;
  const names = [...new Set(concurrency.rows.map((row) => row.name))];
  const widths = [...new Set(concurrency.rows.map((row) => row.width))];
  const cell = (width, name) => concurrency.rows.find((row) => row.width === width && row.name === name);
  const perCall = {
    title: `Wall time per call with N calls in flight (calls / wall time; ${concurrency.rounds} rounds, rotated; ratio = median of per-round ratios to raw fetch)`,
    columns: [
      { title: 'in flight' },
      { title: 'calls per round', ...num },
      ...names.map((name) => ({ title: `${name} µs (ratio)`, ...num })),
    ],
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
      [
        `${int(memory.count)} createDocSpaceAuth instances, each with its own memoryStore and a restored session`,
        mb(memory.instances.bytes),
        each(memory.instances.bytes, memory.count),
      ],
      [
        `one memoryStore holding ${int(memory.count)} sessions (a server keeping every user's session)`,
        mb(memory.shared.bytes),
        each(memory.shared.bytes, memory.count),
      ],
      [
        `held by ${int(memory.burst.calls)} auth.client calls just made, their timeouts still pending`,
        mb(memory.burst.ours.pending),
        each(memory.burst.ours.pending, memory.burst.calls),
      ],
      [
        '… and once their timeouts have passed',
        mb(memory.burst.ours.after),
        each(memory.burst.ours.after, memory.burst.calls),
      ],
      [
        `held by ${int(memory.burst.calls)} raw fetch calls just made (reference: no timeout)`,
        mb(memory.burst.raw.pending),
        each(memory.burst.raw.pending, memory.burst.calls),
      ],
    ],
  };
  const fileTable = {
    title: `fileStore with ${int(files.sessions)} sessions in its file (${int(files.fileBytes)} bytes), ${files.runs} runs`,
    columns: [{ title: 'operation' }, { title: 'median ms', ...num }, { title: 'p25–p75 ms', ...num }],
    rows: [
      ['get(key): read and parse the file', fixed(files.read.median, 2), range(files.read, 2)],
      [
        'set(key, session): lock, read, write a temporary file, rename, unlock',
        fixed(files.write.median, 2),
        range(files.write, 2),
      ],
    ],
  };
  const a = emulator.autocannon;
  const emulatorTable = {
    title: 'The emulator',
    columns: [{ title: 'measure' }, { title: 'value', ...num }, { title: 'detail' }],
    rows: [
      [
        'startEmulator(), first in a fresh process (import excluded)',
        `${fixed(emulator.firstStartMs.median, 1)} ms`,
        `median of ${emulator.firstStartMs.n} processes; target < ${GOALS.emulatorStartMs} ms`,
      ],
      [
        'startEmulator(), later starts in the same process',
        `${fixed(emulator.laterStartMs.median, 2)} ms`,
        `p25–p75 ${range(emulator.laterStartMs, 2)} ms, ${emulator.laterStartMs.n} starts`,
      ],
      [
        '`docspace-emulator` command, spawn to "listening on"',
        `${fixed(emulator.commandStartMs.median, 0)} ms`,
        `median of ${emulator.commandStartMs.n}; includes starting node`,
      ],
      [
        'requests per second, GET people/@self (autocannon)',
        int(a.requestsPerSecond),
        `${a.connections} connections, ${a.duration} s, latency p50 ${a.latencyP50Ms} ms, p99 ${a.latencyP99Ms} ms, ${int(a.total)} requests, ${a.non2xx} non-2xx, ${a.errors} errors`,
      ],
    ],
  };
  return { tables: [perCall, memoryTable, fileTable, emulatorTable], notes: [] };
}
