// A fleet of worker processes (worker.mjs), each a separate Node process, driven over IPC.
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const WORKER = fileURLToPath(new URL('./worker.mjs', import.meta.url));

export interface WorkerConfig {
  portal: string;
  redisUrl: string;
  userName: string;
  password: string;
  leaseMs?: number;
  timeoutMs?: number;
  pollMs?: number;
  /** false: no store or coordinator (every process on its own), for comparison. */
  coordinate?: boolean;
}

export interface CallsResult {
  ok: number;
  failures: string[];
  maxMs: number;
}

export interface Worker {
  child: ChildProcess;
  request<T = Record<string, unknown>>(message: Record<string, unknown>): Promise<T>;
  calls(n: number): Promise<CallsResult>;
}

let nextId = 1;

export async function startWorker(config: WorkerConfig, onSigningIn?: (worker: Worker) => void): Promise<Worker> {
  const child = fork(WORKER, [JSON.stringify(config)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const pending = new Map<number, (reply: Record<string, unknown>) => void>();
  const worker: Worker = {
    child,
    request(message) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, resolve as (reply: Record<string, unknown>) => void);
        child.send({ ...message, id }, (error) => error && reject(error));
        child.once('exit', (code, signal) => reject(new Error(`worker exited (${code ?? signal})`)));
      });
    },
    calls: (n) => worker.request<CallsResult>({ cmd: 'calls', n }),
  };
  await new Promise<void>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`worker exited with code ${code} before it was ready`)));
    child.on('message', (message: Record<string, unknown>) => {
      if (message.type === 'ready') resolve();
      else if (message.type === 'signing-in') onSigningIn?.(worker);
      else if (typeof message.id === 'number') {
        pending.get(message.id)?.(message);
        pending.delete(message.id);
      }
    });
  });
  child.setMaxListeners(0);
  return worker;
}

export async function startFleet(count: number, config: WorkerConfig, onSigningIn?: (worker: Worker) => void) {
  const workers = await Promise.all(Array.from({ length: count }, () => startWorker(config, onSigningIn)));
  return {
    workers,
    /** `n` concurrent calls in every process at once. */
    calls: (n: number) => Promise.all(workers.map((worker) => worker.calls(n))),
    /** Ends every process that still runs (by its PID). */
    async stop() {
      await Promise.all(
        workers.map(async ({ child }) => {
          if (child.exitCode !== null || child.signalCode !== null) return;
          const exited = new Promise((resolve) => child.once('exit', resolve));
          if (child.pid !== undefined) process.kill(child.pid, 'SIGTERM');
          await exited;
        }),
      );
    },
  };
}
