// What the transport sends for `fetch(input, init)`: the same URL, method, headers, body and options, in a form
// every attempt can send again, whatever the input was.
import { describe, expect, it } from 'vitest';
import { outgoingRequest } from '../../src/utils/outgoing-request.js';

const url = 'https://portal.example/api/2.0/people/@self';

describe('outgoing request', () => {
  it('from a URL and init: reuses a Headers object, upper-cases standard methods, keeps other options', async () => {
    const headers = new Headers({ 'x-a': '1' });
    const signal = new AbortController().signal;
    const request = await outgoingRequest(url, {
      method: 'post',
      headers,
      body: '{"a":1}',
      signal,
      credentials: 'include',
    });
    expect(request).toMatchObject({
      url,
      method: 'POST',
      body: '{"a":1}',
      signal,
      options: { credentials: 'include' },
    });
    expect(request.headers).toBe(headers);
    expect((await outgoingRequest(new URL(url), { method: 'patch' })).method).toBe('patch');
    expect(await outgoingRequest(url, undefined)).toMatchObject({ method: 'GET', body: undefined, signal: undefined });
  });

  it('reads a stream body once into bytes, so that a retry can send it again', async () => {
    const stream = new Response('{"a":1}').body as ReadableStream<Uint8Array>;
    const { body } = await outgoingRequest(url, { method: 'POST', body: stream, duplex: 'half' } as RequestInit);
    expect(body).toBeInstanceOf(ArrayBuffer);
    expect(new TextDecoder().decode(body as ArrayBuffer)).toBe('{"a":1}');
  });

  it('from a Request: its URL, method, headers, body bytes, signal and options; init still wins', async () => {
    const controller = new AbortController();
    const input = new Request(url, {
      method: 'PUT',
      headers: { authorization: 'Bearer t' },
      body: 'x',
      signal: controller.signal,
      credentials: 'omit',
    });
    const request = await outgoingRequest(input, { headers: { 'x-b': '2' } });
    expect(request).toMatchObject({ url, method: 'PUT', options: { credentials: 'omit' } });
    expect(request.headers.get('x-b')).toBe('2');
    expect(new TextDecoder().decode(request.body as ArrayBuffer)).toBe('x');
    controller.abort();
    expect(request.signal?.aborted).toBe(true);
  });
});
