// The built package (dist/) loads from ESM and from CommonJS and exposes the same API both ways.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
// Paths as values: the type check runs before the build and must not depend on dist/.
const esmEntry = new URL('../dist/index.js', import.meta.url).href;
const cjsEntry = new URL('../dist/index.cjs', import.meta.url).pathname;
const esmSchemas = new URL('../dist/schemas.js', import.meta.url).href;
const cjsSchemas = new URL('../dist/schemas.cjs', import.meta.url).pathname;
const esmErrors = new URL('../dist/errors.js', import.meta.url).href;
const cjsErrors = new URL('../dist/errors.cjs', import.meta.url).pathname;

describe('built package', () => {
  it('ESM and CJS builds export the same names, operations included', async () => {
    const esm = (await import(esmEntry)) as Record<string, unknown>;
    const cjs = require(cjsEntry) as Record<string, unknown>;
    expect(Object.keys(cjs).sort()).toEqual(Object.keys(esm).sort());
    for (const name of [
      'authenticateMe',
      'authenticateMeFromBodyWithCode',
      'checkConfirm',
      'getIsAuthentificated',
      'getSelfProfile',
      'logout',
      'saveMobilePhone',
      'sendSmsCode',
      'createDocSpaceClient',
      'createClient',
      'client',
    ]) {
      expect(esm[name], name).toBeDefined();
    }
  });

  it('the root entry is the client and the operations: no schemas, no internal helpers', async () => {
    const esm = (await import(esmEntry)) as Record<string, unknown>;
    expect(Object.keys(esm).filter((name) => /^v[A-Z]/.test(name))).toEqual([]);
    for (const name of ['createClientConfig', 'mergeHeaders']) expect(esm[name], name).toBeUndefined();
  });

  it('the ./errors entry has the error class and its mapping, the same class as the root entry', async () => {
    const esm = (await import(esmErrors)) as Record<string, unknown>;
    const cjs = require(cjsErrors) as Record<string, unknown>;
    expect(Object.keys(esm).sort()).toEqual([
      'DocSpaceAuthError',
      'errorFromResponse',
      'errorFromResult',
      'isDocSpaceAuthError',
      'serverRetryDelay',
    ]);
    expect(Object.keys(cjs).sort()).toEqual(Object.keys(esm).sort());
    const root = (await import(esmEntry)) as Record<string, unknown>;
    expect(root.DocSpaceAuthError).toBe(esm.DocSpaceAuthError);
    // A copy from the other module system is still recognised by the guard.
    const isError = esm.isDocSpaceAuthError as (error: unknown) => boolean;
    const CjsError = cjs.DocSpaceAuthError as new (code: string, message: string) => Error;
    expect(isError(new CjsError('network', 'x'))).toBe(true);
  });

  it('the schemas are the ./schemas entry, the same from ESM and CJS, and they validate', async () => {
    const esm = (await import(esmSchemas)) as Record<string, unknown>;
    const cjs = require(cjsSchemas) as Record<string, unknown>;
    expect(Object.keys(cjs).sort()).toEqual(Object.keys(esm).sort());
    expect(Object.keys(esm).length).toBeGreaterThan(0);
    expect(Object.keys(esm).every((name) => /^v[A-Z]/.test(name))).toBe(true);
    const { safeParse } = await import('valibot');
    const schema = esm.vBooleanWrapper as Parameters<typeof safeParse>[0];
    expect(safeParse(schema, { response: true, status: 0, statusCode: 200 }).success).toBe(true);
    expect(safeParse(schema, { response: 'yes', status: 0, statusCode: 200 }).success).toBe(false);
  });
});

describe('tree-shaking of the built package', () => {
  it("a bundle that calls one operation carries none of the other operations' schemas", async () => {
    const { build } = await import('esbuild');
    const result = await build({
      stdin: {
        contents: "export { getSelfProfile } from './dist/index.js';",
        resolveDir: new URL('..', import.meta.url).pathname,
      },
      bundle: true,
      format: 'esm',
      platform: 'browser',
      write: false,
      logLevel: 'silent',
    });
    const code = result.outputFiles[0]!.text;
    expect(code).toContain('people/@self'); // the operation itself
    // Schemas only other operations use: confirm types and results, the token DTO, request bodies.
    for (const marker of ['EmpInvite', 'TariffLimit', 'tfaKey', 'recaptchaResponse', 'mobilePhone:']) {
      expect(code, marker).not.toContain(marker);
    }
  });
});
