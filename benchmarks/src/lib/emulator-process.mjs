// The emulator as its own process (the `docspace-emulator` command), for timings that must not share an event loop
// with the server. Its request log and codes are read over its test-only HTTP endpoints (/__emulator/...).
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
export const emulatorCli = join(dirname(require.resolve('@docspace/emulator/package.json')), 'dist', 'cli.mjs');

/** Starts `docspace-emulator` and resolves once it printed its URL; `startedMs` is spawn-to-listening. */
export function startEmulatorProcess() {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, [emulatorCli, '--port', '0', '--seed', '1'], { stdio: ['ignore', 'pipe', 'inherit'] });
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
        control: async (path, init) => (await fetch(`${url}/__emulator/${path}`, init)).json(),
        close: () =>
          new Promise((done) => {
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
  });
}
