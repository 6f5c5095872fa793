import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { authenticateWithCode } from './auth/code.js';
import { authenticateMe, sendSms } from './auth/login.js';
import { authenticateRequest } from './auth/request-auth.js';
import { readBody, type BodyLimits } from './body.js';
import { RequestContext, type Reply } from './context.js';
import { corsHeaders, preflightHeaders } from './cors.js';
import { ApiError, errorBody, Exceptions, validationProblemBody } from './envelope.js';
import { proxyErrorPage, type FaultInjector } from './faults.js';
import { ModelValidationError } from './model.js';
import { rateLimitHeaders, type RateLimiter } from './rate-limit.js';
import { findRoute, route, type Route } from './router.js';
import { accessRestricted, ipRestricted, tenantStatusFilter } from './portal.js';
import type { LogLine, RequestLog } from './request-log.js';
import { parseRequestTarget } from './request-target.js';
import { authorizePhoneActivation, checkConfirm, saveMobilePhone } from './routes/confirm.js';
import { authorizeSelf, getSelfProfile } from './routes/people.js';
import { isAuthenticated, logout } from './routes/session.js';
import type { EmulatorState } from './state.js';
import type { Fault, ResponseRecord } from './types.js';

type Handler = (ctx: RequestContext) => Reply;

/**
 * An action and its attributes: `authorize` is the authorisation filter of actions that are not anonymous
 * (it answers 401/403, or undefined to go on), `allowSuspended` marks the one action a suspended portal serves.
 */
interface Endpoint {
  run: Handler;
  authorize?: (ctx: RequestContext) => Reply | undefined;
  allowSuspended?: boolean;
}

/** The API surface. Literal routes come before `{code}` so that `logout`, `confirm`, … win. */
const ROUTES: readonly Route<Endpoint>[] = [
  route('GET', '/api/2.0/authentication', 'AuthenticationController.GetIsAuthentificated()', { run: isAuthenticated }),
  route('POST', '/api/2.0/authentication', 'AuthenticationController.AuthenticateMeAsync(AuthRequestsDto inDto)', {
    run: authenticateMe,
  }),
  route('POST', '/api/2.0/authentication/logout', 'AuthenticationController.LogoutAsync()', { run: logout }),
  route(
    'POST',
    '/api/2.0/authentication/confirm',
    'AuthenticationController.CheckConfirmAsync(EmailValidationKeyModel inDto)',
    {
      run: checkConfirm,
      allowSuspended: true,
    },
  ),
  route(
    'POST',
    '/api/2.0/authentication/setphone',
    'AuthenticationController.SaveMobilePhoneAsync(MobileRequestsDto inDto)',
    {
      run: saveMobilePhone,
      authorize: authorizePhoneActivation,
    },
  ),
  route('POST', '/api/2.0/authentication/sendsms', 'AuthenticationController.SendSmsCodeAsync(AuthRequestsDto inDto)', {
    run: sendSms,
  }),
  route(
    'POST',
    '/api/2.0/authentication/:code',
    'AuthenticationController.AuthenticateMeFromBodyWithCodeAsync(AuthWithCodeRequestsDto inDto)',
    {
      run: authenticateWithCode,
    },
  ),
  route('GET', '/api/2.0/people/@self', 'PeopleController.SelfAsync()', {
    run: getSelfProfile,
    authorize: authorizeSelf,
  }),
];

/** What the HTTP layer needs from the emulator. */
export interface ServerDeps {
  state(): EmulatorState;
  faults(): FaultInjector;
  rateLimiter(): RateLimiter | undefined;
  portalUrl(): string;
  log: RequestLog;
  onResponse: ((record: ResponseRecord) => void) | undefined;
  /** The `/__emulator/` control plane; `undefined` when it is off (its paths are then unknown API paths). */
  control: ((req: IncomingMessage, res: ServerResponse, url: URL, body: Buffer) => void) | undefined;
  /** Where the client address comes from (`trustProxy`). */
  clientAddress(req: IncomingMessage): string;
  /** Request body limits. */
  body: BodyLimits;
  /** Aborted when the emulator closes (ends pending delays). */
  signal: AbortSignal;
  /** Origins answered with CORS headers (`cors` option); undefined: none. */
  corsOrigins: ReadonlySet<string> | undefined;
}

const JSON_TYPE = 'application/json; charset=utf-8';

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

export function createEmulatorServer(deps: ServerDeps): Server {
  const server = createServer({ keepAlive: true }, (req, res) => {
    handle(deps, req, res).catch((error: unknown) => {
      if (!res.headersSent && !res.destroyed) {
        res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
        res.end(`emulator error: ${error instanceof Error ? error.message : String(error)}`);
      }
    });
  });
  // Kestrel keeps idle connections for 130 s; so does the emulator (close() ends them at once).
  server.keepAliveTimeout = 130_000;
  return server;
}

