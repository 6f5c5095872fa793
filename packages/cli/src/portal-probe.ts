// Is this address a DocSpace portal? Asked before any credential is, so that a typo in the address costs no typing:
// a portal answers `GET /api/2.0/authentication` (no credentials needed) with its JSON envelope,
// `{"response": false, "count": 1, "status": 0, "statusCode": 200}`. What else comes back says what is wrong:
// a page of a portal (the address has a path the portal does not live under), a site that is not DocSpace, or
// no answer at all. Plain fetch, no SDK: it is one anonymous GET.
import { CliError, PORTAL_STATE_HINTS } from './errors.js';

const TIMEOUT_MS = 10_000;

type Answer =
  | { kind: 'docspace' }
  | { kind: 'redirect'; location: string; status: number }
  | { kind: 'other'; status: number; type: string }
  | { kind: 'unreachable'; reason: string };

/** Whether the parsed body is the portal's envelope around a boolean. */
const isEnvelope = (body: unknown) =>
  typeof body === 'object' &&
  body !== null &&
  typeof (body as { response?: unknown }).response === 'boolean' &&
  typeof (body as { statusCode?: unknown }).statusCode === 'number';

async function ask(base: string): Promise<Answer> {
  let response: Response;
  try {
    response = await fetch(`${base}/api/2.0/authentication`, {
      headers: { Accept: 'application/json' },
      redirect: 'manual',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error) {
    return { kind: 'unreachable', reason: describeFailure(error) };
  }
  const type = response.headers.get('content-type') ?? '';
  if (response.status >= 300 && response.status < 400) {
    await response.body?.cancel();
    const location = response.headers.get('location');
    if (location) return { kind: 'redirect', location: new URL(location, `${base}/`).href, status: response.status };
  }
  let body: unknown;
  try {
    if (/json/i.test(type)) body = JSON.parse(await response.text());
    else await response.body?.cancel();
  } catch {
    body = undefined;
  }
  return isEnvelope(body)
    ? { kind: 'docspace' }
    : { kind: 'other', status: response.status, type: type.split(';')[0] || 'no content type' };
}

/** Why fetch failed, from the error codes Node puts on `cause` (never the URL's credentials: it has none). */
function describeFailure(error: unknown): string {
  if ((error as { name?: string })?.name === 'TimeoutError') return `no answer within ${TIMEOUT_MS / 1000} s`;
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  switch (cause?.code) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'no such host (DNS)';
    case 'ECONNREFUSED':
      return 'connection refused (nothing listens on that port)';
    case 'ECONNRESET':
      return 'the connection was reset';
    case 'ETIMEDOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
      return 'the connection timed out';
    case 'EPROTO':
    case 'ERR_SSL_WRONG_VERSION_NUMBER':
      return 'TLS failed (is it an http-only server? then give http://)';
    default:
      if (cause?.code && /CERT|SELF_SIGNED|UNABLE_TO/.test(cause.code))
        return `its certificate is not trusted (${cause.code})`;
      return cause?.code ?? 'no answer';
  }
}

/** Where the portal might live when `portal` has a path: its origin. */
const originOf = (portal: string) => new URL(portal).origin;

/**
 * Checks that `portal` (as keyed: origin plus any path prefix) is a DocSpace portal. Throws a `CliError`:
 * `network` (exit 6), `wrong_portal_path` or `not_docspace` (exit 2), `portal_not_found` (exit 7) or
 * `portal_unavailable` (exit 8), each saying what to try.
 */
export async function probePortal(portal: string): Promise<void> {
  const answer = await ask(portal);
  if (answer.kind === 'docspace') return;
  if (answer.kind === 'unreachable') {
    throw new CliError('network', `${portal} could not be reached: ${answer.reason}`, {
      hint: 'check the address (the one you open DocSpace at in a browser), your connection, VPN or proxy',
    });
  }
  const origin = originOf(portal);
  if (answer.kind === 'redirect') {
    const to = new URL(answer.location);
    const suggestion = `${to.origin}${to.pathname.replace(/\/api\/2\.0\/authentication\/?$/, '')}`.replace(/\/+$/, '');
    if (suggestion !== portal && /\/api\/2\.0\/authentication\/?$/.test(to.pathname)) {
      throw new CliError('wrong_portal_path', `${portal} redirects to ${suggestion}`, {
        hint: `give --portal ${suggestion}`,
      });
    }
  }
  if (origin !== portal && (await ask(origin)).kind === 'docspace') {
    throw new CliError('wrong_portal_path', `${portal} is not the portal's address: the portal is at ${origin}`, {
      hint: `give --portal ${origin} (the address without the page path)`,
    });
  }
  // A bare status code, no body: the portal's own filter (DocSpace answers so when it has no portal to serve).
  if (answer.kind === 'other' && answer.type === 'no content type') {
    if (answer.status === 404) {
      throw new CliError(
        'portal_not_found',
        `no DocSpace portal answers at ${portal}: it is suspended or removed, or the address is wrong`,
        {
          hint: PORTAL_STATE_HINTS.portal_not_found,
        },
      );
    }
    if (answer.status === 403) {
      throw new CliError('portal_unavailable', `the portal at ${portal} is being restored, transferred or encrypted`, {
        hint: PORTAL_STATE_HINTS.portal_unavailable,
      });
    }
  }
  const what =
    answer.kind === 'redirect' ? `a redirect to ${answer.location}` : `HTTP ${answer.status}, ${answer.type}`;
  throw new CliError('not_docspace', `${portal} answered, but not as an ONLYOFFICE DocSpace portal (${what})`, {
    hint: 'check the address: it is the one you open DocSpace at, e.g. https://yourportal.onlyoffice.com',
  });
}
