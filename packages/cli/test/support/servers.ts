// Real servers on 127.0.0.1 that stand between the command and the emulator, or in place of a portal: an https
// front (a certificate made with openssl for this run, trusted by the child through NODE_EXTRA_CA_CERTS), a TCP
// relay that can go down and come back on the same port (a portal that is briefly unreachable), and a web site
// that is not DocSpace.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, request, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createConnection, createServer as createTcpServer, type Server as TcpServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const listen = (server: Server | TcpServer, port = 0) =>
  new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : 0);
    });
  });

const closeServer = (server: Server | TcpServer) => new Promise<void>((resolve) => server.close(() => resolve()));

/** Forwards each request to `target` (an http URL) and the answer back. */
function forwardTo(target: string) {
  const to = new URL(target);
  return (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => {
    const upstream = request(
      {
        host: to.hostname,
        port: to.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: to.host },
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  };
}

export interface HttpsFront {
  /** `localhost:<port>`: a bare host, as people type it. */
  host: string;
  /** The CA file the command must trust (NODE_EXTRA_CA_CERTS). */
  caFile: string;
  close(): Promise<void>;
}

/** An https server for `localhost` in front of `target`, with a certificate made for this run. */
export async function httpsFront(target: string): Promise<HttpsFront> {
  const dir = mkdtempSync(join(tmpdir(), 'docspace-auth-tls-'));
  const key = join(dir, 'key.pem');
  const cert = join(dir, 'cert.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      key,
      '-out',
      cert,
      '-days',
      '1',
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=DNS:localhost,IP:127.0.0.1',
    ],
    { stdio: 'ignore' },
  );
  const server = createHttpsServer({ key: readFileSync(key), cert: readFileSync(cert) }, forwardTo(target));
  const port = await listen(server);
  return {
    host: `localhost:${port}`,
    caFile: cert,
    async close() {
      await closeServer(server);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface Relay {
  /** `http://127.0.0.1:<port>`: the portal as the command knows it. */
  url: string;
  /** Stops listening and cuts every connection: the portal is unreachable. */
  down(): Promise<void>;
  /** Listens again on the same port. */
  up(): Promise<void>;
  close(): Promise<void>;
}

/** A TCP relay to `target` on a port of its own, which can be taken down and brought back. */
export async function relay(target: string): Promise<Relay> {
  const to = new URL(target);
  const sockets = new Set<Socket>();
  const make = () =>
    createTcpServer((client) => {
      const upstream = createConnection({ host: to.hostname, port: Number(to.port) });
      for (const s of [client, upstream]) {
        sockets.add(s);
        s.on('close', () => sockets.delete(s));
        s.on('error', () => s.destroy());
      }
      client.pipe(upstream).pipe(client);
    });
  let server: TcpServer | undefined = make();
  const port = await listen(server);
  const down = async () => {
    if (!server) return;
    const closing = closeServer(server);
    for (const s of sockets) s.destroy();
    await closing;
    server = undefined;
  };
  return {
    url: `http://127.0.0.1:${port}`,
    down,
    async up() {
      if (server) return;
      server = make();
      await listen(server, port);
    },
    close: down,
  };
}

/** A web site that is not DocSpace: HTML for every path. */
export async function notDocSpace(): Promise<{ url: string; close(): Promise<void> }> {
  const server = createHttpServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end('<!doctype html><title>Welcome to nginx!</title>');
  });
  const port = await listen(server);
  return { url: `http://127.0.0.1:${port}`, close: () => closeServer(server) };
}
