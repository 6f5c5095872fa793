import { randomBytes } from 'node:crypto';
import { MAX_EXPIRY_MS } from './auth/tokens.js';

/** The .NET zero `DateTime`, serialised for unset `expires` (2FA pending, `session: true`). */
export const ZERO_DATE = '0001-01-01T00:00:00';

/**
 * A UTC instant the way the server serialises a UTC `DateTime`: `yyyy-MM-ddTHH:mm:ss[.fraction]Z`
 * with trailing zeros of the fraction trimmed (and no fraction at all when it is zero).
 */
export function formatUtc(ms: number): string {
  if (ms >= MAX_EXPIRY_MS) return '9999-12-31T23:59:59.9999999Z';
  const iso = new Date(ms).toISOString();
  const [main, fraction = ''] = iso.slice(0, -1).split('.');
  const trimmed = fraction.replace(/0+$/, '');
  return `${main}${trimmed ? `.${trimmed}` : ''}Z`;
}

/** A link of the success envelope: the request URL and method. */
export interface EnvelopeLink {
  href: string;
  action: string;
}

/**
 * The success envelope: `{response, count, links, status: 0, statusCode}` in that key order, `response`
 * omitted when null/undefined. `count` is the array length for arrays, 0 without a response, else 1.
 */
export function successBody(response: unknown, link: EnvelopeLink, statusCode = 200): string {
  const body: Record<string, unknown> = {};
  if (response !== null && response !== undefined) body.response = response;
  body.count = Array.isArray(response) ? response.length : response === null || response === undefined ? 0 : 1;
  body.links = [{ href: link.href, action: link.action }];
  body.status = 0;
  body.statusCode = statusCode;
  return JSON.stringify(body);
}

/**
 * The model-validation failure: ASP.NET's `ValidationProblemDetails`, wrapped by the success envelope
 * with `status: 1` and `statusCode: 400`.
 */
export function validationProblemBody(errors: Record<string, string[]>, link: EnvelopeLink): string {
  const problem = {
    type: 'https://tools.ietf.org/html/rfc9110#section-15.5.1',
    title: 'One or more validation errors occurred.',
    status: 400,
    errors,
    traceId: `00-${randomBytes(16).toString('hex')}-${randomBytes(8).toString('hex')}-00`,
  };
  return JSON.stringify({
    response: problem,
    count: 1,
    links: [{ href: link.href, action: link.action }],
    status: 1,
    statusCode: 400,
  });
}

/** A failure the server answers with its error envelope. */
export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
    /**
     * The exception the server would have thrown, when its answer carries a stack trace
     * (`type`, `stack` and `hresult` are then set); `undefined` for answers without one.
     */
    readonly exception?: { type: string; hresult: number },
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Exceptions the server maps to answers with a stack trace (type names and HResults as .NET has them). */
export const Exceptions = Object.freeze({
  itemNotFound: { type: 'ASC.Common.Web.ItemNotFoundException', hresult: -2146233088 },
  invalidOperation: { type: 'System.InvalidOperationException', hresult: -2146233079 },
  argumentNull: { type: 'System.ArgumentNullException', hresult: -2147467261 },
  argument: { type: 'System.ArgumentException', hresult: -2147024809 },
  methodAccess: { type: 'System.MethodAccessException', hresult: -2146233072 },
  generic: { type: 'System.Exception', hresult: -2146233088 },
});

/** Messages the server sends (its English resources). */
export const Messages = Object.freeze({
  authenticationFailed: 'User authentication failed',
  tooManyAttempts: 'Too many login attempts. Please try again later',
  userNotFound: 'The user could not be found',
  userDisabled: 'User disabled',
  invalidRecaptcha: 'Invalid Recaptcha',
  incorrectCode: 'Incorrect code',
  tooManyMessages: 'You have sent too many text messages. Please try again later.',
  smsTimeout: 'Time to use the code has expired. Please request a new text message.',
  emptyCode: 'Validation code field cannot be empty',
});

/**
 * The error envelope `{error: {message, type, stack, hresult}, status: 1, statusCode}`. Nulls are
 * written here (the server writes errors with the non-omitting serialiser defaults).
 */
export function errorBody(error: ApiError, handler: string): string {
  const exception = error.exception;
  return JSON.stringify({
    error: {
      message: error.message,
      type: exception ? exception.type : null,
      stack: exception ? `   at ${handler}\n   at DocSpace emulator (emulated stack trace)` : null,
      hresult: exception ? exception.hresult : 0,
    },
    status: 1,
    statusCode: error.statusCode,
  });
}
