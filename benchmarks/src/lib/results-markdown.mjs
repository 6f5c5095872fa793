// RESULTS.md: the full run's tables, with how they were measured and what they mean.
import { fixed, int, markdownTable, ratio } from './format.mjs';
import { GOALS } from './report.mjs';

export function resultsMarkdown({ env, results, sections }) {
  const { size, instructions, 'per-call': perCall, startup, scale } = results;
  const oursSize = size.rows.filter((row) => row.kind === 'ours');
  const oursCall = perCall.http.rows.find((row) => row.kind === 'ours');
  const openapi = perCall.http.rows.find((row) => row.name === 'openapi-fetch');
  const floor = perCall.http.rows.find((row) => row.name.startsWith('node:http'));
  const instr = (name) => instructions.rows.find((row) => row.name === name)?.instructions.median ?? Number.NaN;
  const oursInstr = instr('auth.client (ours)');
  const openapiInstr = instr('openapi-fetch');
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
      `Load average (1, 5, 15 min) ${env.machine.load.join(', ')} at the start and ${env.load.join(', ')} at the end: a shared machine, so read timings as ratios measured side by side, not as absolute numbers. Sizes do not depend on the load; instruction counts hardly do (see section 2).`,
    ...(env.notes ?? []).flatMap((note) => ['', note]),
    '',
    markdownTable(
      [{ title: 'package' }, { title: 'version' }],
      Object.entries(env.versions).map(([name, version]) => [name, version]),
    ),
    '',
    '![Bundle sizes and instructions per call](results.svg)',
    '',
    '## Headline',
    '',
    markdownTable(
      [{ title: 'measure' }, { title: 'result' }, { title: 'goal' }, { title: '' }],
      [
        ...oursSize.map((row) => [
          `browser, everything loaded first, ${row.name.replace(/^ours: /, '')} (validation included)`,
          `${int(row.gzip)} B gzip`,
          `≤ ${int(GOALS.bundleGzip)} B now, ${int(GOALS.bundleGzipGoal)} B standing goal`,
          `${verdict(row.gzip <= GOALS.bundleGzip)} / ${verdict(row.gzip <= GOALS.bundleGzipGoal)}`,
        ]),
        [
          'instructions per authorised call, `auth.client` (callgrind)',
          `${int(oursInstr / 1000)}k`,
          `fewer than openapi-fetch's (${int(openapiInstr / 1000)}k)`,
          verdict(oursInstr < openapiInstr),
        ],
        [
          'wall time per authorised call, `auth.client` ÷ raw fetch (median of round ratios; long-run mean)',
          `${ratio(oursCall.ratio.median)}; ${ratio(oursCall.longRatio)}`,
          `reported, not a goal (openapi-fetch ${ratio(openapi.ratio.median)}; ${ratio(openapi.longRatio)}; the node:http floor ${ratio(floor.ratio.median)}; ${ratio(floor.longRatio)})`,
          '',
        ],
        [
          '`docspace-auth token` start-up ÷ `node -e 0` (median of per-run ratios)',
          ratio(token.roundRatio.median),
          `≤ ${ratio(GOALS.tokenStartupRatio)}`,
          verdict(token.roundRatio.median <= GOALS.tokenStartupRatio),
        ],
        [
          'emulator start, `startEmulator()`',
          `${fixed(emulator.firstStartMs.median, 1)} ms`,
          `< ${GOALS.emulatorStartMs} ms`,
          verdict(emulator.firstStartMs.median < GOALS.emulatorStartMs),
        ],
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
  push(...CHANGES);
  if (!results.fleet) push(...FLEET);
  push(...METHOD);
  return `${lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()}\n`;
}

const group = (sources, test) => sources.filter((m) => test(m.module)).reduce((sum, m) => sum + m.bytes, 0);

const EXPLANATIONS = {
  size: ({ size }) => {
    const ours = size.rows.find((row) => row.kind === 'ours');
    const plain = size.rows.find((row) => row.name.startsWith('auth-client'));
    const sources = ours.sources ?? [];
    const runtime = group(sources, (m) => /auth-client\/src\/runtime\//.test(m));
    const errors = group(sources, (m) => /auth-client\/src\/errors\//.test(m));
    const valibot = group(sources, (m) => m.startsWith('valibot/'));
    const generated = group(sources, (m) => /auth-client\/src\/generated\/(sdk|valibot)\.gen/.test(m));
    const helpers = sources.filter((m) => m.module.includes('auth-helpers/'));
    const helpersTotal = helpers.reduce((sum, m) => sum + m.bytes, 0);
    const sourceTotal = sources.reduce((sum, m) => sum + m.bytes, 0);
    const gzipOf = (bytes) => Math.round((bytes / sourceTotal) * ours.gzip);
    return [
      '**How.** Each bundle is one file in `src/entries/` exporting `run(baseUrl, userName, password, getCode)`: it signs in with the',
      'password, sends the code when the portal asks for one, then calls `GET /api/2.0/people/@self` with the token; ours keeps the',
      'session in `webStorageStore(localStorage)`, as a browser app does, and comes twice: calling the generated `getSelfProfile`, and',
      'calling through `auth.fetch` (for an app that calls the API with its own code). esbuild bundles each (`--bundle --minify',
      '--format=esm --splitting --platform=browser`, so ours gets the `browser` build of auth-helpers). A page that imports the entry loads',
      "the entry chunk and every chunk reachable from it by static imports (walked in esbuild's metafile) at once: that set is what is",
      'counted, each file compressed on its own (gzip -9, brotli 11, node:zlib) and summed. What only a dynamic `import()` reaches is',
      'listed as lazy: ours loads `otpauth` only to compute codes (`totpSecret`) or a setup URI, the second sign-in step only when the',
      'portal asks for a second factor, the redirect rules at the first 3xx answer, and the credentials circuit and the coordinated',
      "sign-in only when they are used. Before it is measured, every bundle runs in Debian's Chromium (the browser suite's launcher, a",
      'same-origin proxy in front of the emulator, a fresh context per bundle) and signs in as bob (authenticator app): it must return his',
      'name after exactly three requests. Only ours and the plain auth-client validate the answers (valibot); the peers trust them.',
      '',
      '**The size limit** (the test command, `pnpm --filter @docspace/benchmarks test`) holds each of our entries to',
      '`size-baseline.json` + 2%: the gzip bytes loaded first, the minified bytes of every module of the built packages, and of every',
      'source file (from the same bundle built from the TypeScript sources); a failure names the entry and the module or file that grew.',
      '',
      `**Size review: where the bytes go.** Of the ${int(sourceTotal)} B minified that ${ours.name.replace(/^ours: /, '')} loads,`,
      `auth-client's fetch runtime is ${int(runtime)} B (one request path: URL, headers, credentials, a JSON body, reading the answer),`,
      `the error class and the answer-to-error mapping ${int(errors)} B, the valibot checks the used schemas need ${int(valibot)} B (about`,
      `${int(gzipOf(valibot))} B of the gzip, pro rata), the generated operations and schemas ${int(generated)} B, and the helpers ${int(helpersTotal)} B (about`,
      `${int(gzipOf(helpersTotal))} B of the gzip).`,
      `The generated client with validation and no helpers, the plain auth-client row, is ${int(plain.gzip)} B gzip. The helpers, file by file:`,
      '',
      markdownTable(
        [{ title: 'auth-helpers file' }, { title: 'minified B', align: 'right' }, { title: 'what it holds' }],
        helpers.map((m) => {
          const file = m.module.split('auth-helpers/')[1];
          return [file, int(m.bytes), HELPER_FILES[file.replace(/\.browser\.ts$/, '.ts')] ?? ''];
        }),
      ),
      '',
      '**The floor with every feature kept.** Every file serves a feature a page may use, though not every page uses each: `api-key.ts`',
      'and the tab hooks of `session-manager.ts` ride along in every bundle because `createDocSpaceAuth` offers them in its options. The',
      "generated half is near its floor: the operations run on auth-client's own fetch runtime instead of hey-api's general client",
      '(7,807 B minified before), the second sign-in step and the redirect rules load only when used, and the browser build keeps the',
      'smaller of the two ways of enforcing the answer limits. Reaching the 10,000 B budget and the 8,000 B goal needs features to',
      'become opt-in imports (API keys, tabs, the portal-state messages) or the validation of the sign-in answers to become lazy: the',
      'valibot checks are the largest single part.',
    ];
  },
  instructions: ({ instructions }) => [
    '**How.** One process runs under `valgrind --tool=callgrind` with `node ' +
      instructions.nodeArgs.join(' ') +
      '` (V8 then does its garbage',
    'collection and compiling on the main thread instead of helper threads, so the count does not depend on how threads are scheduled).',
    'Every client sends the same authorised `GET /api/2.0/people/@self` to a `fetch` that answers without a network: it does what',
    "Node's fetch (undici) does with its arguments first, `new Request(input, init)`, checks the Bearer token, and returns a `Response` with",
    'the envelope of section 3. Every client parses the JSON; ours and the plain auth-client also validate it. axios runs on its fetch adapter',
    "here (`adapter: 'fetch'`, `env: { fetch }`), because its default Node adapter needs a socket. After a warm-up, the clients run in blocks,",
    'the order rotated each round; after each block the harness calls `os.getPriority()`, and callgrind (`--dump-before=uv_os_getpriority`)',
    "writes the instructions counted since the last dump. A block's count over its calls, minus the same for a block of empty async calls",
    '(the harness itself), is one figure; the table gives the median and p25–p75 over the blocks. No `gc()` runs between blocks: a full',
    'collection throws away optimised code that refers to dead objects, which makes the next block recompile it; blocks that happen to',
    'contain a collection sit at the top of the range, and the median leaves them out. Start-up and a warm-up of ' +
      int(instructions.settings.warmup) +
      ' calls per',
    'client run uninstrumented (`--instr-atstart=no`, then `callgrind_control --instr=on` from the harness), so that V8 has compiled',
    'what it will compile before anything is counted. Between two runs on the same code the medians of the unchanged rows moved by',
    'up to about 10% (collections and compilations still fall into different blocks); compare clients within one run, where the',
    'order of the rows held in every run so far. Wall times on this machine move by tens of per cent.',
    '',
    ...instructionFindings(instructions),
  ],
  'per-call': ({ 'per-call': perCall }) => {
    const rows = perCall.breakdown.rows;
    const layer = (i) => (Math.abs(rows[i]?.deltaUs) < 1.5 ? 'about 0' : `${fixed(rows[i]?.deltaUs, 0)}`);
    return [
      '**How.** A `node:http` server in a child process (so it never shares an event loop with the clients) answers every request',
      "with the same `people/@self` envelope (Content-Length, keep-alive), checked against the spec's valibot schema first; it counts",
      'requests without `Authorization: Bearer` and new connections (both are reported above). Every client sends the token and parses',
      'the JSON; ours also validates it. Each call is timed with `process.hrtime.bigint()`. Two ratios: the median of per-round ratios',
      "(the client's round median over raw fetch's, in the same round, `gc()` before each block), and the long run: blocks of 5,000 calls,",
      "order rotated, the mean per call over all of them (collections included, as a busy process sees them) over raw fetch's mean.",
      'The two differ by up to about 0.15 for the same build; neither is a target. `node:http` is the floor in Node: a bare `http.get`',
      "with nothing of fetch (no `Request`, no `Response`, no WHATWG streams). The client CPU columns are the client process's CPU time per",
      'call: the main thread alone (Linux `/proc/self/task/<pid>/schedstat`), and every thread (`process.cpuUsage()`, which includes',
      "V8's concurrent GC and compiler threads); the server is another process.",
      '',
      `**Where the microseconds go** (the no-network table): the generated client and its runtime ${layer(1)} µs, validating`,
      `the answer ${layer(2)} µs, the \`auth\` callback over the operation's security schemes ${layer(3)} µs, createDocSpaceAuth's session lookup`,
      `and transport (retry loop, 401 replay, per-call timeout) ${layer(4)} µs. Section 2 gives the same in instructions, which repeat.`,
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
    "client's work (building a `Request`, merging headers, validating the answer, see section 2), and per sign-in the Set-Cookie",
    "handling of step one, storing the session, the events and creating the instance. One cost it avoids: Node 20's fetch, given a",
    '`Request` that has a body, pipes the body through a `TransformStream` (about 0.2 ms per POST here), and the generated client',
    "always passes a `Request`; our transport hands Node's own fetch the body as bytes beside it. Against a real portal each",
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

// Issue 17 (a fleet of processes sharing sessions through Redis) adds its section here: a section file in
// src/sections/, an entry in run.mjs's SECTIONS, and its tables replace this placeholder.
/** What the instruction counts say, in figures of this run. */
function instructionFindings(instructions) {
  const get = (name) => instructions.rows.find((row) => row.name === name)?.instructions.median ?? Number.NaN;
  if (!Number.isFinite(get('raw fetch'))) return [];
  const k = (value) => `${int(value / 1000)}k`;
  const raw = get('raw fetch');
  const standIn = get(instructions.standIn);
  const openapi = get('openapi-fetch');
  const plain = get('auth-client (plain)');
  const ours = get('auth.client (ours)');
  return [
    `**What they say.** A fetch-based call cannot cost less than its \`Request\` and \`Response\`: the stand-in alone is ${k(standIn)},`,
    `raw fetch (the same plus reading the JSON) ${k(raw)}. openapi-fetch adds ${k(openapi - raw)} to that; the generated client with`,
    `validation adds ${k(plain - raw)} (its own runtime: one \`fetch(url, init)\` with no \`Request\` of its own, the body read through`,
    `\`text()\` and \`JSON.parse\`, validated); \`auth.client\` adds ${k(ours - plain)} more for the session lookup, \`auth.fetch\`'s URL check, the`,
    'transport (retry loop, per-call signal and timeout, 401 replay) and the answer limits. The goal, fewer instructions than',
    `openapi-fetch, is ${ours < openapi ? 'met' : `missed by ${k(ours - openapi)} (${ratio(ours / openapi)})`}: openapi-fetch validates nothing and enforces no timeout`,
    'or size limit. Since the previous run, one request path from the generated operations to `fetch(url, init)` (no `Request` built by',
    'the client or the transport) and answer limits enforced on the answer object itself (no second stream and `Response`) took',
    'ours from 577k to about half of that. What is left over the plain client is mostly the per-call `AbortController` (and the',
    "signal the fetch's `Request` links to it), the `Headers` and `URL` objects of `auth.fetch`, and reading the body chunk by chunk",
    'to count it.',
  ];
}

/** What each auth-helpers file that a browser page loads is for (the size review). */
const HELPER_FILES = {
  'src/session-manager.ts':
    'the session state: restore, persist, expiry and renewal, the token for a call, the shared sign-in again, tabs',
  'src/login.ts': 'the two-step sign-in: password, app code, SMS with resend, first-time setup, code attempts',
  'src/create-auth.ts': '`createDocSpaceAuth`: options, wiring, `isAuthenticated`, `logout`, `attach`',
  'src/error-from-response.ts':
    'one mapping of an HTTP answer to a typed error, with its messages (portal states, rate limits, ...)',
  'src/transport.ts': 'the retry loop with the replay after a 401',
  'src/url.ts': 'the portal address: normalising `baseUrl`, refusing insecure transport',
  'src/auth-fetch.ts': '`auth.fetch`: relative URLs resolved against the portal, the token only to the portal',
  'src/session.ts': 'the `Session` object and its stored form',
  'src/errors.ts': '`DocSpaceAuthError` and its guard',
  'src/utils/token-replay.ts': 'the token a request carries, and the copy with a fresh one',
  'src/totp.ts': 'codes from `totpSecret` (otpauth loaded lazily)',
  'src/attach.ts': '`auth.attach(client)`: a hey-api client on `auth.fetch`',
  'src/stored-session.ts': 'the stored-session format and its keys',
  'src/stores/web-storage.ts': '`webStorageStore` (the entry uses it)',
  'src/api-key.ts': 'API keys instead of a sign-in',
  'src/utils/retry-delay.ts': 'backoff, `Retry-After`, `X-RateLimit-Reset`',
  'src/retry-policy.ts': 'which answers and failures are retried',
  'src/utils/call-signal.ts': 'the per-call timeout and abort (browser build: `AbortSignal.timeout()` + `any()`)',
  'src/utils/sleep.ts': 'an abortable wait',
  'src/events.ts': 'the event emitter',
  'src/utils/redact-path.ts': 'second-factor codes out of event paths',
  'src/utils/network-error-code.ts': 'the code of a network failure',
  'src/utils/sign-in-request.ts': 'what marks a sign-in request',
  'src/stores/memory.ts': '`memoryStore` (the default store)',
  'src/utils/outgoing-request.ts': 'what a call sends: `fetch(url, init)` with a reusable body, no Request built',
  'src/cookies.ts': 'the confirm cookies (browser build: none, the browser carries them)',
};

// Figures measured when each change of issue 18 landed (not recomputed by later runs: other changes landed between).
const CHANGES = [
  '## Changes measured (issue 18)',
  '',
  'Each measured alone on the code of its day, sign-in + one call with `webStorageStore(localStorage)`, gzip loaded first:',
  '',
  '| change | before | after | difference |',
  '|---|---:|---:|---:|',
  '| auth-helpers `browser` build (no Set-Cookie reading, no inspect hook, no Node body path; `AbortSignal.timeout()`/`any()`) | 12,595 B | 12,105 B | −490 B |',
  '| generated operations declare only the schemes the helpers use (2 of 6) | 13,366 B | 13,324 B | −42 B |',
  '| `allOf` envelopes generated as one `v.object` (no `v.intersect`) | 13,324 B | 13,042 B | −282 B |',
  '| both generator options, the plain auth-client bundle | 6,370 B | 6,017 B | −353 B |',
  '| both generator options, sign-in + `auth.fetch` | 13,113 B | 12,768 B | −345 B |',
  "| the operations on auth-client's own fetch runtime instead of hey-api's bundled client | 15,543 B | 14,066 B | −1,477 B |",
  '| one request path (no `Request` built) and answer limits on the answer itself; the browser build keeps the wrapper | 14,066 B | 14,200 B | +134 B |',
  '| the second sign-in step and the redirect rules loaded only when used | 14,200 B | 13,775 B | −425 B |',
  '',
  'Instructions per authorised call of `auth.client` (section 2 harness, 2026-12-06): 577k before the last three changes; 560k',
  "with auth-client's own runtime (the plain auth-client from 372k, 1.49× openapi-fetch, to 234k, 0.94×); 322k with one",
  'request path and the answer limits on the answer itself.',
  '',
  'Between and after these, other work grew the same page: `auth.fetch`, `attach` and API keys, tabs that agree, code attempts and the',
  'portal-state messages (12,105 B to 13,366 B), then the error mapping of `auth.client`, limits, redirects, typed errors and the',
  'credentials circuit (13,023 B to 14,954 B, now in two files: a chunk the entry imports statically). Instructions per call of',
  '`auth.client` on the same harness: 523k (2026-12-05 23:33), 458k after the generator options and `auth.fetch` (2026-12-06 00:07),',
  '577k at the end of that day (openapi-fetch 290k, 283k and 249k in the same three runs).',
  '',
];

const FLEET = [
  '## 7. Fleet',
  '',
  'Not measured yet: the fleet benchmark (many processes sharing sessions through Redis, issue 17) adds its section here.',
  '',
];

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
  "- axios in Node uses its `http` adapter by default, which is why it comes out close to raw fetch despite doing more: Node 20's",
  '  fetch itself costs 1.5 to 2 times a bare `node:http` request on loopback.',
  '- Sizes are deterministic for a given lockfile and source; `pnpm --filter @docspace/benchmarks test` fails when one of our entries',
  '  grows more than 2% past `size-baseline.json` (in total, in any module or in any source file). Timings never fail anything.',
  '- Instruction counts are for Node 20 on x86-64 with this V8; they compare clients on the same harness, not machines.',
  '',
  'Regenerate with `pnpm bench` (several minutes); `pnpm bench --quick` runs every section with tiny counts and writes nothing.',
];
