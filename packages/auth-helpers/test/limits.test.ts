// The limits option and the answer limits, on their own (the hostile-portal table runs them over the wire).
import { describe, expect, it } from 'vitest';
import { isDocSpaceAuthError } from '@docspace/auth-client/errors';
import { checkToken, defaultLimits, resolveLimits } from '../src/limits.js';
import { tokenProblem } from '../src/token-form.js';
import { limitedResponse } from '../src/utils/limited-response.js';
import { DocSpaceAuthError } from '@docspace/auth-client/errors';

const aborted = () => new DocSpaceAuthError('timeout', 'too slow');

describe('resolveLimits', () => {
  it('takes each value given, defaults for the rest, and refuses a value that is not a positive number', () => {
    expect(resolveLimits(undefined)).toEqual(defaultLimits);
    expect(resolveLimits({ maxResponseBytes: 10 })).toEqual({ ...defaultLimits, maxResponseBytes: 10 });
    for (const bad of [0, -1, Number.NaN, '5' as unknown as number]) {
      expect(() => resolveLimits({ maxTokenLength: bad })).toThrow(expect.objectContaining({ code: 'invalid_input' }));
    }
  });
});

describe('tokens', () => {
  it.each([
    ['ok+/=token', undefined],
    ['', 'not a non-empty string'],
    ['a b', 'characters'],
    ['a;b', 'characters'],
    ['é', 'characters'],
  ])('%j: %s', (token, problem) => {
    const found = tokenProblem(token);
    if (problem === undefined) expect(found).toBeUndefined();
    else expect(found).toContain(problem);
  });

  it('checkToken throws protocol without the token in the message', () => {
    try {
      checkToken('secret\r\nvalue', 100, 200);
      expect.unreachable();
    } catch (error) {
      expect(isDocSpaceAuthError(error, 'protocol')).toBe(true);
      expect(String(error)).not.toContain('secret');
    }
    expect(() => checkToken('x'.repeat(11), 10, 200)).toThrow(/longer than 10/);
  });
});

describe('limitedResponse', () => {
  const limits = { ...defaultLimits, maxResponseBytes: 8, maxHeaderBytes: 100 };

  it('refuses headers past maxHeaderBytes at once', () => {
    const response = new Response('{}', { headers: { 'X-Big': 'x'.repeat(200) } });
    expect(() => limitedResponse(response, limits, new AbortController().signal, aborted)).toThrow(/maxHeaderBytes/);
  });

  it('refuses a declared length past maxResponseBytes at once', () => {
    const response = new Response('0123456789', { headers: { 'Content-Length': '10' } });
    expect(() => limitedResponse(response, limits, new AbortController().signal, aborted)).toThrow(/maxResponseBytes/);
  });

  it('errors the body once it streams past the limit, and passes a body within it', async () => {
    await expect(
      limitedResponse(new Response('0123456789'), limits, new AbortController().signal, aborted).text(),
    ).rejects.toThrow(/maxResponseBytes/);
    expect(await limitedResponse(new Response('01234567'), limits, new AbortController().signal, aborted).text()).toBe(
      '01234567',
    );
  });

  it('a body read whose call is already aborted ends with the abort error; a null body passes', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(limitedResponse(new Response('{}'), limits, controller.signal, aborted).text()).rejects.toMatchObject({
      code: 'timeout',
    });
    expect(limitedResponse(new Response(null, { status: 204 }), limits, controller.signal, aborted).status).toBe(204);
  });

  it('a connection that breaks mid-body is network; cancelling the body cancels the source', async () => {
    let cancelled = false;
    const broken = new ReadableStream({
      pull(controller) {
        controller.error(new TypeError('terminated'));
      },
    });
    await expect(
      limitedResponse(new Response(broken), limits, new AbortController().signal, aborted).text(),
    ).rejects.toMatchObject({ code: 'network' });
    const source = new ReadableStream({
      cancel() {
        cancelled = true;
      },
    });
    await limitedResponse(new Response(source), limits, new AbortController().signal, aborted).body?.cancel();
    expect(cancelled).toBe(true);
  });
});
