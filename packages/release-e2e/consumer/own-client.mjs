// ESM consumer of the installed packages with a client of its own: generated from consumer/openapi.yaml into
// generated/ (compiled to generated-js/ by tsc), plus openapi-fetch. Signs in with an API key and with a password +
// TOTP, calls people/@self through both clients, and handles a session the portal ended through catch.
// Prints one JSON line for the test to check.
import { createDocSpaceAuth, isDocSpaceAuthError } from '@docspace/auth-helpers';
import { startEmulator } from '@docspace/emulator';
import createFetchClient from 'openapi-fetch';
import { createClient, createConfig } from './generated-js/client/index.js';
import { whoAmI } from './generated-js/sdk.gen.js';

const emulator = await startEmulator();
const report = { node: process.version };
/** The code of a DocSpaceAuthError a call rejected with, or what else happened. */
const rejection = async (call) => {
  try {
    await call();
    return 'resolved';
  } catch (error) {
    return isDocSpaceAuthError(error) ? error.code : `not a DocSpaceAuthError: ${error}`;
  }
};
try {
  // A bot with an API key: no sign-in at all.
  const bot = createDocSpaceAuth({ baseUrl: emulator.url, apiKey: 'sk-alice-demo-key' });
  const botClient = bot.attach(createClient(createConfig()), { throwOnError: true });
  report.apiKeyOwnClient = (await whoAmI({ client: botClient })).data.response.email;
  const botFetch = createFetchClient({ baseUrl: bot.portal, fetch: bot.fetch });
  const viaFetch = await botFetch.GET('/api/2.0/people/@self');
  if (!viaFetch.data) throw new Error(`openapi-fetch with the API key: HTTP ${viaFetch.response.status}`);
  report.apiKeyOpenapiFetch = viaFetch.data.response.email;
  const badKey = createDocSpaceAuth({ baseUrl: emulator.url, apiKey: 'sk-revoked' });
  report.badKey = await rejection(() =>
    whoAmI({ client: badKey.attach(createClient(createConfig()), { throwOnError: true }) }),
  );

  // A person's account: password, then the authenticator code computed from the secret.
  const auth = createDocSpaceAuth({ baseUrl: emulator.url, totpSecret: 'JBSWY3DPEHPK3PXP' });
  await auth.login({ userName: 'bob@example.com', password: 'bob-password' });
  const client = auth.attach(createClient(createConfig()), { throwOnError: true });
  report.passwordOwnClient = (await whoAmI({ client })).data.response.email;
  const api = createFetchClient({ baseUrl: auth.portal, fetch: auth.fetch });
  const me = await api.GET('/api/2.0/people/@self');
  if (!me.data) throw new Error(`openapi-fetch with the session: HTTP ${me.response.status}`);
  report.passwordOpenapiFetch = me.data.response.email;

  // The portal ends every session: the next calls reject, and a script's catch sees why.
  emulator.revokeTokens();
  report.expiredOwnClient = await rejection(() => whoAmI({ client }));
  // The rejected session was removed at once: the next call, through the other client, has none to send.
  report.expiredOpenapiFetch = await rejection(() => api.GET('/api/2.0/people/@self'));
  for (const instance of [bot, badKey, auth]) instance.dispose();
} finally {
  await emulator.close();
}
console.log(JSON.stringify(report));
