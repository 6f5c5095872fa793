/**
 * The portal's own state and the two server filters that answer for it before any handler runs:
 *
 * - the tenant-status filter: an address that matches no portal, or a suspended or removed portal, is an
 *   empty 404 (only `confirm` still works, and only on a suspended portal); a portal being restored,
 *   transferred or encrypted is an empty 403, except on paths ending in `@self`;
 * - the IP-security filter: a request that carries valid credentials from an address the portal's IP
 *   restrictions do not admit is a 403 with the message "The access to the portal is restricted". Sign-in
 *   itself is anonymous and passes, so it still hands out a token. The owner is always admitted.
 *
 * @module
 */
import * as v from 'valibot';
import type { IpRestriction, PortalState, PortalStatus } from './types.js';
import type { UserRecord } from './user-record.js';
import { isRecord, parseAt, withoutEmpty } from './validation.js';

export const PORTAL_STATUSES = Object.freeze([
  'active',
  'suspended',
  'removed',
  'unknown',
  'restoring',
  'transferring',
  'encrypting',
] as const satisfies readonly PortalStatus[]);
export const IP_RESTRICTIONS = Object.freeze([
  'none',
  'owner-only',
  'admins-and-owner',
] as const satisfies readonly IpRestriction[]);

export const DEFAULT_PORTAL_STATE: PortalState = Object.freeze({ status: 'active', ipRestriction: 'none' });

/** The English text of the server's `ErrorIpSecurity` resource. */
export const ACCESS_RESTRICTED_MESSAGE = 'The access to the portal is restricted';

/** Thrown for a malformed portal state (options, `emulator.portal.set()`, the control call). */
export class InvalidPortalStateError extends TypeError {
  /** Path of the offending field, e.g. `portal.status`. */
  readonly field: string;
  constructor(field: string, problem: string) {
    super(`${field}: ${problem}`);
    this.name = 'InvalidPortalStateError';
    this.field = field;
  }
}

const portalChanges = v.pipe(
  v.custom<Record<string, unknown>>(isRecord, 'must be an object'),
  v.strictObject(
    {
      status: v.optional(v.picklist(PORTAL_STATUSES, `must be one of ${PORTAL_STATUSES.join(', ')}`)),
      ipRestriction: v.optional(v.picklist(IP_RESTRICTIONS, `must be one of ${IP_RESTRICTIONS.join(', ')}`)),
    },
    'is not a portal setting (status, ipRestriction)',
  ),
);

/** Checks untrusted changes to the portal state and returns the state they lead to from `base`. */
export function applyPortalChanges(base: PortalState, input: unknown, name = 'portal'): PortalState {
  if (input === undefined) return { ...base };
  const changes = parseAt(portalChanges, input, name, (field, problem) => new InvalidPortalStateError(field, problem));
  return { ...base, ...withoutEmpty(changes) };
}

/** What a filter answers instead of the handler. */
export interface FilterReply {
  status: number;
  body?: string;
  contentType?: string;
}

/**
 * The tenant-status filter. `path` is the request path; `allowSuspended` marks the one route that works on
 * a suspended portal (`confirm`).
 */
export function tenantStatusFilter(
  status: PortalStatus,
  path: string,
  allowSuspended: boolean,
): FilterReply | undefined {
  switch (status) {
    case 'unknown':
    case 'removed':
      return { status: 404 };
    case 'suspended':
      return allowSuspended ? undefined : { status: 404 };
    case 'restoring':
    case 'transferring':
    case 'encrypting':
      // The server lets a few paths through (by their ending); of the emulated routes only `@self`.
      return /@self(?:\.json)?\/?$/i.test(path) ? undefined : { status: 403 };
    default:
      return undefined;
  }
}

/** Whether the IP restrictions keep `user` out (the caller's address is taken to be outside the allowed ranges). */
export function ipRestricted(restriction: IpRestriction, user: UserRecord): boolean {
  if (restriction === 'none' || user.isOwner) return false;
  return restriction === 'owner-only' || !user.isAdmin;
}

/**
 * The IP-security filter's answer: the message as a plain string, which ASP.NET Core writes as `text/plain`
 * unless the request's `Accept` prefers JSON (and has no wildcard entry: the server ignores such an `Accept`),
 * in which case it is a JSON string.
 */
export function accessRestricted(accept: string | undefined): FilterReply {
  return prefersJson(accept)
    ? { status: 403, body: JSON.stringify(ACCESS_RESTRICTED_MESSAGE), contentType: 'application/json; charset=utf-8' }
    : { status: 403, body: ACCESS_RESTRICTED_MESSAGE, contentType: 'text/plain; charset=utf-8' };
}

/** ASP.NET Core's choice between its string and JSON output formatters for a string result. */
function prefersJson(accept: string | undefined): boolean {
  if (!accept) return false;
  const ranges = accept
    .split(',')
    .map((part, index) => {
      const [type = '', ...params] = part.split(';').map((s) => s.trim().toLowerCase());
      const q = params.find((p) => p.startsWith('q='));
      return { type, q: q ? Number(q.slice(2)) : 1, index };
    })
    .filter((range) => range.type !== '' && !(range.q <= 0));
  // A browser-style Accept (with */*) is ignored: the first formatter that can write a string wins.
  if (ranges.some((range) => range.type === '*/*')) return false;
  ranges.sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { type } of ranges) {
    if (type === 'text/plain' || type === 'text/*') return false;
    if (
      type === 'application/json' ||
      type === 'text/json' ||
      /^application\/[^/]*\+json$/.test(type) ||
      type === 'application/*'
    )
      return true;
  }
  return false;
}
