// Docs that are tested: every TypeScript block of every README type-checks as a consumer's file under the
// strictest settings (strict, exactOptionalPropertyTypes, noUncheckedIndexedAccess), with NodeNext and with bundler
// resolution, against the built packages; every runnable block (no `no-run`) runs in Node against the emulator,
// exits 0 and prints no `undefined` and no secret. The portal and the demo credentials come in through the
// environment, as a script of yours would get them.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { BOB_TOTP_SECRET, type Emulator, startEmulator } from '@docspace/emulator';
import { transform } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReadmeBlock } from '../src/readme-blocks.js';
import { readmeBlocks } from '../src/readmes.js';

const run = promisify(execFile);
const here = fileURLToPath(new URL('..', import.meta.url));
const root = join(here, '..', '..');
const folder = join(here, '.readme-blocks');
const tsc = join(dirname(createRequire(import.meta.url).resolve('typescript/package.json')), 'bin', 'tsc');

const blocks = readmeBlocks(root);
const fileOf = (block: ReadmeBlock) =>
  `${block.readme.replace(/[^a-z0-9]+/gi, '-').replace(/-md$/i, '')}-${block.line}.ts`;
const nameOf = (block: ReadmeBlock) => `${block.readme}:${block.line}`;
const CANARY = 'canary-exact-optional.ts';

const STRICTEST = {
  target: 'ES2022',
  lib: ['ES2022', 'DOM', 'DOM.Iterable'],
  strict: true,
  exactOptionalPropertyTypes: true,
  noUncheckedIndexedAccess: true,
  noImplicitOverride: true,
  noEmit: true,
  skipLibCheck: false,
  types: ['node'],
};

const MODES = {
  nodenext: { module: 'NodeNext', moduleResolution: 'NodeNext' },
  bundler: { module: 'ESNext', moduleResolution: 'Bundler' },
} as const;

/** tsc's diagnostics for every block in one mode, by block file. */
const diagnostics: Record<string, Map<string, string[]>> = {};

beforeAll(async () => {
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  for (const block of blocks) writeFileSync(join(folder, fileOf(block)), `${block.code}\nexport {};\n`);
  // A canary: compiles with the default settings, fails under exactOptionalPropertyTypes (as `totpSecret?: string`
  // did with `process.env.X`). If it ever passes, the settings above are not in force.
  writeFileSync(
    join(folder, CANARY),
    'const options: { secret?: string } = { secret: process.env.SECRET };\nexport { options };\n',
  );
  await Promise.all(
    Object.entries(MODES).map(async ([mode, resolution]) => {
      const config = join(folder, `tsconfig.${mode}.json`);
      writeFileSync(
        config,
        JSON.stringify({ compilerOptions: { ...STRICTEST, ...resolution }, include: ['*.ts'] }, null, 2),
      );
      const output = await run(process.execPath, [tsc, '-p', config, '--pretty', 'false'], { cwd: folder }).then(
        (result) => result.stdout,
        (error: { stdout?: string }) => error.stdout ?? String(error),
      );
      const byFile = new Map<string, string[]>();
      let file = '(tsc)';
      for (const line of output.split('\n').filter(Boolean)) {
        // A message's further lines are indented; the others start with `file(line,column): error TS...`.
        if (!/^\s/.test(line)) file = /^([^(]+)\(\d+,\d+\)/.exec(line)?.[1] ?? '(tsc)';
        byFile.set(file, [...(byFile.get(file) ?? []), line]);
      }
      diagnostics[mode] = byFile;
    }),
  );
}, 180_000);

describe('README TypeScript blocks', () => {
  it('are found (the root README and the packages’ own)', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(6);
    expect(blocks.map((b) => b.readme)).toEqual(
      expect.arrayContaining(['README.md', 'packages/auth-helpers/README.md', 'packages/auth-client/README.md']),
    );
  });

  describe.each(Object.keys(MODES))('type-check, strictest settings, %s resolution', (mode) => {
    it('the settings are in force: the canary fails', () => {
      expect(diagnostics[mode]?.get(CANARY)?.join('\n')).toMatch(/exactOptionalPropertyTypes/);
    });
    it('no error outside the blocks (configuration, the packages’ own types)', () => {
      const outside = [...(diagnostics[mode]?.entries() ?? [])].filter(
        ([file]) => file !== CANARY && !blocks.some((b) => file.endsWith(fileOf(b))),
      );
      expect(outside.flatMap(([, lines]) => lines)).toEqual([]);
    });
    it.each(blocks.map((block) => [nameOf(block), block] as const))('%s', (_name, block) => {
      expect(diagnostics[mode]?.get(fileOf(block)) ?? []).toEqual([]);
    });
  });
});

describe('README runnable blocks, against the emulator', () => {
  let emulator: Emulator;
  const secrets = ['bob-password', BOB_TOTP_SECRET, 'sk-alice-demo-key'];
  beforeAll(async () => {
    emulator = await startEmulator();
  });
  afterAll(async () => {
    await emulator?.close();
  });

  const runnable = blocks.filter((block) => block.runnable);
  it.each(runnable.map((block) => [nameOf(block), block] as const))(
    '%s runs, exits 0, checks its result',
    async (_name, block) => {
      const { code } = await transform(`${block.code}\nexport {};\n`, {
        loader: 'ts',
        format: 'esm',
        target: 'node20',
      });
      const script = join(folder, fileOf(block).replace(/\.ts$/, '.mjs'));
      writeFileSync(script, code);
      const cwd = mkdtempSync(join(tmpdir(), 'docspace-readme-'));
      const env = {
        PATH: process.env.PATH ?? '',
        HOME: cwd,
        DOCSPACE_PORTAL: emulator.url,
        DOCSPACE_USER: 'bob@example.com',
        DOCSPACE_PASSWORD: 'bob-password',
        DOCSPACE_TOTP_SECRET: BOB_TOTP_SECRET,
        DOCSPACE_CODE: emulator.totp('bob@example.com'),
        DOCSPACE_API_KEY: 'sk-alice-demo-key',
      };
      try {
        const result = await run(process.execPath, [script], { cwd, env, timeout: 60_000 }).catch(
          (error: { code?: number; stdout?: string; stderr?: string }) => {
            throw new Error(`${nameOf(block)} exited ${error.code}:\n${error.stdout ?? ''}\n${error.stderr ?? ''}`);
          },
        );
        const output = `${result.stdout}\n${result.stderr}`;
        expect(result.stdout.trim()).not.toBe('');
        expect(output).not.toMatch(/\bundefined\b|\bNaN\b|\[object Object\]/);
        for (const secret of secrets) expect(output).not.toContain(secret);
      } finally {
        rmSync(cwd, { recursive: true, force: true });
      }
    },
  );
});
