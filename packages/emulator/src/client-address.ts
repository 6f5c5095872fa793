/**
 * The client's address, as the brute-force guard and the rate limiter key on it. By default the socket's
 * peer address: an `X-Forwarded-For` header is a claim any client can make, so honouring it from anyone would
 * let a caller rotate it to get fresh guesses, or spoof a victim's address to lock the victim out. Only with
 * the `trustProxy` option (the emulator sits behind a proxy that sets the header) is it read:
 * - `true`: the whole chain is trusted, the first (left-most) entry is the client;
 * - a number `n`: `n` proxies in front are trusted, the client is the `n`-th entry from the right (the address
 *   the outermost trusted proxy saw); with fewer entries, the left-most.
 *
 * @module
 */
import type { IncomingMessage } from 'node:http';

/** The `trustProxy` option. */
export type TrustProxy = boolean | number;

/** Longest address kept as a key (a longer `X-Forwarded-For` entry is cut: it is a key, not an address book). */
const MAX_ADDRESS = 64;

function normalise(address: string): string {
  const plain = address.startsWith('::ffff:') ? address.slice(7) : address;
  return plain.slice(0, MAX_ADDRESS);
}

/** Checks the option: `true`, `false` or a whole number of proxies from 1 to 100. */
export function checkTrustProxy(value: unknown): TrustProxy {
  if (value === undefined) return false;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 100) return value;
  throw new TypeError(`trustProxy must be true, false or a number of proxies from 1 to 100, got ${String(value)}`);
}

/** The address a request comes from, per `trustProxy`. */
export function clientAddress(req: IncomingMessage, trustProxy: TrustProxy): string {
  const socketAddress = req.socket.remoteAddress ?? 'unknown';
  if (trustProxy === false) return normalise(socketAddress);
  const header = req.headers['x-forwarded-for'];
  const entries = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  if (entries.length === 0) return normalise(socketAddress);
  const index = trustProxy === true ? 0 : Math.max(0, entries.length - trustProxy);
  return normalise(entries[index]!);
}
