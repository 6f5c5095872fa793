// What both builds of the answer limits check the same way (limited-response.ts and its browser twin): the headers
// and the declared length before any read, and the error of a body past its limit.
import { DocSpaceAuthError } from '@docspace/auth-client/errors';
import type { Limits } from '../limits.js';

/** A body cancelled on the way out may reject (the connection is gone already): nothing to do about it. */
export const dropRejection = Boolean;

/** Statuses whose answer can have no body. */
export const NULL_BODY = new Set([101, 103, 204, 205, 304]);

function headerBytes(headers: Headers): number {
  let bytes = 0;
  headers.forEach((value, name) => {
    bytes += name.length + value.length + 4;
  });
  for (const line of headers.getSetCookie?.() ?? []) bytes += line.length + 14;
  return bytes;
}

/** The error of a body past `limit` bytes. */
export const tooLarge = (limit: number, status: number) =>
  new DocSpaceAuthError('protocol', `the portal's answer is larger than ${limit} bytes (limits.maxResponseBytes)`, {
    status,
  });

/** Throws (and drops the body) when the headers are too large or `Content-Length` is over the limit. */
export function checkAnswer(response: Response, limits: Limits): void {
  const { status } = response;
  if (headerBytes(response.headers) > limits.maxHeaderBytes) {
    void response.body?.cancel().catch(dropRejection);
    throw new DocSpaceAuthError(
      'protocol',
      `the portal's answer has headers larger than ${limits.maxHeaderBytes} bytes (limits.maxHeaderBytes)`,
      { status },
    );
  }
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (declared > limits.maxResponseBytes) {
    void response.body?.cancel().catch(dropRejection);
    throw tooLarge(limits.maxResponseBytes, status);
  }
}
