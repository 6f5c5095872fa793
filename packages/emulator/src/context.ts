import type { IncomingMessage } from 'node:http';
import { parseCookie } from 'cookie';
import { successBody, type EnvelopeLink } from './envelope.js';
import type { EmulatorState } from './state.js';
import type { UserRecord } from './user-record.js';

/** Who a request is signed in as (the portal's authentication middleware). */
export interface RequestIdentity {
  /** The signed-in user, if any. */
  user: UserRecord | undefined;
  /** Which credential signed the request in (`confirm`: the `confirm` header of `setphone`). */
  via: 'cookie' | 'header-token' | 'basic' | 'api-key' | 'confirm' | undefined;
  /** Whether the Basic scheme ran (its challenge then carries `WWW-Authenticate: Basic`). */
  basicTried: boolean;
}

/** What a handler answers. */
export interface Reply {
  status: number;
  /** Serialised body; empty when omitted. */
  body?: string;
  contentType?: string;
  headers?: Record<string, string>;
}

/** One API request as the handlers see it. */
export class RequestContext {
  readonly cookies: Record<string, string | undefined>;
  /** `Set-Cookie` values, in order. */
  readonly setCookies: string[] = [];
  readonly ip: string;
  readonly link: EnvelopeLink;
  /** Who the request is signed in as; set by the server before the handler runs. */
  identity: RequestIdentity = { user: undefined, via: undefined, basicTried: false };

  constructor(
    readonly req: IncomingMessage,
    readonly url: URL,
    readonly body: Buffer,
    readonly state: EmulatorState,
    /** Base URL of the portal, for `confirmUrl`. */
    readonly portalUrl: string,
    /** Name of the handler (for emulated stack traces). */
    readonly handler: string,
    /** The client address (see `client-address.ts`). */
    ip: string,
  ) {
    this.cookies = req.headers.cookie ? parseCookie(req.headers.cookie) : {};
    this.ip = ip;
    this.link = { href: url.href, action: (req.method ?? 'GET').toUpperCase() };
  }

  /** A header value (first one when repeated). */
  header(name: string): string | undefined {
    const value = this.req.headers[name.toLowerCase()];
    return Array.isArray(value) ? value[0] : value;
  }

  /**
   * Sets a cookie the way the portal does: URL-encoded value, `path=/`, `HttpOnly`, `SameSite=Strict`,
   * and an `expires` date unless it is a browser-session cookie (`expiresAt` undefined).
   */
  setCookie(name: string, value: string, expiresAt?: number): void {
    const expires = expiresAt === undefined ? '' : `; expires=${new Date(expiresAt).toUTCString()}`;
    this.setCookies.push(`${name}=${encodeURIComponent(value)}${expires}; path=/; HttpOnly; SameSite=Strict`);
  }

  /** Deletes a cookie (empty value, expiry in the past), once per response. */
  deleteCookie(name: string): void {
    const line = `${name}=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/`;
    if (!this.setCookies.includes(line)) this.setCookies.push(line);
  }
}

/** A 200 with `response` in the success envelope. */
export function ok(ctx: RequestContext, response: unknown): Reply {
  return { status: 200, body: successBody(response, ctx.link) };
}
