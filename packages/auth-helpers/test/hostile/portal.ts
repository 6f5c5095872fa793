// A hostile portal: a real node:http (or node:https) server on 127.0.0.1 that answers one operation of the SDK with
// one fault, and everything else as a well-behaved portal would. Used by the hostile-portal table (table.ts).
import { once } from 'node:events';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';

export const OPERATIONS = ['sign-in', 'code', 'authorised GET', 'logout'] as const;
export type Operation = (typeof OPERATIONS)[number];

export const FAULTS = [
  'huge body',
  'huge error body',
  'huge declared body',
  'endless body',
  'silence',
  'reset',
  'redirect same origin',
  'redirect other origin',
  'redirect to http',
  'redirect loop',
  '429 Retry-After seconds',
  '429 Retry-After date',
  '429 Retry-After past the timeout',
  '502 HTML',
  '503',
  'malformed JSON',
  'schema-breaking 200',
  'token with CR/LF',
  'token with escape',
  'oversized token',
] as const;
export type Fault = (typeof FAULTS)[number];

/** What each operation sends, as the server recognises it. */
const PATHS: Record<Operation, { method: string; path: RegExp }> = {
  'sign-in': { method: 'POST', path: /^\/api\/2\.0\/authentication$/ },
  code: { method: 'POST', path: /^\/api\/2\.0\/authentication\/\d{6}$/ },
  'authorised GET': { method: 'GET', path: /^\/api\/2\.0\/people\/@self$/ },
  logout: { method: 'POST', path: /^\/api\/2\.0\/authentication\/logout$/ },
};

export const GOOD_TOKEN = 'hostile-portal-good-token';
const envelope = (response: unknown) => JSON.stringify({ response, count: 1, status: 0, statusCode: 200 });
const PROFILE = {
  id: '4c3b2a10-0000-4000-8000-000000000001',
  userName: 'mallory',
  email: 'mallory@example.com',
  displayName: 'Mallory',
  isAdmin: false,
  status: 1,
};

/** The well-behaved answer to an operation. */
function goodAnswer(operation: Operation, res: ServerResponse): void {
  const body =
    operation === 'authorised GET'
      ? envelope(PROFILE)
      : operation === 'logout'
        ? envelope('')
        : envelope({ token: GOOD_TOKEN, expires: '2099-01-01T00:00:00.0000000+00:00', sms: false, tfa: false });
  res.writeHead(200, { 'Content-Type': 'application/json' }).end(body);
}

/** A body that breaks the spec for each operation (valid JSON). */
const SCHEMA_BREAKING: Record<Operation, string> = {
  'sign-in': envelope({ token: 42, tfa: 'yes' }),
  code: envelope({ token: ['x'] }),
  'authorised GET': envelope({ id: 7, userName: null }),
  logout: JSON.stringify({ response: { not: 'a string' }, status: 'fine' }),
};

function tokenAnswer(token: string, res: ServerResponse): void {
  res
    .writeHead(200, { 'Content-Type': 'application/json' })
    .end(envelope({ token, expires: '2099-01-01T00:00:00.0000000+00:00', sms: false, tfa: false }));
}

export interface HostilePortal {
  url: string;
  /** Requests that reached the other origin of `redirect other origin`, with the credentials they carried. */
  elsewhere: { authorization: string | undefined; cookie: string | undefined; body: string }[];
  /** Requests the portal received, `METHOD path`. */
  seen: string[];
  close(): Promise<void>;
}

interface Tls {
  key: string;
  cert: string;
}

async function listen(server: Server, sockets: Set<Socket>): Promise<string> {
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return String((server.address() as AddressInfo).port);
}

async function readBody(req: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of req) text += chunk;
  return text;
}