async function handle(deps: ServerDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const method = (req.method ?? 'GET').toUpperCase();
  const target = parseRequestTarget(req.url, req.headers.host);
  if ('error' in target) {
    req.resume();
    const text = target.error;
    res.writeHead(400, {
      'content-type': 'text/plain; charset=utf-8',
      'content-length': String(Buffer.byteLength(text)),
    });
    res.end(text);
    return;
  }
  const url = target.url;
  const path = url.pathname;
  const control = deps.control !== undefined && (path === '/__emulator' || path.startsWith('/__emulator/'));
  const arrivedAt = deps.state().clock.now();
  const logEntry = (): LogLine => {
    const line: LogLine = { method, path, url: `${path}${url.search}`, status: 0, timestamp: arrivedAt };
    deps.log.push(line);
    return line;
  };

  // A page on an allowed origin (`cors` option) gets CORS headers on every answer of the API.
  const cors = control ? undefined : corsHeaders(deps.corsOrigins, req);
  const read = await readBody(req, res, deps.body);
  if (read.outcome === 'gone') return;
  if (read.outcome !== 'ok') {
    const status = read.outcome === 'too-large' ? 413 : 408;
    const headers = { ...cors, connection: 'close', 'content-length': '0' };
    if (!control) logEntry().status = status;
    // The HTTP layer's refusal, before any route: in the log, not reported as an answer of the API.
    if (!res.destroyed) res.writeHead(status, headers).end();
    return;
  }
  const body = read.body;

  if (control) {
    deps.control?.(req, res, url, body);
    return;
  }

  // Preflights are answered here, outside the API and its log.
  const preflight = cors && preflightHeaders(cors, req);
  if (preflight) {
    res.writeHead(204, preflight).end();
    return;
  }

  const entry = logEntry();

  const send = (status: number, headers: Record<string, string | string[]>, text: string, fault?: Fault) => {
    entry.status = status;
    if (res.destroyed) return;
    const payload = Buffer.from(text, 'utf8');
    const all: Record<string, string | string[]> = { ...headers, ...cors, 'content-length': String(payload.length) };
    res.writeHead(status, all);
    res.end(payload);
    deps.onResponse?.({ method, path, status, headers: all, body: text, ...(fault ? { fault } : {}) });
  };

  const fault = deps.faults().next(method, path);
  if (fault) entry.fault = fault;
  if (fault?.kind === 'delay') await sleep(fault.ms, deps.signal);
  if (deps.signal.aborted || res.destroyed) return;
  if (fault?.kind === 'drop') {
    req.socket.destroy();
    deps.onResponse?.({ method, path, status: 0, headers: {}, body: '', fault });
    return;
  }
  if (fault?.kind === 'proxy-error') {
    const status = fault.status ?? 502;
    send(status, { 'content-type': 'text/html', server: 'nginx' }, proxyErrorPage(status), fault);
    return;
  }
  if (fault?.kind === 'rate-limit') {
    const seconds = fault.retryAfterSeconds ?? 1;
    const retryAfter =
      fault.retryAfterFormat === 'http-date' ? new Date(Date.now() + seconds * 1000).toUTCString() : String(seconds);
    const headers = rateLimitHeaders({
      allowed: false,
      limit: fault.limit ?? 1500,
      remaining: 0,
      resetSeconds: seconds,
    });
    send(429, { 'retry-after': retryAfter, ...headers }, '', fault);
    return;
  }

  const limiter = deps.rateLimiter();
  let limitHeaders: Record<string, string> = {};
  if (limiter) {
    const verdict = limiter.take(deps.clientAddress(req));
    limitHeaders = rateLimitHeaders(verdict);
    if (!verdict.allowed) {
      send(429, { 'retry-after': String(verdict.resetSeconds), ...limitHeaders }, '');
      return;
    }
  }

  const found = findRoute(ROUTES, method, path);
  if (!('route' in found)) {
    send(found.status, found.status === 405 ? { allow: found.allow.join(', '), ...limitHeaders } : limitHeaders, '');
    return;
  }

  const ctx = new RequestContext(
    req,
    url,
    body,
    deps.state(),
    deps.portalUrl(),
    found.route.name,
    deps.clientAddress(req),
  );
  const reply = runPipeline(ctx, found.route.handler, path);
  const headers: Record<string, string | string[]> = { ...limitHeaders, ...(reply.headers ?? {}) };
  let text = reply.body ?? '';
  if (text !== '') headers['content-type'] = reply.contentType ?? JSON_TYPE;
  if (ctx.setCookies.length > 0) headers['set-cookie'] = [...ctx.setCookies];
  if (fault?.kind === 'malformed-json') {
    text = text.slice(0, Math.max(1, Math.floor(text.length / 2))) || '{';
    headers['content-type'] = JSON_TYPE;
    send(200, headers, text, fault);
    return;
  }
  send(reply.status, headers, text, fault);
}

/**
 * The server's order: authentication, the authorisation filter, the tenant-status filter, the IP-security
 * filter, then the action. (Without a portal there is nobody to authenticate against.)
 */
function runPipeline(ctx: RequestContext, endpoint: Endpoint, path: string): Reply {
  const portal = ctx.state.portal;
  const noPortal = portal.status === 'unknown';
  if (!noPortal) ctx.identity = authenticateRequest(ctx);
  const refused =
    (endpoint.authorize && noPortal ? { status: 401 } : endpoint.authorize?.(ctx)) ??
    tenantStatusFilter(portal.status, path, endpoint.allowSuspended ?? false) ??
    (ctx.identity.user && ipRestricted(portal.ipRestriction, ctx.identity.user)
      ? accessRestricted(ctx.header('accept'))
      : undefined);
  if (refused) return refused;
  try {
    return endpoint.run(ctx);
  } catch (error) {
    return failure(ctx, error);
  }
}

function failure(ctx: RequestContext, error: unknown): Reply {
  if (error instanceof ModelValidationError) {
    return { status: 400, body: validationProblemBody(error.errors, ctx.link) };
  }
  const apiError =
    error instanceof ApiError
      ? error
      : new ApiError(500, error instanceof Error ? error.message : String(error), Exceptions.generic);
  return { status: apiError.statusCode, body: errorBody(apiError, ctx.handler) };
}
