// The emulator as its own process (the `docspace-emulator` command), for timings that must not share an event loop
// with the server. Its request log and codes are read over its test-only HTTP endpoints (/__emulator/...).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
export const emulatorCli = join(dirname(require.resolve('@docspace/emulator/package.json')), 'dist', 'cli.mjs');

/** Starts `docspace-emulator` and resolves once it printed its URL; `startedMs` is spawn-to-listening. */
export function startEmulatorProcess() {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    // The control plane is off unless asked for; its key goes in through the environment, not the process list.
    const controlKey = randomBytes(24).toString('base64url');
    const child = spawn(process.execPath, [emulatorCli, '--port', '0', '--seed', '1', '--control'], {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, DOCSPACE_EMULATOR_CONTROL_KEY: controlKey },
    });
    let out = '';
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error(`docspace-emulator exited with ${code} before listening`)));
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (!match) return;
      const startedMs = Number(process.hrtime.bigint() - started) / 1e6;
      child.stdout.removeAllListeners('data');
      child.stdout.resume();
      child.removeAllListeners('exit');
      const url = match[1];
      resolve({
        url,
        startedMs,
        control: async (path, init = {}) =>
          (
            await fetch(`${url}/__emulator/${path}`, {
              ...init,
              headers: { ...init.headers, 'x-emulator-key': controlKey },
            })
          ).json(),
        close: () =>
          new Promise((done) => {
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
  });
}
