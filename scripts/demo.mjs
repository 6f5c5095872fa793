#!/usr/bin/env node
// `npm run demo`: shows the generated client's operations and the request each one sends.
// (The full sign-in story against the emulator replaces this once the command line exists.)
import * as api from '@docspace/auth-client';

const operations = [
  ['getIsAuthentificated', {}],
  ['authenticateMe', { body: { userName: 'alice@example.com', password: '...' } }],
  ['authenticateMeFromBodyWithCode', { path: { code: '123456' }, body: { userName: 'bob@example.com', password: '...', code: '123456' } }],
  ['sendSmsCode', { body: { userName: 'carol@example.com', password: '...' } }],
  ['saveMobilePhone', { auth: 'type=PhoneActivation&key=...', body: { mobilePhone: '+15555550123' } }],
  ['checkConfirm', { body: { type: 'Auth', email: 'alice@example.com', key: '...' } }],
  ['logout', { auth: '<token>' }],
  ['getSelfProfile', { auth: (scheme) => (scheme.in === 'cookie' ? undefined : '<token>') }],
];

// A fetch that records the request and answers nothing: no portal is contacted.
const sent = [];
const client = api.createDocSpaceClient({
  baseUrl: 'https://yourportal.onlyoffice.com',
  fetch: async (request) => {
    sent.push(request);
    return new Response(null, { status: 204 });
  },
});

console.log('@docspace/auth-client operations (generated from spec/openapi.yaml):\n');
for (const [name, options] of operations) {
  const before = sent.length;
  const { error } = await api[name]({ client, ...options });
  const request = sent.at(-1);
  if (sent.length === before || !request) throw new Error(`${name} sent no request: ${error}`);
  const url = new URL(request.url);
  const headers = ['authorization', 'confirm', 'cookie'].filter((h) => request.headers.has(h)).join(', ');
  console.log(`  ${name.padEnd(32)} ${request.method.padEnd(5)} ${decodeURI(url.pathname)}${headers ? `   (credentials: ${headers})` : ''}`);
}
console.log('\nRun the whole test suite with: npm test');
