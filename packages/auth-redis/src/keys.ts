// Every Redis key and channel this package writes, defined once. The subject (a store key,
// `docspace-auth:<portal>:<user>`) is a hash tag, so that one subject's keys share a Cluster slot and its scripts
// may touch them together.

/** The default prefix of every key and of the channel. */
export const DEFAULT_PREFIX = 'docspace-auth:';

/** The key names of one prefix. */
export interface RedisKeys {
  /** A stored session (JSON envelope, possibly encrypted). */
  session(storeKey: string): string;
  /** The sign-in lease of a subject: `<owner>:<fence>`. */
  lease(subject: string): string;
  /** The fencing-token counter of a subject. */
  fence(subject: string): string;
  /** The outcome of a subject's last sign-in (JSON), for waiters that missed the message. */
  outcome(subject: string): string;
  /** A credential the portal refused for a subject (JSON, no password). */
  failure(subject: string): string;
  /** A refusal kept for the credentials circuit (`credentialsCircuit.memory`): its time, under the circuit's key. */
  refused(circuitKey: string): string;
  /** The pub/sub channel of every notice. */
  readonly channel: string;
}

export function redisKeys(prefix: string): RedisKeys {
  return {
    session: (key) => `${prefix}session:{${key}}`,
    lease: (subject) => `${prefix}lease:{${subject}}`,
    fence: (subject) => `${prefix}fence:{${subject}}`,
    outcome: (subject) => `${prefix}outcome:{${subject}}`,
    failure: (subject) => `${prefix}failure:{${subject}}`,
    refused: (circuitKey) => `${prefix}refused:${circuitKey}`,
    channel: `${prefix}events`,
  };
}
