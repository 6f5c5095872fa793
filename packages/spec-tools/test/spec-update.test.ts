// `pnpm spec:update <file>` end to end, in a throwaway copy of this working tree (tracked and untracked files,
// nothing ignored) installed from the lockfile: the spec is replaced, the client regenerated (and still
// compiles), and a changeset with the right bump and list is written. The copy is removed at the end.
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cleanEnv, copyWorkingTree, pnpmShim, startJanitor } from '@docspace/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { bumpFor } from '../src/index.js';

const repoRoot = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
let work: string;
let copy: string;
let env: NodeJS.ProcessEnv;
let stopJanitor: (() => Promise<void>) | undefined;

/** pnpm as this test was started (`npm_execpath` under `pnpm run`), else from PATH; see `pnpmShim`. */
let pnpmCommand: { command: string; prefix: string[] };
function pnpm(args: string[], options: { cwd?: string; allowFailure?: boolean } = {}): SpawnSyncReturns<string> {
  const result = spawnSync(pnpmCommand.command, [...pnpmCommand.prefix, ...args], {
    cwd: options.cwd ?? copy,
    env,
    encoding: 'utf8',
    timeout: 120_000,
    maxBuffer: 32 << 20,
  });
  if (!options.allowFailure && result.status !== 0) {
    throw new Error(
      `pnpm ${args.join(' ')} exited with ${result.status ?? result.signal}\n${result.stdout}\n${result.stderr}`,
    );
  }
  return result;
}

const changesets = () =>
  readdirSync(join(copy, '.changeset'))
    .filter((f) => f.startsWith('spec-update-'))
    .sort();
const clientVersion = () =>
  JSON.parse(readFileSync(join(copy, 'packages', 'auth-client', 'package.json'), 'utf8')).version as string;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'docspace-spec-update-'));
  stopJanitor = await startJanitor(work);
  copy = join(work, 'repo');
  copyWorkingTree(repoRoot, copy);
  // Commands in the copy: without what the outer pnpm/turbo/vitest set (npm_execpath included), without the
  // workspace's .bin folders on PATH, with a temp npm user config (never ~/.npmrc), and with a `pnpm` on PATH for
  // the commands that run it (the root spec:update script builds this package with turbo, which runs pnpm, and
  // regenerates the client with pnpm).
  const binDir = join(work, 'bin');
  const userconfig = join(work, 'user.npmrc');
  writeFileSync(userconfig, '');
  mkdirSync(join(work, 'npm-cache'));
  pnpmCommand = pnpmShim(binDir);
  env = cleanEnv({ repoRoot, userconfig, cache: join(work, 'npm-cache'), binDir });
  // No install scripts: generating and type-checking the client need none, and a native module (node-pty, for
  // the CLI's tests) would be compiled without the user's npm config.
  pnpm(['install', '--frozen-lockfile', '--prefer-offline', '--ignore-scripts', '--reporter=append-only']);
}, 180_000);

afterAll(async () => {
  await stopJanitor?.();
  if (work) rmSync(work, { recursive: true, force: true, maxRetries: 3 });
});

describe('pnpm spec:update in a throwaway copy', () => {
  it('a new operation: spec replaced, client regenerated and compiling, a feature changeset', () => {
    const spec = parse(readFileSync(join(copy, 'spec', 'openapi.yaml'), 'utf8'));
    const self = spec.paths['/api/2.0/people/@self'].get;
    spec.paths['/api/2.0/people/@self/ping'] = {
      get: {
        tags: self.tags,
        operationId: 'pingSelf',
        summary: 'Tell whether the token still works',
        security: self.security,
        responses: {
          '200': {
            description: 'It works.',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/BooleanWrapper' } } },
          },
          '401': self.responses['401'],
        },
      },
    };
    const input = join(work, 'with-ping.yaml');
    const text = stringify(spec, { lineWidth: 0 });
    writeFileSync(input, text);
    const version = clientVersion();
    const before = changesets();

    const result = pnpm(['run', 'spec:update', input]);

    expect(result.stdout).toContain(
      `feature (1 feature) -> @docspace/auth-client ${bumpFor('feature', version)!.bump}`,
    );
    expect(readFileSync(join(copy, 'spec', 'openapi.yaml'), 'utf8')).toBe(text);
    const written = changesets().filter((f) => !before.includes(f));
    expect(written).toHaveLength(1);
    const changeset = readFileSync(join(copy, '.changeset', written[0]!), 'utf8');
    expect(changeset).toMatch(
      new RegExp(`^---\\n"@docspace/auth-client": ${bumpFor('feature', version)!.bump}\\n---\\n`),
    );
    expect(changeset).toContain('- `GET /api/2.0/people/@self/ping` (`pingSelf`): new operation');
    // The generated client has the operation, and compiles.
    const sdk = readFileSync(join(copy, 'packages', 'auth-client', 'src', 'generated', 'sdk.gen.ts'), 'utf8');
    expect(sdk).toMatch(/export const pingSelf\b/);
    expect(result.stdout).toContain('src/generated/sdk.gen.ts');
    pnpm(['--filter', '@docspace/auth-client', 'run', 'typecheck']);
  }, 180_000);

  it('--dry-run with a JSON document that removes an operation: reports a breaking change, changes nothing', () => {
    const specBefore = readFileSync(join(copy, 'spec', 'openapi.yaml'), 'utf8');
    const before = changesets();
    const spec = parse(specBefore);
    delete spec.paths['/api/2.0/people/@self/ping'];
    const input = join(work, 'without-ping.json');
    writeFileSync(input, JSON.stringify(spec, null, 2));

    const result = pnpm(['run', 'spec:update', input, '--dry-run']);

    const version = clientVersion();
    expect(result.stdout).toContain(
      `breaking (1 breaking) -> @docspace/auth-client ${bumpFor('breaking', version)!.bump}`,
    );
    expect(result.stdout).toContain('- `GET /api/2.0/people/@self/ping` (`pingSelf`): operation removed');
    if (version.startsWith('0.')) expect(result.stdout).toContain('a breaking change is released as a minor version');
    expect(readFileSync(join(copy, 'spec', 'openapi.yaml'), 'utf8')).toBe(specBefore);
    expect(changesets()).toEqual(before);
  }, 180_000);

  it('refuses a document that is not OpenAPI 3, and leaves the spec alone', () => {
    const specBefore = readFileSync(join(copy, 'spec', 'openapi.yaml'), 'utf8');
    const input = join(work, 'not-openapi.yaml');
    writeFileSync(input, 'swagger: "2.0"\npaths: {}\n');
    const result = pnpm(['run', 'spec:update', input], { allowFailure: true });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('is not an OpenAPI 3.x document');
    expect(readFileSync(join(copy, 'spec', 'openapi.yaml'), 'utf8')).toBe(specBefore);
  }, 180_000);
});
