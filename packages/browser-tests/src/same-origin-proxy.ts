// A same-origin dev proxy, as a browser app is served in development: one origin answers the app's own files and
// forwards the portal's API paths to the portal (here: an emulator). A real node:http server on loopback.
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A file the proxy serves itself. */
export interface ServedFile {
  contentType: string;
  body: string | Uint8Array;
}

/** One request the proxy forwarded, as the browser sent it. */
export interface ProxiedRequest {
  method: string;
  /** Path and query. */
  path: string;
  /** The names (never the values) of the cookies the browser sent with it. */
  cookieNames: string[];
  /** The answer's status, or 0 when the upstream connection failed or was dropped. */
  status: number;
}

/** Options of {@link startSameOriginProxy}. */
export interface SameOriginProxyOptions {
  /** Origin requests under `proxyPrefixes` go to, e.g. the emulator's `url`. */
  target: string;
  /** Files served at exact paths (`/` included); more can be added later through `files`. */
  files?: Record<string, ServedFile>;
  /** Path prefixes forwarded to `target`. Default `['/api/', '/__emulator/']`. */
  proxyPrefixes?: readonly string[];
  /** Interface to listen on. Default `127.0.0.1`. */
  host?: string;
}

/** A running {@link startSameOriginProxy}. */
export interface SameOriginProxy {
  /** `http://127.0.0.1:<port>`. */
  readonly url: string;
  /** The files it serves, by path; add or replace entries at any time. */
  readonly files: Map<string, ServedFile>;
  /** Every forwarded request, oldest first. */
  readonly requests: ProxiedRequest[];
  /** Stops listening and closes every connection. */
  close(): Promise<void>;
}

const cookieNamesOf = (header: string | undefined): string[] =>
  (header ?? '')
    .split(';')
    .map((pair) => pair.split('=')[0]?.trim() ?? '')
    .filter((name) => name !== '');

/** Starts the proxy on a free port. */
export async function startSameOriginProxy(options: SameOriginProxyOptions): Promise<SameOriginProxy> {
  const target = new URL(options.target);
  const prefixes = options.proxyPrefixes ?? ['/api/', '/__emulator/'];
  const files = new Map(Object.entries(options.files ?? {}));
  const requests: ProxiedRequest[] = [];

  function forward(req: IncomingMessage, res: ServerResponse, path: string): void {
    const record: ProxiedRequest = {
      method: req.method ?? 'GET',
      path,
      cookieNames: cookieNamesOf(req.headers.cookie),
      status: 0,
    };
    requests.push(record);
    const upstream = httpRequest(
      {
        protocol: target.protocol,
        hostname: target.hostname,
        port: target.port,
        method: req.method,
        path,
        headers: req.headers,
      },
      (answer) => {
        record.status = answer.statusCode ?? 0;
        // Raw headers keep every Set-Cookie line as the portal sent it.
        res.writeHead(answer.statusCode ?? 502, answer.statusMessage, answer.rawHeaders);
        answer.pipe(res);
        answer.on('error', () => res.destroy());
        answer.on('aborted', () => res.destroy());
      },
    );
    // A dropped upstream connection is dropped here too: the browser sees the network error the portal caused.
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  }

  const server = createServer((req, res) => {
    const path = req.url ?? '/';
    if (prefixes.some((prefix) => path.startsWith(prefix))) return forward(req, res, path);
    const file = files.get(path.split('?')[0] ?? path);
    if (!file || (req.method !== 'GET' && req.method !== 'HEAD')) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': file.contentType, 'cache-control': 'no-store' }).end(file.body);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { address, port } = server.address() as AddressInfo;
  return {
    url: `http://${address}:${port}`,
    files,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
