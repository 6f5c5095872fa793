import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CONFIRM_TYPES, type ConfirmType } from './auth/confirm-keys.js';
import { CLOCK_RANGE } from './clock.js';
import { InvalidFaultError } from './fault-validation.js';
import { InvalidPortalStateError } from './portal.js';
import type { Emulator } from './types.js';

/** The request header that carries the control key. */
export const CONTROL_KEY_HEADER = 'x-emulator-key';

/** Shortest key accepted in `controlPlane: { key }`. */
const MIN_KEY_LENGTH = 16;

/**
 * The key of the control plane from the `controlPlane` option: `undefined` when it is off, a fresh random
 * key (32 random bytes, base64url) for `true`, or the given key (checked: a string of 16 to 256 visible
 * ASCII characters, so that it fits in a header).
 */
export function resolveControlKey(option: boolean | { key: string } | undefined): string | undefined {
  if (option === undefined || option === false) return undefined;
  if (option === true) return randomBytes(32).toString('base64url');
  const key: unknown = typeof option === 'object' && option !== null ? (option as { key?: unknown }).key : undefined;
  if (typeof key !== 'string' || key.length < MIN_KEY_LENGTH || key.length > 256 || !/^[\x21-\x7e]+$/.test(key)) {
    throw new TypeError(
      `controlPlane must be true, false or { key } with a key of ${MIN_KEY_LENGTH} to 256 visible ASCII characters`,
    );
  }
  return key;
}

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/** Whether a request carries the control key (compared in constant time). */
function carriesKey(req: IncomingMessage, key: string): boolean {
  const sent = req.headers[CONTROL_KEY_HEADER];
  return typeof sent === 'string' && timingSafeEqual(digest(sent), digest(key));
}

/**
 * The test-only control surface under `/__emulator/` (not part of the DocSpace API), so tools in any
 * language can drive a running emulator. Plain JSON, no envelope:
 *
 * | route | does |
 * |---|---|
 * | `GET /__emulator/sms` | `{messages}`: the SMS outbox |
 * | `DELETE /__emulator/sms` | empties the outbox |
 * | `GET /__emulator/requests` | `{requests}`: the request log |
 * | `DELETE /__emulator/requests` | empties the request log |
 * | `GET /__emulator/clock` | `{now}` |
 * | `POST /__emulator/clock` | `{advanceMs}` or `{setMs}` → `{now}` |
 * | `GET /__emulator/faults` | `{rules}` in force |
 * | `POST /__emulator/faults` | a rule or an array of rules to add → `{rules}` |
 * | `DELETE /__emulator/faults` | removes every rule |
 * | `POST /__emulator/reset` | back to the initial state |
 * | `POST /__emulator/revoke` | `{userName?}`: "log out all" (for one user, or everyone) |
 * | `GET /__emulator/users` | `{users}` (with TOTP secrets and unused backup codes) |
 * | `GET /__emulator/totp?user=…[&at=ms]` | `{code}`: the authenticator code of a user at emulator time |
 * | `POST /__emulator/confirm-key` | `{type, email}` → `{key}`: a confirmation key made now |
 * | `GET /__emulator/portal` | `{status, ipRestriction}`: the portal's state |
 * | `POST /__emulator/portal` | `{status?, ipRestriction?}` → the new state (e.g. `{"status": "suspended"}`) |
 */
