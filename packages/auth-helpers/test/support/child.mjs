// Runs in a separate Node process, using only the built package (dist/), as another program would.
//   node child.mjs login <portal> <file> <userName> <password>   -> signs in, stores the session, prints nothing
//   node child.mjs fill <file> <prefix> <count>                  -> writes <count> sessions under distinct keys
//   node child.mjs loop <file>                                   -> writes sessions until it is killed
//   node child.mjs calls <portal> <file> <userName> <password> <n> -> n concurrent calls, coordinated through the
//                                                                     file; prints { ok, failures } as JSON
//   node child.mjs hold <file> <subject>                          -> takes the sign-in lease, prints "held", waits
import { getSelfProfile } from '@docspace/auth-client';
import { createDocSpaceAuth, isDocSpaceAuthError } from '../../dist/index.js';
import { fileCoordinator, fileStore } from '../../dist/file-store.js';

const [command, ...args] = process.argv.slice(2);
if (command === 'login') {
  const [portal, file, userName, password] = args;
  const auth = createDocSpaceAuth({ baseUrl: portal, store: fileStore(file) });
  await auth.login({ userName, password });
} else if (command === 'fill') {
  const [file, prefix, count] = args;
  const store = fileStore(file);
  for (let i = 0; i < Number(count); i++) {
    await store.set(`${prefix}-${i}`, {
      token: `token-${prefix}-${i}`,
      expires: null,
      userName: `${prefix}-${i}@example.com`,
      portal: 'http://127.0.0.1:1',
      obtainedAt: new Date(0).toISOString(),
    });
  }
} else if (command === 'loop') {
  // Writes sessions for ever (until killed); says `ready` on stdout after the first write.
  const [file] = args;
  const store = fileStore(file);
  for (let i = 0; ; i++) {
    await store.set(`loop-${i % 50}`, {
      token: `token-loop-${i}`,
      expires: null,
      userName: `loop-${i % 50}@example.com`,
      portal: 'http://127.0.0.1:1',
      obtainedAt: new Date(0).toISOString(),
    });
    if (i === 0) process.stdout.write('ready\n');
  }
} else if (command === 'calls') {
  const [portal, file, userName, password, n] = args;
  const auth = createDocSpaceAuth({
    baseUrl: portal,
    store: fileStore(file),
    coordinator: fileCoordinator(file),
    credentials: () => ({ userName, password }),
  });
  const failures = [];
  let ok = 0;
  await Promise.all(
    Array.from({ length: Number(n) }, async () => {
      const result = await getSelfProfile({ client: auth.client });
      if (result.response?.status === 200) ok++;
      else failures.push(isDocSpaceAuthError(result.error) ? result.error.code : `HTTP ${result.response?.status}`);
    }),
  );
  console.log(JSON.stringify({ ok, failures }));
} else if (command === 'hold') {
  const [file, subject] = args;
  const attempt = await fileCoordinator(file).acquire(subject, 2_000);
  console.log('lease' in attempt ? 'held' : 'not held');
  setInterval(() => undefined, 60_000);
} else {
  throw new Error(`unknown command ${command}`);
}
