// The commands this package sends, each bounded in time, and scripts sent by SHA (the source only when the server
// does not know it yet, e.g. after a restart).
import type { Cluster, Redis } from 'ioredis';
import type { Script } from './scripts.js';
import { withTimeout } from './utils/with-timeout.js';

/** A connection of ioredis: one server (direct or through Sentinel) or a Cluster. */
export type RedisClient = Redis | Cluster;

export function connection(client: RedisClient, timeoutMs: number) {
  const bounded = <T>(what: string, run: () => Promise<T>) => {
    let started: Promise<T>;
    try {
      started = run();
    } catch (error) {
      started = Promise.reject(error);
    }
    return withTimeout(started, timeoutMs, what);
  };
  async function evalScript(script: Script, keys: string[], args: (string | number)[]): Promise<unknown> {
    try {
      return await client.evalsha(script.sha, keys.length, ...keys, ...args);
    } catch (error) {
      if (!(error instanceof Error && error.message.startsWith('NOSCRIPT'))) throw error;
      return client.eval(script.source, keys.length, ...keys, ...args);
    }
  }
  return {
    get: (key: string) => bounded('GET', () => client.get(key)),
    setPx: (key: string, value: string, ttlMs: number) => bounded('SET', () => client.set(key, value, 'PX', ttlMs)),
    del: (key: string) => bounded('DEL', () => client.del(key)),
    exists: (key: string) => bounded('EXISTS', () => client.exists(key)),
    publish: (channel: string, message: string) => bounded('PUBLISH', () => client.publish(channel, message)),
    run: (script: Script, keys: string[], args: (string | number)[]) =>
      bounded('EVALSHA', () => evalScript(script, keys, args)),
  };
}

export type Connection = ReturnType<typeof connection>;
