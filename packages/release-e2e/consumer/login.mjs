// ESM consumer: the two-step sign-in against the emulator, with nothing but the installed packages.
// Prints one JSON line for the test to check.
import { existsSync } from 'node:fs';
import { getSelfProfile } from '@docspace/auth-client';
import { createDocSpaceAuth } from '@docspace/auth-helpers';
import { fileStore } from '@docspace/auth-helpers/file-store';
import { startEmulator } from '@docspace/emulator';

// The session file of @docspace/auth-helpers/file-store; the test passes a path in its temp folder.
const sessionsFile = process.env.SESSIONS_FILE;
if (!sessionsFile) throw new Error('SESSIONS_FILE is not set');

const emulator = await startEmulator();
const events = [];
const auth = createDocSpaceAuth({
  baseUrl: emulator.url,
  totpSecret: 'JBSWY3DPEHPK3PXP',
  store: fileStore(sessionsFile),
  onEvent: (event) => events.push(event.type === 'signed-in' ? `signed-in:${event.secondFactor}` : event.type),
});
try {
  const session = await auth.login({ userName: 'bob@example.com', password: 'bob-password' });
  const { data, error } = await getSelfProfile({ client: auth.client });
  if (error) throw new Error(`getSelfProfile failed: ${JSON.stringify(error)}`);
  console.log(
    JSON.stringify({
      format: 'esm',
      node: process.version,
      userName: session.userName,
      displayName: data?.response?.displayName,
      events,
      requests: emulator.requests.map((r) => `${r.method} ${r.path.replace(/\/\d{6}$/, '/{code}')} ${r.status}`),
      sessionSaved: existsSync(sessionsFile),
    }),
  );
} finally {
  auth.dispose();
  await emulator.close();
}
