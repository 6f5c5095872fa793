// A real npm registry for the release test: verdaccio (this package's devDependency) in a child process, on
// 127.0.0.1 only, with its configuration and storage in a temp folder and no uplinks, so it serves only what
// the test publishes and never asks another registry for anything.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Registry {
  /** `http://127.0.0.1:<port>/` */
  url: string;
  /** `//127.0.0.1:<port>/`, the prefix of per-registry settings in an .npmrc */
  npmrcKey: string;
  /** Everything verdaccio printed, for failure messages. */
  log: () => string;
  stop: () => Promise<void>;
}

const launcher = fileURLToPath(new URL('./registry-server.cjs', import.meta.url));

/** verdaccio's configuration: anyone may read and publish @docspace/*; nothing else is served. */
export function registryConfig(dir: string): string {
  const storage = join(dir, 'storage');
  return [
    `storage: ${JSON.stringify(storage)}`,
    'auth:',
    '  htpasswd:',
    `    file: ${JSON.stringify(join(dir, 'htpasswd'))}`,
    '    max_users: -1',
    '# Nothing is proxied: a package that was not published here is a 404.',
    'uplinks: {}',
    'packages:',
    "  '@docspace/*':",
    '    access: $all',
    '    publish: $anonymous $authenticated',
    '    unpublish: $anonymous $authenticated',
    "  '**':",
    '    access: $all',
    '    publish: $authenticated',
    '# Loopback only. Port 0: registry-server.cjs lets the OS pick a free port and reports it.',
    'listen: 127.0.0.1:0',
    'log: { type: stdout, format: pretty, level: warn }',
    '',
  ].join('\n');
}

export async function startRegistry(dir: string, env: NodeJS.ProcessEnv): Promise<Registry> {
  mkdirSync(join(dir, 'storage'), { recursive: true });
  const configPath = join(dir, 'config.yaml');
  writeFileSync(configPath, registryConfig(dir));
  // Resolve verdaccio here, where it is a devDependency, so a misconfigured install fails with a clear message.
  createRequire(import.meta.url).resolve('verdaccio');

  const child: ChildProcess = spawn(process.execPath, [launcher, configPath], {
    cwd: dir,
    env,
    // Standard input stays open: the server exits when it closes (when this process ends, however it ends).
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdin!.on('error', () => undefined); // EPIPE once it has exited
  const killNow = () => child.kill('SIGKILL');
  process.once('exit', killNow);

  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`verdaccio did not start within 30 s:\n${output}`)), 30_000);
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
      const match = /\{"url":"(http:\/\/127\.0\.0\.1:\d+\/)"\}/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`verdaccio exited (${code ?? signal}) before it listened:\n${output}`));
    });
  });

  return {
    url,
    npmrcKey: url.replace(/^http:/, ''),
    log: () => output,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.stdin!.end();
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(timer);
      }
      process.removeListener('exit', killNow);
    },
  };
}
