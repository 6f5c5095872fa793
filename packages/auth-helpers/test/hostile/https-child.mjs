// Runs one table operation in its own process, with the built package, against an https portal whose certificate
// the test made (NODE_EXTRA_CA_CERTS, read only at start-up: hence a process of its own). Prints
//   {"outcome": "...", "got": "<util.inspect of what the caller got>"}
//   node https-child.mjs <portal> <operation> <default|custom>
import { inspect } from 'node:util';
import { getSelfProfile } from '@docspace/auth-client';
import { createDocSpaceAuth, isDocSpaceAuthError, memoryStore } from '../../dist/index.js';

const [baseUrl, operation, fetchKind] = process.argv.slice(2);
const store = memoryStore();
const portal = baseUrl.replace(/\/$/, '');
const stored = {
  token: 'hostile-stored-token',
  expires: null,
  userName: 'mallory',
  portal,
  obtainedAt: new Date().toISOString(),
};
if (operation === 'authorised GET' || operation === 'logout') {
  store.set(`docspace-auth:${portal}:mallory`, stored);
  store.set(`docspace-auth:${portal}`, stored);
}
const auth = createDocSpaceAuth({
  baseUrl,
  store,
  timeoutMs: 3000,
  retry: { maxAttempts: 2, baseDelayMs: 5, maxDelayMs: 20 },
  ...(fetchKind === 'custom' ? { fetch: (input, init) => globalThis.fetch(input, init) } : {}),
});
let outcome;
let got;
try {
  if (operation === 'sign-in' || operation === 'code') {
    got = await auth.login({
      userName: 'mallory',
      password: 'hostile-test-password',
      ...(operation === 'code' ? { code: '123456' } : {}),
    });
    outcome = 'ok';
  } else if (operation === 'authorised GET') {
    got = await getSelfProfile({ client: auth.client });
    outcome =
      got.error === undefined
        ? 'ok'
        : isDocSpaceAuthError(got.error)
          ? got.error.code
          : `answer ${got.response?.status}`;
  } else {
    await auth.logout();
    outcome = 'ok';
  }
} catch (error) {
  got = error;
  outcome = isDocSpaceAuthError(error) ? error.code : `unexpected ${String(error)}`;
}
auth.dispose();
process.stdout.write(JSON.stringify({ outcome, got: inspect(got, { depth: 20, showHidden: true }) }));
