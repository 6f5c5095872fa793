/** Odd and hostile requests get a 4xx (or the answer the server gives), never a 500 from the emulator itself. */
import { describe, expect, it } from 'vitest';
import { useEmulator } from './support/emulator.js';
import { AUTH, call, control, type CallOptions } from './support/http.js';

const json = (body: string): CallOptions => ({ body, headers: { 'content-type': 'application/json' } });

describe('hostile input', () => {
  it('API requests with malformed credentials, cookies and bodies are answered without a 500', async () => {
    const emulator = await useEmulator();
    const cases: [string, string, CallOptions][] = [
      ['GET', AUTH, { headers: { cookie: 'asc_auth_key=%E0%A4%A; socketio.sid=%' } }],
      ['GET', AUTH, { headers: { authorization: 'Basic !!!not-base64!!!' } }],
      ['GET', AUTH, { headers: { authorization: `Basic ${Buffer.from('no-colon').toString('base64')}` } }],
      ['GET', AUTH, { headers: { authorization: `Bearer ${'A'.repeat(8_000)}` } }],
      ['GET', AUTH, { headers: { authorization: 'Bearer eyJhbGciOiJub25lIn0.e30.' } }],
      ['GET', '/api/2.0/people/@self', { headers: { authorization: 'Bearer sk-' } }],
      ['GET', AUTH, { headers: { 'x-forwarded-for': `${'1.2.3.4,'.repeat(500)}` } }],
      ['POST', AUTH, json('{"userName": {"a": 1}, "password": "x"}')],
      ['POST', AUTH, json('{"userName": "alice@example.com", "password": "x", "recaptchaType": "99999999999"}')],
      ['POST', AUTH, json('{"confirmData": [], "userName": "a"}')],
      ['POST', AUTH, json('{"confirmData": {"email": "not an email", "key": 5}}')],
      ['POST', AUTH, json(`${'['.repeat(50_000)}${']'.repeat(50_000)}`)],
      ['POST', AUTH, json('\uFEFF')],
      ['POST', AUTH, json('"just a string"')],
      ['POST', AUTH, json(`{"userName": "${'\\u0000'.repeat(100)}", "password": "x"}`)],
      ['POST', `${AUTH}/%ZZ`, json('{"userName": "bob@example.com", "password": "bob-password", "code": "%ZZ"}')],
      [
        'POST',
        `${AUTH}/setphone`,
        { headers: { confirm: 'type=PhoneActivation&key=%ZZ&encemail=%%%' }, ...json('{"mobilePhone": "+1"}') },
      ],
      ['POST', `${AUTH}/confirm`, json('{"key": "1.x", "type": 99, "email": "a@b.c", "uiD": "not-a-guid"}')],
      ['POST', `${AUTH}/logout`, { headers: { cookie: `asc_auth_key=${'%2B'.repeat(1_000)}` } }],
    ];
    for (const [method, path, options] of cases) {
      const answer = await call(emulator, method, path, options);
      expect(answer.status, `${method} ${path} ${JSON.stringify(options).slice(0, 120)}`).toBeLessThan(500);
    }
  });

  it('control calls with malformed input are 4xx with a message', async () => {
    const emulator = await useEmulator({ controlPlane: true });
    const cases: [string, string, CallOptions][] = [
      ['POST', '/__emulator/faults', json('null')],
      ['POST', '/__emulator/faults', json('[{"path": "/x", "probability": 2, "fault": {"kind": "drop"}}]')],
      ['POST', '/__emulator/portal', json('null')],
      ['POST', '/__emulator/portal', json('[]')],
      ['POST', '/__emulator/revoke', json('{"userName": 5}')],
      ['POST', '/__emulator/revoke', json('{"userName": ""}')],
      ['POST', '/__emulator/confirm-key', json('{"type": "Auth", "email": 5}')],
      ['POST', '/__emulator/clock', json('{"setMs": "soon"}')],
      ['POST', '/__emulator/clock', json('{"advanceMs": 1e308}')],
      ['GET', '/__emulator/totp?user=carol', {}],
      ['GET', '/__emulator/totp?user=bob&at=-1', {}],
      ['POST', '/__emulator/users', json('{}')],
    ];
    for (const [method, path, options] of cases) {
      const answer = await control(emulator, method, path, options);
      const what = `${method} ${path} ${options.body ?? ''}`;
      expect(answer.status, what).toBeGreaterThanOrEqual(400);
      expect(answer.status, what).toBeLessThan(500);
      expect(typeof answer.json?.error, what).toBe('string');
    }
  });
});
