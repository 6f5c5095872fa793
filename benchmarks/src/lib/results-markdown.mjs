// RESULTS.md: the full run's tables, with how they were measured and what they mean.
import { fixed, int, markdownTable, ratio } from './format.mjs';
import { GOALS } from './report.mjs';

export function resultsMarkdown({ env, results, sections }) {
  const { size, 'per-call': perCall, startup, scale } = results;
  const ours = size.rows.find((row) => row.kind === 'ours');
  const oursCall = perCall.http.rows.find((row) => row.kind === 'ours');
  const openapi = perCall.http.rows.find((row) => row.name === 'openapi-fetch');
  const token = startup.rows.find((row) => row.name === 'docspace-auth token');
  const emulator = scale.emulator;
  const verdict = (ok) => (ok ? 'met' : 'missed');
  const lines = [];
  const push = (...text) => lines.push(...text);

  push(
    '# Benchmarks',
    '',
    `Produced by \`pnpm bench\` (\`node src/run.mjs\` in \`benchmarks/\`) on ${env.date.slice(0, 10)} (${env.date}), in ${env.seconds} s.`,
    `Machine: ${env.machine.cpus} CPUs (${env.machine.cpuModel}), ${env.machine.memoryGiB} GiB, ${env.machine.platform}, Node ${env.versions.node}. ` +
      `Load average (1, 5, 15 min) ${env.machine.load.join(', ')} at the start and ${env.load.join(', ')} at the end: a shared machine, so read timings as ratios measured side by side, not as absolute numbers.`,
    '',
    markdownTable([{ title: 'package' }, { title: 'version' }], Object.entries(env.versions).map(([name, version]) => [name, version])),
    '',
    '![Bundle sizes and per-call ratios](results.svg)',
    '',
    '## Headline',
    '',
    markdownTable(
      [{ title: 'measure' }, { title: 'result' }, { title: 'goal' }, { title: '' }],
      [
        ['browser bundle, gzip (sign-in + one call, validation included)', `${int(ours.gzip)} B`, `≤ ${int(GOALS.bundleGzip)} B`, verdict(ours.gzip <= GOALS.bundleGzip)],
        ['cost per authorised call, `auth.client` ÷ raw fetch', ratio(oursCall.ratio.median), `≤ ${ratio(GOALS.perCallRatio)} (openapi-fetch: ${ratio(openapi.ratio.median)})`, verdict(oursCall.ratio.median <= GOALS.perCallRatio)],
        ['`docspace-auth token` start-up ÷ `node -e 0` (median of per-run ratios)', ratio(token.roundRatio.median), `≤ ${ratio(GOALS.tokenStartupRatio)}`, verdict(token.roundRatio.median <= GOALS.tokenStartupRatio)],
        ['emulator start, `startEmulator()`', `${fixed(emulator.firstStartMs.median, 1)} ms`, `< ${GOALS.emulatorStartMs} ms`, verdict(emulator.firstStartMs.median < GOALS.emulatorStartMs)],
        ['emulator throughput, GET people/@self', `${int(emulator.autocannon.requestsPerSecond)} requests/s`, '', ''],
      ],
    ),
    '',
  );

  for (const section of sections) {
    const { tables, notes } = section.tables(results[section.id]);
    push(`## ${section.title}`, '');
    for (const table of tables) push(`**${table.title}**`, '', markdownTable(table.columns, table.rows), '');
    for (const note of notes) push(note, '');
    push(...(EXPLANATIONS[section.id]?.(results) ?? []), '');
  }
  push(...METHOD);
  return `${lines.join('\n').replace(/\n{3,}/g, '\n\n').trim()}\n`;
}

const kB = (bytes) => `${(bytes / 1000).toFixed(1)} kB`;
const group = (size, test) => size.sources.filter((m) => test(m.module)).reduce((sum, m) => sum + m.bytes, 0);

