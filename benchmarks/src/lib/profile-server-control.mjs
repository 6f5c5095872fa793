// Starts profile-server.mjs in a child process and talks to it.
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

const script = fileURLToPath(new URL('./profile-server.mjs', import.meta.url));

export async function startProfileServer() {
  const child = fork(script, [], { execArgv: [], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const [hello] = await once(child, 'message');
  if (hello?.type !== 'listening') throw new Error('the profile server did not start');
  const ask = async (type) => {
    child.send({ type });
    for (;;) {
      const [message] = await once(child, 'message');
      if (message?.type === type) return message;
    }
  };
  return {
    url: `http://127.0.0.1:${hello.port}`,
    port: hello.port,
    pid: child.pid,
    stats: async () => (await ask('stats')).stats,
    reset: () => ask('reset'),
    async close() {
      child.send({ type: 'close' });
      await once(child, 'exit');
    },
  };
}
