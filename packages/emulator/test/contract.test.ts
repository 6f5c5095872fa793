/** The contract checker itself, and the emulator's coverage of the spec's operations. */
import { describe, expect, it } from 'vitest';
import { contract } from './support/contract.js';
import { useEmulator } from './support/emulator.js';
import { call } from './support/http.js';

const json = { 'content-type': 'application/json; charset=utf-8' };
const envelope = (response: unknown) =>
  JSON.stringify({
    response,
    count: 1,
    links: [{ href: 'http://x/api/2.0/authentication', action: 'GET' }],
    status: 0,
    statusCode: 200,
  });

describe('the contract checker', () => {
  const check = contract().check.bind(contract());
  const base = { method: 'GET', path: '/api/2.0/authentication', status: 200, headers: json };

  it('accepts a valid answer', () => {
    expect(check({ ...base, body: envelope(true) })).toEqual([]);
  });

  it('flags a body that breaks the schema', () => {
    expect(check({ ...base, body: envelope('yes') })).toHaveLength(1);
    expect(check({ ...base, method: 'POST', body: envelope({ sms: 'no' }) })[0]!.problem).toMatch(
      /sms must be boolean/,
    );
  });

  it('flags an undeclared status, a wrong content type, a body that is not JSON', () => {
    expect(check({ ...base, status: 418, body: '' })[0]!.problem).toMatch(/not declared/);
    expect(check({ ...base, headers: { 'content-type': 'text/plain' }, body: 'true' })[0]!.problem).toMatch(
      /content type/,
    );
    expect(check({ ...base, body: '{"response":' })[0]!.problem).toMatch(/not JSON/);
  });

  it('requires an empty body where no content is declared, and outside the spec', () => {
    expect(check({ ...base, path: '/api/2.0/people/@self', status: 401, body: '' })).toEqual([]);
    expect(check({ ...base, path: '/api/2.0/people/@self', status: 401, body: '{}' })).toHaveLength(1);
    expect(check({ ...base, path: '/api/2.0/files', status: 404, body: 'nope' })).toHaveLength(1);
  });

  it('accepts an empty body without content type only where the spec says x-may-be-empty', () => {
    const signIn = { method: 'POST', path: '/api/2.0/authentication', headers: {}, body: '' };
    expect(check({ ...signIn, status: 404 })).toEqual([]);
    expect(check({ ...signIn, status: 403 })).toEqual([]);
    expect(check({ ...signIn, status: 401 })).toHaveLength(1);
    expect(check({ ...signIn, status: 500 })).toHaveLength(1);
  });

  it('picks literal paths over {code} and leaves control calls and deliberate faults alone', () => {
    expect(contract().operationFor('POST', '/api/2.0/authentication/logout')?.id).toBe('logout');
    expect(contract().operationFor('POST', '/api/2.0/authentication/123456')?.id).toBe(
      'authenticateMeFromBodyWithCode',
    );
    expect(check({ ...base, path: '/__emulator/sms', body: 'anything' })).toEqual([]);
    expect(check({ ...base, status: 504, body: '<html>', fault: { kind: 'proxy-error', status: 504 } })).toEqual([]);
    expect(check({ ...base, status: 504, body: '<html>', fault: { kind: 'delay', ms: 1 } })).toHaveLength(1);
  });
});

describe('coverage of the spec', () => {
  it('the emulator serves every operation of spec/openapi.yaml', async () => {
    const emulator = await useEmulator();
    const operations = contract().operations;
    expect(operations.map((op) => op.id).sort()).toEqual([
      'authenticateMe',
      'authenticateMeFromBodyWithCode',
      'checkConfirm',
      'getIsAuthentificated',
      'getSelfProfile',
      'logout',
      'saveMobilePhone',
      'sendSmsCode',
    ]);
    for (const op of operations) {
      const path = op.template.replace('{code}', '123456');
      const answer = await call(emulator, op.method, path, op.method === 'POST' ? { json: {} } : {});
      expect([404, 405], `${op.method} ${path}`).not.toContain(answer.status);
      expect(Object.keys(op.responses), `${op.id} declares ${answer.status}`).toContain(String(answer.status));
    }
  });
});