const EXPLANATIONS = {
  size: ({ size }) => {
    const ours = size.rows.find((row) => row.kind === 'ours');
    const plain = size.rows.find((row) => row.name.startsWith('auth-client'));
    const runtime = group(size, (m) => /auth-client\/src\/generated\/(client|core)\//.test(m));
    const valibot = group(size, (m) => m.startsWith('valibot/'));
    const helpers = group(size, (m) => m.includes('auth-helpers/'));
    return [
      '**How.** Each bundle is one file in `src/entries/` exporting `run(baseUrl, userName, password, getCode)`: it signs in with the',
      'password, sends the code when the portal asks for one, then calls `GET /api/2.0/people/@self` with the token. esbuild bundles',
      'it (`--bundle --minify --format=esm --splitting --platform=browser`); gzip is level 9 and brotli quality 11 (node:zlib).',
      'With splitting, what a dynamic `import()` loads stays out of the entry chunk: ours loads `otpauth` only to compute codes',
      '(`totpSecret`) or a setup URI, the Set-Cookie parser only when it can see Set-Cookie (never in a browser), and hey-api\'s',
      'Server-Sent Events client only for `client.sse.*`. Before it is measured, every bundle is run in Node against the emulator',
      'as bob (authenticator app): it must return his name after exactly three requests. Only ours and the plain auth-client validate',
      'the answers (valibot); the peers trust them.',
      '',
      `**Why ours is above 8 kB.** The generated client with validation, without the helpers, is already ${int(plain.gzip)} B gzip: hey-api's`,
      `fetch runtime is ${int(runtime)} B minified (request building, header merging, query and path serializers for every OpenAPI style,`,
      `interceptors, parsing for every content type), and the valibot checks the used schemas need are ${int(valibot)} B. The helpers add`,
      `${int(helpers)} B minified (${int(ours.gzip - plain.gzip)} B gzip): the two-step flow for three kinds of second factor, 15 error codes with their`,
      'messages, retries with backoff and Retry-After, the 401 replay shared by concurrent calls, per-call timeout and abort, stores and',
      `events. Getting under 8 kB (${int(ours.gzip - GOALS.bundleGzip)} B gzip to go) would take two things. First, a purpose-built fetch runtime for these`,
      'eight JSON operations in place of hey-api\'s general client, keeping the generated operations and schemas (one path parameter, JSON',
      `bodies, JSON answers, the auth header and cookie): about 2 kB minified instead of ${kB(runtime)}, roughly 2 kB gzip less. Second, about`,
      '2 kB gzip more out of the helpers, which cannot come without giving something up: shorter error messages, or moving',
      '`isAuthenticated`, `logout` and the SMS resend out of the object `createDocSpaceAuth` returns (an API change).',
    ];
  },
  'per-call': ({ 'per-call': perCall }) => {
    const rows = perCall.breakdown.rows;
    const layer = (i) => (Math.abs(rows[i]?.deltaUs) < 1.5 ? 'about 0' : `${fixed(rows[i]?.deltaUs, 0)}`);
    const plain = perCall.http.rows.find((row) => row.name === 'auth-client (plain)');
    const ours = perCall.http.rows.find((row) => row.kind === 'ours');
    const raw = perCall.http.rows.find((row) => row.name === 'raw fetch');
    const sketch = perCall.http.rows.find((row) => row.name.includes('(sketch)'));
    const http = perCall.http.rows.find((row) => row.name.startsWith('node:http'));
    return [
      '**How.** A `node:http` server in a child process (so it never shares an event loop with the clients) answers every request',
      'with the same `people/@self` envelope (Content-Length, keep-alive), checked against the spec\'s valibot schema first; it counts',
      'requests without `Authorization: Bearer` and new connections (both are reported above). Every client sends the token and parses',
      'the JSON; ours also validates it. Each call is timed with `process.hrtime.bigint()`. The ratio is taken per round (the client\'s',
      'round median over raw fetch\'s round median, in the same round) so that load changes between rounds cancel out. The client CPU',
      'column is `process.cpuUsage()` of the client process per call (the server is another process).',
      '',
      `**Where the microseconds go** (the no-network table): the generated client itself is the largest layer (${layer(1)} µs: it merges`,
      'the configuration and headers into a new object, builds a `Request`, parses through `text()` and `JSON.parse`, and awaits several',
      `times); validating the answer costs ${layer(2)} µs; the \`auth\` callback, which the client calls once per security scheme of the operation`,
      `(six for people/@self), ${layer(3)} µs; createDocSpaceAuth's session lookup and transport (retry loop, 401 replay, per-call timeout)`,
      `${layer(4)} µs. Interceptors: none is registered, so they cost nothing. Over HTTP, \`auth.client\` (median ${fixed(ours.medianUs, 0)} µs) costs`,
      (Math.abs(ours.medianUs - plain.medianUs) < 20
        ? `about what the plain generated client costs (${fixed(plain.medianUs, 0)} µs)`
        : `${fixed(ours.medianUs - plain.medianUs, 0)} µs more than the plain generated client (${fixed(plain.medianUs, 0)} µs)`) +
        ': what is left of the gap to raw fetch is the generated client and Node\'s fetch.',
      '',
      '**Why 1.05× is out of reach on top of the generated client, and what would close it.** In Node 20 a `fetch()` always builds its',
      'own `Request`; given a `Request` (which is what hey-api\'s client passes), it copies it, and with a signal (which a timeout needs)',
      'it also links the copy to that signal. Raw fetch builds one `Request` from a URL; the generated client builds one and fetch copies',
      `it, and then the client adds its own work (the table above). Raw fetch took ${fixed(raw.medianUs, 0)} µs here, so 1.05× leaves about`,
      `${fixed(raw.medianUs * 0.05, 0)} µs for everything ours does. What would close the gap: (1) a leaner fetch runtime under the generated operations:`,
      'call `fetch(url, init)` without an intermediate `Request`, ask for the token once per call instead of once per scheme, validate',
      'synchronously (`v.parse` instead of `parseAsync`): the generated-client layer of the table above is what this would shrink; (2) in Node,',
      `a transport on \`node:http\` instead of fetch. A bare \`http.get\` takes ${ratio(http.ratio.median)} of raw fetch (the reference row), but plugged`,
      `under the generated client as its fetch (the sketch row, through createDocSpaceAuth's \`fetch\` option) it gets ${ratio(sketch.ratio.median)}: the`,
      'generated client needs a web `Request` and `Response`, and building a `Response` in Node (WHATWG streams) costs about what',
      '`node:http` saves. (2) pays off only on top of (1), in a runtime that reads the JSON from `node:http` itself. Neither is done here:',
      '(1) replaces the generated runtime, and (2) would re-implement redirects, TLS options and streaming that fetch gives for free.',
    ];
  },
  'round-trips': ({ 'round-trips': roundTrips }) => [
    '**How.** Counts come from `emulator.requests` of an in-process emulator; "sign-in requests" are `POST /api/2.0/authentication`',
    'and `POST /api/2.0/authentication/{code}`. The restored-session case signs in once into a memory store, then makes a new',
    'instance on the same store and calls `getSelfProfile`. The revoked-token case signs in, revokes every token of the user',
    '(`emulator.revokeTokens`), then starts all the calls at once with `credentials()` set: each gets a 401, one sign-in is shared,',
    'each call is replayed once. The wall-time comparison runs the emulator in its own process (`docspace-emulator`), both clients',
    'send the same two POSTs (the code computed outside the timing), and ours includes creating the instance.',
    '',
    `Ours takes ${ratio(roundTrips.wall.ratio.median)} the raw-fetch time for the same two requests. What it adds per request is the generated`,
    'client\'s work (building a `Request`, merging headers, validating the answer, see section 2), and per sign-in the Set-Cookie',
    'handling of step one, storing the session, the events and creating the instance. One cost it avoids: Node 20\'s fetch, given a',
    '`Request` that has a body, pipes the body through a `TransformStream` (about 0.2 ms per POST here), and the generated client',
    'always passes a `Request`; our transport hands Node\'s own fetch the body as bytes beside it. Against a real portal each',
    'request takes tens of milliseconds, so all of this is well under 1% of a sign-in.',
  ],
  startup: () => [
    '**How.** The method of `packages/cli/scripts/startup-time.mjs` (left as it is): each case is a whole `node` process, spawned with',
    'a minimal environment (`PATH`, `HOME`, `DOCSPACE_AUTH_CONFIG_DIR`), all cases interleaved so that load hits them alike, after one',
    '`docspace-auth login` against an in-process emulator. `status` asks the portal (`isAuthenticated`), so it loads the SDK and makes',
    'a request; `token` reads `sessions.json` directly and loads none of it.',
  ],
  scale: () => [
    '**How.** Concurrency: N workers share a counter of calls and each runs calls back to back, so N calls are in flight at any time;',
    'per-call time is the wall time of the round over the number of calls (a throughput figure, unlike section 2). The server is the',
    'same child process as in section 2; at 1,000 in flight every client keeps up to 1,000 connections open. Memory: the V8 heap',
    '(`process.memoryUsage().heapUsed` after two `gc()` calls) before and after, in a process of its own. "Sessions in one process"',
    'is measured two ways: one `createDocSpaceAuth` per session (each with its own memory store holding the session, restored with',
    '`auth.session()`), and one memory store holding every session, as a server would keep them for many users. The file store',
    'is `fileStore()` on a file that already holds 1,000 sessions (written in its documented format): `get` reads and parses the',
    'whole file; `set` takes the lock, reads, writes a temporary file, renames it and releases the lock. The emulator: the first',
    '`startEmulator()` in a fresh process (its import excluded), later starts in the same process, and the command from spawn to',
    'its "listening on" line; then autocannon against the command with a valid token.',
  ],
};

const METHOD = [
  '## Caveats',
  '',
  '- The machine is shared and has 2 cores; the clients, the server process and other work compete for them. Ratios measured',
  '  side by side in the same round are what to compare; absolute microseconds move with the load from run to run, and single',
  '  rounds vary by tens of per cent. Whole runs differ too: on this machine the per-call ratio of one client moved by up to',
  '  0.2 from one full run to the next. Treat differences in ratio below about 0.1 within a run as noise.',
  '- Loopback only: against a real portal a round trip takes tens of milliseconds, so every client here adds well under 1% to a',
  '  call. Browsers differ again (native fetch, no undici).',
  '- The peers do less than ours: none validates the answer, and only ky retries by default. The browser bundles of the peers',
  '  are plain JavaScript without generated types, which does not change their output.',
  '- axios in Node uses its `http` adapter by default, which is why it comes out close to raw fetch despite doing more: Node 20\'s',
  '  fetch itself costs 1.5 to 2 times a bare `node:http` request on loopback.',
  '- Sizes are deterministic for a given lockfile and source; `pnpm --filter @docspace/benchmarks test` fails when ours grows more',
  '  than 2% past `size-baseline.json` (in total or in any module). Timings never fail anything.',
  '',
  'Regenerate with `pnpm bench` (about three minutes); `pnpm bench --quick` runs every section with tiny counts and writes nothing.',
];
