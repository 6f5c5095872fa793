/** Small fetch helpers for talking to an emulator in tests. */
import { parseSetCookie } from 'cookie';
import type { Emulator } from '../../src/index.js';

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  /** Parsed JSON body (undefined for an empty body). */
  json: any;
  /** Each `Set-Cookie` header, in order. */
  setCookies: string[];
}

export interface CallOptions {
  /** JSON body (serialised). */
  json?: unknown;
  /** Raw body. */
  body?: string;
  headers?: Record<string, string>;
  /** Cookies to send (values are URL-encoded like a browser jar would keep them). */
  cookies?: Record<string, string>;
}

export async function call(
  emulator: Emulator,
  method: string,
  path: string,
  options: CallOptions = {},
): Promise<Answer> {
  const headers: Record<string, string> = { ...options.headers };
  let body: string | undefined = options.body;
  if (options.json !== undefined) {
    body = JSON.stringify(options.json);
    headers['content-type'] ??= 'application/json';
  }
  if (options.cookies) {
    headers.cookie = Object.entries(options.cookies)
      .map(([name, value]) => `${name}=${encodeURIComponent(value)}`)
      .join('; ');
  }
  const res = await fetch(`${emulator.url}${path}`, { method, headers, ...(body !== undefined ? { body } : {}) });
  const text = await res.text();
  let json: unknown;
  if (text !== '' && (res.headers.get('content-type') ?? '').includes('json')) {
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
  }
  return { status: res.status, headers: res.headers, text, json, setCookies: res.headers.getSetCookie() };
}

/** A call to the `/__emulator/` control plane with the emulator's key (started with `controlPlane: true`). */
export function control(emulator: Emulator, method: string, path: string, options: CallOptions = {}): Promise<Answer> {
  if (emulator.controlKey === undefined) throw new Error('start the emulator with controlPlane: true');
  return call(emulator, method, path, {
    ...options,
    headers: { 'x-emulator-key': emulator.controlKey, ...options.headers },
  });
}

export const AUTH = '/api/2.0/authentication';

/** `POST /api/2.0/authentication` with a JSON body. */
export function signIn(emulator: Emulator, body: unknown, options: Omit<CallOptions, 'json'> = {}): Promise<Answer> {
  return call(emulator, 'POST', AUTH, { ...options, json: body });
}

/** `POST /api/2.0/authentication/{code}` with the code in path and body. */
export function signInWithCode(
  emulator: Emulator,
  body: Record<string, unknown>,
  options: Omit<CallOptions, 'json'> = {},
): Promise<Answer> {
  const code = typeof body.code === 'string' && body.code !== '' ? body.code : '000000';
  return call(emulator, 'POST', `${AUTH}/${encodeURIComponent(code)}`, { ...options, json: body });
}

/** A signed-in token of a user without a second factor. */
export async function tokenOf(
  emulator: Emulator,
  userName = 'alice@example.com',
  password = 'alice-password',
): Promise<string> {
  const answer = await signIn(emulator, { userName, password });
  if (answer.status !== 200 || typeof answer.json?.response?.token !== 'string') {
    throw new Error(`sign-in of ${userName} failed: ${answer.status} ${answer.text}`);
  }
  return answer.json.response.token as string;
}

/** Parsed `Set-Cookie` headers named `name`, in order. */
export function cookiesNamed(answer: Answer, name: string) {
  return answer.setCookies.map((line) => ({ line, ...parseSetCookie(line) })).filter((c) => c.name === name);
}

/** `GET /api/2.0/authentication` → the boolean. */
export async function isSignedIn(emulator: Emulator, options: CallOptions = {}): Promise<boolean> {
  const answer = await call(emulator, 'GET', AUTH, options);
  if (answer.status !== 200) throw new Error(`unexpected ${answer.status}`);
  return answer.json.response as boolean;
}

export function basic(email: string, password: string): string {
  return `Basic ${Buffer.from(`${email}:${password}`).toString('base64')}`;
}

/** The error envelope of an auth failure without a stack trace. */
export function plainError(statusCode: number, message: string) {
  return { error: { message, type: null, stack: null, hresult: 0 }, status: 1, statusCode };
}
