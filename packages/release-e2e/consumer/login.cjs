// CommonJS consumer: the same two-step sign-in through require().
'use strict';
const { getSelfProfile } = require('@docspace/auth-client');
const { createDocSpaceAuth } = require('@docspace/auth-helpers');
const { fileStore } = require('@docspace/auth-helpers/file-store');
const { startEmulator } = require('@docspace/emulator');

async function main() {
  const emulator = await startEmulator();
  const events = [];
  const auth = createDocSpaceAuth({
    baseUrl: emulator.url,
    totpSecret: 'JBSWY3DPEHPK3PXP',
    onEvent: (event) => events.push(event.type === 'signed-in' ? `signed-in:${event.secondFactor}` : event.type),
  });
  try {
    const session = await auth.login({ userName: 'bob@example.com', password: 'bob-password' });
    const { data, error } = await getSelfProfile({ client: auth.client });
    if (error) throw new Error(`getSelfProfile failed: ${JSON.stringify(error)}`);
    console.log(
      JSON.stringify({
        format: 'cjs',
        node: process.version,
        userName: session.userName,
        displayName: data?.response?.displayName,
        events,
        requests: emulator.requests.map((r) => `${r.method} ${r.path.replace(/\/\d{6}$/, '/{code}')} ${r.status}`),
        fileStore: typeof fileStore,
      }),
    );
  } finally {
    auth.dispose();
    await emulator.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
