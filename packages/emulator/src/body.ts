/**
 * Reading a request body within limits, as a stream: a body longer than `maxBytes` (by its `Content-Length`, or
 * as it arrives) is refused at once (413) without reading the rest, and a body that has not arrived within
 * `timeoutMs` is refused (408), so an endless or dripping upload cannot hold the emulator.
 *
 * @module
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** The request body limits (see `EmulatorOptions.limits`). */
export interface BodyLimits {
  /** Largest body in bytes. */
  maxBytes: number;
  /** Time allowed for the whole body to arrive, in ms. */
  timeoutMs: number;
}

/** What reading a body came to; `gone`: the client closed the connection first. */
export type BodyRead =
  | { outcome: 'ok'; body: Buffer }
  | { outcome: 'too-large' }
  | { outcome: 'timeout' }
  | { outcome: 'gone' };

/** How long the rest of a refused body is drained before the connection is cut (so the client can read the answer). */
const LINGER_MS = 1_000;

/**
 * After a refusal: stop buffering, let what is in flight drain for a moment so the client can read the answer,
 * then cut the connection. Not every byte of an endless body is read: the socket is destroyed after
 * {@link LINGER_MS} at most.
 */
function cutOff(req: IncomingMessage, res: ServerResponse): void {
  req.removeAllListeners('data');
  req.resume();
  const socket = req.socket;
  const destroy = () => socket.destroy();
  const timer = setTimeout(destroy, LINGER_MS);
  timer.unref();
  socket.once('close', () => clearTimeout(timer));
  res.once('finish', () => socket.end());
}

/** Reads the body of `req` within `limits`; on a refusal the connection is set to be cut after the answer. */
export function readBody(req: IncomingMessage, res: ServerResponse, limits: BodyLimits): Promise<BodyRead> {
  const declared = req.headers['content-length'];
  if (declared !== undefined && Number(declared) > limits.maxBytes) {
    cutOff(req, res);
    return Promise.resolve({ outcome: 'too-large' });
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const finish = (result: BodyRead) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.off('end', onEnd);
      if (result.outcome === 'too-large' || result.outcome === 'timeout') cutOff(req, res);
      resolve(result);
    };
    const onEnd = () => finish({ outcome: 'ok', body: Buffer.concat(chunks, size) });
    const timer = setTimeout(() => finish({ outcome: 'timeout' }), limits.timeoutMs);
    req.on('data', (chunk: Buffer) => {
      if (settled) return;
      size += chunk.length;
      if (size > limits.maxBytes) finish({ outcome: 'too-large' });
      else chunks.push(chunk);
    });
    req.on('end', onEnd);
    req.on('error', () => finish({ outcome: 'gone' }));
    req.on('close', () => {
      if (!req.complete) finish({ outcome: 'gone' });
    });
  });
}
