// The file store's cross-process write lock: proper-lockfile's `<file>.lock` folder, plus what a crash leaves behind.
// Each writer first registers itself (`.<file>.<pid>.writer`, holding its host name) and removes that after it has let
// go of the lock. A lock found held while every other registered writer on this host is a process that no longer
// exists was left by a crash: it is removed at once, rather than after proper-lockfile's stale time. A lock nobody
// registered for (planted, or from another host) is taken over once it is stale (not refreshed for STALE_MS).
// Temporary files of writers that no longer exist (`.<file>.<pid>.<random>.tmp`) are removed under the lock.
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { readdir, readFile, rm, stat, unlink, writeFile } from 'node:fs/promises';

/** A lock not refreshed for this long is stale (proper-lockfile refreshes a live one every STALE_MS / 2). */
export const STALE_MS = 5_000;

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // exists, another user's
  }
};

const pidIn = (name: string, prefix: string, suffix: string) =>
  name.startsWith(prefix) && name.endsWith(suffix)
    ? Number(name.slice(prefix.length, -suffix.length).split('.')[0])
    : Number.NaN;

/** Whether every writer registered for `path`, other than this process, is a process of this host that is gone. */
async function onlyDeadWriters(path: string): Promise<boolean> {
  const folder = dirname(path);
  const prefix = `.${basename(path)}.`;
  const host = hostname();
  let others = 0;
  for (const name of await readdir(folder)) {
    const pid = pidIn(name, prefix, '.writer');
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    others++;
    const owner = await readFile(join(folder, name), 'utf8').catch(() => '');
    if (owner !== host || alive(pid)) return false;
    await unlink(join(folder, name)).catch(Boolean); // Boolean: already gone is fine
  }
  return others > 0;
}

/** Removes the temporary files and registrations of writers of `path` that no longer exist (killed half-way). */
export async function removeDeadTemporaries(path: string): Promise<void> {
  const folder = dirname(path);
  const prefix = `.${basename(path)}.`;
  for (const name of await readdir(folder)) {
    const pid = name.endsWith('.writer') ? pidIn(name, prefix, '.writer') : pidIn(name, prefix, '.tmp');
    if (Number.isInteger(pid) && pid !== process.pid && !alive(pid)) await unlink(join(folder, name)).catch(Boolean);
  }
}

/** The writes of this process, one at a time per file: a process never waits for its own lock. */
const queues = new Map<string, Promise<unknown>>();

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs `work` holding the write lock of `path`; waits at most `timeoutMs` for it. */
export function withWriteLock<T>(path: string, timeoutMs: number, work: () => Promise<T>): Promise<T> {
  const previous = queues.get(path) ?? Promise.resolve();
  const next = previous.then(
    () => lockedWrite(path, timeoutMs, work),
    () => lockedWrite(path, timeoutMs, work),
  );
  const settled = next.then(Boolean, Boolean);
  queues.set(path, settled);
  void settled.then(() => {
    if (queues.get(path) === settled) queues.delete(path);
  });
  return next;
}

async function lockedWrite<T>(path: string, timeoutMs: number, work: () => Promise<T>): Promise<T> {
  const { lock } = await import('proper-lockfile');
  const registration = join(dirname(path), `.${basename(path)}.${process.pid}.writer`);
  await writeFile(registration, hostname(), { mode: 0o600 });
  try {
    const deadline = performance.now() + timeoutMs;
    let release: (() => Promise<void>) | undefined;
    for (let wait = 5; !release; wait = Math.min(wait * 2, 50)) {
      try {
        release = await lock(path, {
          realpath: false,
          stale: STALE_MS,
          retries: 0,
          // Our lock taken over as stale (this process stalled for STALE_MS): the write still ends with a whole file.
          onCompromised: () => undefined,
        });
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOTDIR') {
          // A plain file planted where the lock folder goes: taken over once it is stale, like a lock.
          const planted = await stat(`${path}.lock`).catch(() => undefined);
          if (planted && Date.now() - planted.mtimeMs > STALE_MS) await rm(`${path}.lock`, { force: true });
        } else if (code !== 'ELOCKED') {
          throw error;
        } else if (await onlyDeadWriters(path)) {
          await rm(`${path}.lock`, { recursive: true, force: true }); // left by a writer that crashed
          continue;
        }
        if (performance.now() > deadline) throw error;
        await sleep(wait);
      }
    }
    try {
      await removeDeadTemporaries(path);
      return await work();
    } finally {
      await release();
    }
  } finally {
    await unlink(registration).catch(Boolean);
  }
}
