// A real HTTP server on loopback for the client tests: it records every request it receives and answers each
// one with whatever the test queued (or a default). No fetch mock: the client's real fetch goes over TCP.
import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeEach } from 'vitest';
import { type Client, createDocSpaceClient } from '../../src/index.js';

/** One request as the server saw it. */
export interface RecordedRequest {
  method: string;
  /** Path and query exactly as sent on the request line. */
  url: string;
  headers: IncomingHttpHeaders;
  /** The raw body text ('' when there was none). */
  body: string;
}

/** What the server answers. `body` objects are sent as JSON. */
export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** `null` sends the body with no `Content-Type` at all; `chunked` leaves out `Content-Length`. */
  contentType?: null;
  chunked?: boolean;
}

export interface RecordingServer {
  url: string;
  requests: RecordedRequest[];
  /** Answers the next request with `reply` (replies are used in order; then the default). */
  reply(reply: Reply): void;
  close(): Promise<void>;
}

const defaultReply: Reply = { status: 200, body: { response: true, count: 1, status: 0, statusCode: 200 } };

export async function startRecordingServer(): Promise<RecordingServer> {
  const requests: RecordedRequest[] = [];
  const queue: Reply[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      requests.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      const reply = queue.shift() ?? defaultReply;
      const text =
        reply.body === undefined ? '' : typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
      const contentType = typeof reply.body === 'string' ? 'text/plain' : 'application/json; charset=utf-8';
      res.writeHead(reply.status ?? 200, {
        ...(text && reply.contentType !== null ? { 'Content-Type': contentType } : {}),
        ...(reply.chunked ? {} : { 'Content-Length': Buffer.byteLength(text) }),
        ...reply.headers,
      });
      res.end(text);
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    reply: (reply) => void queue.push(reply),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/**
 * A recording server for the tests of one file, and a client of it: started when the file is collected, closed after
 * its tests. `fresh: true` forgets the recorded requests before each test.
 */
export async function recordingPortal(
  options: { fresh?: boolean } = {},
): Promise<{ server: RecordingServer; client: Client }> {
  const server = await startRecordingServer();
  afterAll(() => server.close());
  if (options.fresh) {
    beforeEach(() => {
      server.requests.length = 0;
    });
  }
  return { server, client: createDocSpaceClient({ baseUrl: server.url }) };
}
