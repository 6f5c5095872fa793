// Runs in a separate Node process, using only the built package (dist/), as another program would.
//   node child.mjs login <portal> <file> <userName> <password>   -> signs in, stores the session, prints nothing
//   node child.mjs fill <file> <prefix> <count>                  -> writes <count> sessions under distinct keys
//   node child.mjs loop <file>                                   -> writes sessions until it is killed
import { createDocSpaceAuth } from '../../dist/index.js';
import { fileStore } from '../../dist/file-store.js';

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
} else {
  throw new Error(`unknown command ${command}`);
}