export function handleControl(
  emulator: Emulator,
  key: string,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  body: Buffer,
): undefined {
  const method = (req.method ?? 'GET').toUpperCase();
  const route = `${method} ${url.pathname.replace(/\/+$/, '')}`;
  // Every branch ends by answering: `return reply(...)` (undefined) ends the handler.
  const reply = (status: number, value: unknown): undefined => {
    const text = JSON.stringify(value);
    res.writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': String(Buffer.byteLength(text)),
    });
    res.end(text);
    return undefined;
  };
  const fail = (status: number, message: string) => reply(status, { error: message });
  if (!carriesKey(req, key)) return fail(401, `send the emulator's control key in the ${CONTROL_KEY_HEADER} header`);
  let input: unknown;
  if (body.length > 0) {
    try {
      input = JSON.parse(body.toString('utf8'));
    } catch {
      return fail(400, 'the body is not valid JSON');
    }
  }
  const field = (name: string): unknown =>
    typeof input === 'object' && input !== null ? (input as Record<string, unknown>)[name] : undefined;

  switch (route) {
    case 'GET /__emulator/sms':
      return reply(200, { messages: emulator.sms.messages });
    case 'DELETE /__emulator/sms':
      emulator.sms.clear();
      return reply(200, { messages: [] });
    case 'GET /__emulator/requests':
      return reply(200, { requests: emulator.requests });
    case 'DELETE /__emulator/requests':
      emulator.clearRequests();
      return reply(200, { requests: [] });
    case 'GET /__emulator/clock':
      return reply(200, { now: emulator.clock.now() });
    case 'POST /__emulator/clock': {
      const advance = field('advanceMs');
      const set = field('setMs');
      try {
        if (typeof advance === 'number' && Number.isFinite(advance) && advance >= 0) {
          return reply(200, { now: emulator.clock.advance(advance) });
        }
        if (typeof set === 'number' && Number.isFinite(set)) return reply(200, { now: emulator.clock.set(set) });
      } catch (error) {
        if (error instanceof RangeError) return fail(400, error.message);
        throw error;
      }
      return fail(400, 'give {"advanceMs": <non-negative number>} or {"setMs": <ms since the epoch>}');
    }
    case 'GET /__emulator/faults':
      return reply(200, { rules: emulator.faults.list() });
    case 'POST /__emulator/faults':
      try {
        emulator.faults.add(input as never);
        return reply(200, { rules: emulator.faults.list() });
      } catch (error) {
        if (error instanceof InvalidFaultError) return fail(400, error.message);
        throw error;
      }
    case 'DELETE /__emulator/faults':
      emulator.faults.clear();
      return reply(200, { rules: [] });
    case 'POST /__emulator/reset':
      emulator.reset();
      return reply(200, { reset: true });
    case 'POST /__emulator/revoke': {
      const userName = field('userName');
      if (userName !== undefined && typeof userName !== 'string') return fail(400, 'userName must be a string');
      try {
        emulator.revokeTokens(userName);
      } catch (error) {
        return fail(404, error instanceof Error ? error.message : String(error));
      }
      return reply(200, { revoked: userName ?? 'all' });
    }
    case 'GET /__emulator/users':
      return reply(200, { users: emulator.users.list() });
    case 'GET /__emulator/totp': {
      const user = url.searchParams.get('user');
      const at = url.searchParams.get('at');
      if (!user) return fail(400, 'give ?user=<email or user name>');
      if (
        at !== null &&
        !(Number.isFinite(Number(at)) && Number(at) >= CLOCK_RANGE.min && Number(at) <= CLOCK_RANGE.max)
      ) {
        return fail(400, 'at must be a time in ms since the epoch, from 1970 to 9999');
      }
      try {
        return reply(200, { code: emulator.totp(user, at === null ? undefined : Number(at)) });
      } catch (error) {
        return fail(404, error instanceof Error ? error.message : String(error));
      }
    }
    case 'POST /__emulator/confirm-key': {
      const type = field('type');
      const email = field('email');
      if (typeof type !== 'string' || !(CONFIRM_TYPES as readonly string[]).includes(type)) {
        return fail(400, `type must be one of ${CONFIRM_TYPES.join(', ')}`);
      }
      if (typeof email !== 'string' || email === '') return fail(400, 'email must be a non-empty string');
      return reply(200, { key: emulator.confirmKey(type as ConfirmType, email) });
    }
    case 'GET /__emulator/portal':
      return reply(200, emulator.portal.get());
    case 'POST /__emulator/portal':
      try {
        return reply(200, emulator.portal.set(input as never));
      } catch (error) {
        if (error instanceof InvalidPortalStateError) return fail(400, error.message);
        throw error;
      }
    default:
      return fail(404, `no control endpoint ${route}`);
  }
}
