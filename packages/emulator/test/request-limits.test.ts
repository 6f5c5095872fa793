/** Request bodies are read as a stream within limits: the emulator never reads an oversized or endless body. */
import { connect, type Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import type { Emulator } from '../src/index.js';
import { useEmulator } from './support/emulator.js';
import { AUTH, call } from './support/http.js';

interface Exchange {
  /** What the server answered, as text. */
  answer: string;
  /** Body bytes the client managed to hand to the socket before the server closed it. */
  written: number;
}

/**
 * Opens a raw connection, sends `head`, then keeps writing `chunk` (as fast as the socket takes it, or every
 * `everyMs`) until the server closes the connection. Resolves with what came back.
 */
function upload(emulator: Emulator, head: string, chunk: Buffer | undefined, everyMs?: number): Promise<Exchange> {
  return new Promise((resolve) => {
    const socket: Socket = connect(emulator.port, emulator.host);
    let answer = '';
    let written = 0;
    let open = true;
    socket.setEncoding('latin1');
    socket.on('data', (data: string) => (answer += data));
    socket.on('error', () => {});
    socket.on('close', () => {
      open = false;
      resolve({ answer, written });
    });
    const pump = () => {
      while (open && chunk) {
        written += chunk.length;
        if (!socket.write(chunk)) return void socket.once('drain', pump);
        if (everyMs !== undefined) return void setTimeout(pump, everyMs);
      }
    };
    socket.on('connect', () => {
      socket.write(head);
      pump();
    });
  });
}

const status = (answer: string) => Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0);

describe('request bodies', () => {
  it('a declared Content-Length over the limit is 413 at once, before any of the body is sent', async () => {
    const emulator = await useEmulator();
    const head = `POST ${AUTH} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${50 * 1024 * 1024}\r\n\r\n`;
    // No body at all: a server that waits for the 50 MB never answers (the test then times out).
    const { answer } = await upload(emulator, head, undefined);
    expect(status(answer)).toBe(413);
    expect(emulator.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([`POST ${AUTH} 413`]);
  });

  it('an endless chunked body is cut off soon after the limit: 413, the connection closed, the rest never read', async () => {
    const emulator = await useEmulator();
    const head = `POST ${AUTH} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n`;
    const piece = Buffer.alloc(64 * 1024, 'a');
    const chunk = Buffer.concat([Buffer.from(`${piece.length.toString(16)}\r\n`), piece, Buffer.from('\r\n')]);
    const { answer, written } = await upload(emulator, head, chunk);
    expect(status(answer)).toBe(413);
    // 1 MiB read, plus what socket buffers on both sides held: far from "to the end", which never comes.
    expect(written).toBeLessThan(64 * 1024 * 1024);
  });

  it('a body that trickles in is refused 408 after limits.bodyTimeoutMs', async () => {
    const emulator = await useEmulator({ limits: { bodyTimeoutMs: 300 } });
    const head = `POST ${AUTH} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{`;
    const { answer } = await upload(emulator, head, Buffer.from(' '), 50);
    expect(status(answer)).toBe(408);
    expect(emulator.requests.map((r) => r.status)).toEqual([408]);
  });

  it('limits.bodyBytes sets the limit; a body at the limit is read', async () => {
    const emulator = await useEmulator({ limits: { bodyBytes: 100 } });
    const body = JSON.stringify({ userName: 'alice@example.com', password: 'alice-password' });
    const padded = body.padEnd(100, ' ');
    expect(
      (await call(emulator, 'POST', AUTH, { body: padded, headers: { 'content-type': 'application/json' } })).status,
    ).toBe(200);
    expect(
      (await call(emulator, 'POST', AUTH, { body: `${padded} `, headers: { 'content-type': 'application/json' } }))
        .status,
    ).toBe(413);
  });

  it('refuses nonsense limits', async () => {
    await expect(useEmulator({ limits: { bodyBytes: 0 } })).rejects.toThrow(/limits\.bodyBytes/);
    await expect(useEmulator({ limits: { requestLog: 1.5 } })).rejects.toThrow(/limits\.requestLog/);
    await expect(useEmulator({ limits: { colour: 1 } as never })).rejects.toThrow(/limits\.colour/);
  });
});
