// An answer read within its limits: every way of reading the body (text, json, arrayBuffer, blob, formData, the body
// stream, a clone) counts the bytes, stops at the limit, and ends with the call's abort. Both builds: the default one
// (the answer object itself, through a prototype) and the browser one (a wrapping stream and Response).
import { DocSpaceAuthError } from '@docspace/auth-client/errors';
import { describe, expect, it } from 'vitest';
import { resolveLimits } from '../../src/limits.js';
import * as browserBuild from '../../src/utils/limited-response.browser.js';
import * as defaultBuild from '../../src/utils/limited-response.js';

const encoder = new TextEncoder();

/** An answer whose body arrives in `parts`, then ends (or hangs when `hang`). */
function answer(parts: string[], init: ResponseInit = {}, hang = false) {
  let index = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      const part = parts[index++];
      if (part !== undefined) controller.enqueue(encoder.encode(part));
      else if (!hang) controller.close();
    },
  });
  return new Response(stream, { status: 200, headers: { 'content-type': 'application/json' }, ...init });
}

const limits = (maxResponseBytes = 1024) => resolveLimits({ maxResponseBytes });
const timeout = () => new DocSpaceAuthError('timeout', 'the call did not finish within 5 ms');
const never = new AbortController().signal;

it('the default build hands back the answer fetch returned, and reads bytes() within the limits too', async () => {
  const original = answer(['{}']);
  expect(defaultBuild.limitedResponse(original, limits(), never, timeout)).toBe(original);
  const bytes = await (
    defaultBuild.limitedResponse(answer(['a', 'b']), limits(), never, timeout) as Response & {
      bytes(): Promise<Uint8Array>;
    }
  ).bytes();
  expect(new TextDecoder().decode(bytes)).toBe('ab');
  const big = defaultBuild.limitedResponse(answer(['x'.repeat(800), 'x'.repeat(800)]), limits(1000), never, timeout);
  await expect((big as Response & { bytes(): Promise<Uint8Array> }).bytes()).rejects.toMatchObject({
    code: 'protocol',
  });
});

describe.each([
  ['default build', defaultBuild],
  ['browser build', browserBuild],
])('limited answers, %s', (_build, { limitedResponse }) => {
  it('is read by every body method, once', async () => {
    const original = answer(['{"a":', '1}']);
    const limited = limitedResponse(original, limits(), never, timeout);
    expect(limited.bodyUsed).toBe(false);
    expect(await limited.json()).toEqual({ a: 1 });
    expect(limited.bodyUsed).toBe(true);
    await expect(limited.text()).rejects.toThrow(TypeError);

    expect(await limitedResponse(answer(['h', 'é']), limits(), never, timeout).text()).toBe('hé');
    const buffer = await limitedResponse(answer(['ab', 'c']), limits(), never, timeout).arrayBuffer();
    expect(new TextDecoder().decode(buffer)).toBe('abc');
    const blob = await limitedResponse(answer(['x']), limits(), never, timeout).blob();
    expect(blob.type).toBe('application/json');
    expect(await blob.text()).toBe('x');
    const form = await limitedResponse(
      answer(['a=1&b=2'], { headers: { 'content-type': 'application/x-www-form-urlencoded' } }),
      limits(),
      never,
      timeout,
    ).formData();
    expect(form.get('b')).toBe('2');
  });

  it('refuses a body past the limit, whichever way it is read', async () => {
    const big = () => answer(['x'.repeat(600), 'x'.repeat(600)]);
    for (const read of [
      (response: Response) => response.text(),
      (response: Response) => response.arrayBuffer(),
      (response: Response) => new Response(response.body).text(),
    ]) {
      const error = await read(limitedResponse(big(), limits(1000), never, timeout)).catch((caught: unknown) => caught);
      expect(error).toMatchObject({ name: 'DocSpaceAuthError', code: 'protocol' });
    }
    // Exactly at the limit is fine.
    expect((await limitedResponse(big(), limits(1200), never, timeout).text()).length).toBe(1200);
  });

  it('a declared length past the limit is refused before any read', () => {
    const declared = answer(['{}'], { headers: { 'content-length': '5000' } });
    expect(() => limitedResponse(declared, limits(1000), never, timeout)).toThrow(DocSpaceAuthError);
  });

  it('ends a read that hangs when the call is aborted, with the reason of the call', async () => {
    const controller = new AbortController();
    const reading = limitedResponse(answer(['{"a":'], {}, true), limits(), controller.signal, timeout).text();
    setTimeout(() => controller.abort(), 10);
    await expect(reading).rejects.toMatchObject({ code: 'timeout' });
  });

  it('a connection that breaks mid-body is a network error', async () => {
    const broken = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(encoder.encode('{"a"'));
        controller.error(new TypeError('terminated'));
      },
    });
    const reading = limitedResponse(new Response(broken), limits(), never, timeout).text();
    await expect(reading).rejects.toMatchObject({ code: 'network' });
  });

  it('a clone and the original are each read within the limits', async () => {
    const limited = limitedResponse(answer(['x'.repeat(700), 'x'.repeat(700)]), limits(1000), never, timeout);
    const copy = limited.clone();
    expect(copy).not.toBe(limited);
    await expect(copy.text()).rejects.toMatchObject({ code: 'protocol' });
    await expect(limited.text()).rejects.toMatchObject({ code: 'protocol' });
    const small = limitedResponse(answer(['ok']), limits(), never, timeout);
    const [a, b] = [small.clone(), small];
    expect([await a.text(), await b.text()]).toEqual(['ok', 'ok']);
  });

  it('an answer without a body is handed back as it is', async () => {
    const empty = new Response(null, { status: 204 });
    expect(limitedResponse(empty, limits(), never, timeout)).toBe(empty);
  });

  it('headers past their limit are refused before any read', () => {
    const crowded = answer(['{}'], { headers: { 'x-filler': 'x'.repeat(3000) } });
    expect(() => limitedResponse(crowded, resolveLimits({ maxHeaderBytes: 1024 }), never, timeout)).toThrow(
      expect.objectContaining({ code: 'protocol' }),
    );
  });

  it('the body stream can be read, then nothing else reads it; cancelling it cancels the answer', async () => {
    const streamed = limitedResponse(answer(['{"a":', '1}']), limits(), never, timeout);
    expect(await new Response(streamed.body).text()).toBe('{"a":1}');
    let cancelled: unknown;
    const source = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(encoder.encode('x'));
      },
      cancel(reason) {
        cancelled = reason;
      },
    });
    const endless = limitedResponse(new Response(source), limits(), never, timeout);
    const reader = endless.body?.getReader();
    await reader?.read();
    await reader?.cancel('enough');
    expect(cancelled).toBe('enough');
  });

  it('reading the body stream stops at the limit too', async () => {
    const reader = limitedResponse(
      answer(['x'.repeat(800), 'x'.repeat(800)]),
      limits(1000),
      never,
      timeout,
    ).body?.getReader();
    const reads = async () => {
      for (;;) if ((await reader?.read())?.done !== false) return;
    };
    await expect(reads()).rejects.toMatchObject({ code: 'protocol' });
  });
});