/** Starts a portal that answers `operation` with `fault`. With `tls`, it is an https portal. */
export async function startHostilePortal(operation: Operation, fault: Fault, tls?: Tls): Promise<HostilePortal> {
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const elsewhere: HostilePortal['elsewhere'] = [];
  const seen: string[] = [];

  // The other origin: `localhost` instead of `127.0.0.1`, on its own port; it knows no token.
  const other = createHttpServer(async (req, res) => {
    const body = await readBody(req);
    elsewhere.push({ authorization: req.headers.authorization, cookie: req.headers.cookie, body });
    res
      .writeHead(401, { 'Content-Type': 'application/json' })
      .end(JSON.stringify({ error: { message: 'who are you?' }, status: 1, statusCode: 401 }));
  });
  const otherPort = await listen(other, sockets);

  const handler = async (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    seen.push(`${req.method} ${path}`);
    await readBody(req);
    if (path.startsWith('/after-redirect/')) return goodAnswer(operation, res);
    if (path === '/loop') return res.writeHead(307, { Location: '/loop' }).end();
    const target = PATHS[operation];
    if (!(req.method === target.method && target.path.test(path))) {
      // Every other step is well-behaved: the code operation's first step asks for an authenticator code.
      if (req.method === 'POST' && PATHS['sign-in'].path.test(path)) {
        return res
          .writeHead(200, { 'Content-Type': 'application/json' })
          .end(envelope({ sms: false, tfa: true, confirmUrl: 'https://portal.example.com/confirm/TfaAuth' }));
      }
      return goodAnswer(operation, res);
    }
    switch (fault) {
      case 'huge body':
      case 'huge error body':
      case 'huge declared body': {
        // Sent until the client stops reading (at most 64 MiB): a client that buffered it all would not notice.
        const declared = fault === 'huge declared body';
        res.writeHead(declared ? 502 : fault === 'huge error body' ? 500 : 200, {
          'Content-Type': 'application/json',
          ...(declared ? { 'Content-Length': String(Math.floor(2.1 * 1024 ** 3)) } : {}),
        });
        const chunk = Buffer.alloc(64 * 1024, 0x20);
        let sent = 0;
        const pump = () => {
          while (sent < 1024 && !res.destroyed) {
            sent++;
            if (!res.write(chunk)) return void res.once('drain', pump);
          }
          res.destroy();
        };
        res.write('{"response":"');
        return pump();
      }
      case 'endless body': {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.write('{"response":');
        const timer = setInterval(() => res.write(' '), 50);
        timers.add(timer);
        res.on('close', () => clearInterval(timer));
        return;
      }
      case 'silence':
        return; // never answers
      case 'reset':
        return req.socket.destroy();
      case 'redirect same origin':
        return res.writeHead(307, { Location: `/after-redirect${path}` }).end();
      case 'redirect other origin':
        return res.writeHead(307, { Location: `http://localhost:${otherPort}${path}` }).end();
      case 'redirect to http':
        return res.writeHead(308, { Location: `http://127.0.0.1:${otherPort}${path}` }).end();
      case 'redirect loop':
        return res.writeHead(307, { Location: '/loop' }).end();
      case '429 Retry-After seconds':
        return res.writeHead(429, { 'Retry-After': '1' }).end();
      case '429 Retry-After date':
        return res.writeHead(429, { 'Retry-After': new Date(Date.now() + 2000).toUTCString() }).end();
      case '429 Retry-After past the timeout':
        return res.writeHead(429, { 'Retry-After': '3600' }).end();
      case '502 HTML':
        return res
          .writeHead(502, { 'Content-Type': 'text/html' })
          .end('<html><body><h1>502 Bad Gateway</h1></body></html>');
      case '503':
        return res.writeHead(503).end();
      case 'malformed JSON':
        return res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"response": {"token": "abc"');
      case 'schema-breaking 200':
        return res.writeHead(200, { 'Content-Type': 'application/json' }).end(SCHEMA_BREAKING[operation]);
      case 'token with CR/LF':
        return tokenAnswer('evil\r\nSet-Cookie: asc_auth_key=planted\u0000', res);
      case 'token with escape':
        return tokenAnswer('evil\u001b]0;owned\u0007\u001b[2J', res);
      case 'oversized token':
        return tokenAnswer('x'.repeat(64 * 1024), res);
    }
  };
  const server = tls ? createHttpsServer(tls, handler) : createHttpServer(handler);
  const port = await listen(server, sockets);
  return {
    url: `${tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    elsewhere,
    seen,
    async close() {
      for (const timer of timers) clearInterval(timer);
      for (const socket of sockets) socket.destroy();
      server.close();
      other.close();
    },
  };
}
