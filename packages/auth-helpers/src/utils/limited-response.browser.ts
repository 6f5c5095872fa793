// The browser build's answer limits (see limited-response.ts): the same limits and errors, with the body wrapped in a
// second stream and Response. That costs a few microseconds a call more than the default build's prototype, which a
// page never notices, and about 1.6 kB less to load, which it does.
import { DocSpaceAuthError } from '@docspace/auth-client/errors';
import type { Limits } from '../limits.js';
import { redactInspection } from './redacted-inspect.js';

/** A body cancelled on the way out may reject (the connection is gone already): nothing to do about it. */
const dropRejection = Boolean;

/** Statuses whose answer can have no body (the Response constructor refuses one). */
const NULL_BODY = new Set([101, 103, 204, 205, 304]);

function headerBytes(headers: Headers): number {
  let bytes = 0;
  headers.forEach((value, name) => {
    bytes += name.length + value.length + 4;
  });
  for (const line of headers.getSetCookie?.() ?? []) bytes += line.length + 14;
  return bytes;
}

const tooLarge = (limit: number, status: number) =>
  new DocSpaceAuthError('protocol', `the portal's answer is larger than ${limit} bytes (limits.maxResponseBytes)`, {
    status,
  });

/**
 * `response` with its limits enforced. Throws at once when the headers are too large or `Content-Length` is over the
 * limit; otherwise the body errors with a {@link DocSpaceAuthError} as soon as it passes the limit, when the
 * connection breaks (`network`), or when `signal` aborts (`abortReason()`: `timeout` or `aborted`).
 */
export function limitedResponse(
  response: Response,
  limits: Limits,
  signal: AbortSignal,
  abortReason: () => DocSpaceAuthError,
): Response {
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
  const source = response.body;
  if (source === null || NULL_BODY.has(status)) return redactInspection(response);

  const reader = source.getReader();
  let received = 0;
  let stop: (() => void) | undefined;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      const onAbort = () => {
        controller.error(abortReason());
        reader.cancel().catch(dropRejection);
      };
      if (signal.aborted) return onAbort();
      signal.addEventListener('abort', onAbort, { once: true });
      stop = () => signal.removeEventListener('abort', onAbort);
    },
    async pull(controller) {
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await reader.read();
      } catch (error) {
        stop?.();
        controller.error(
          signal.aborted
            ? abortReason()
            : new DocSpaceAuthError('network', 'the connection broke while the answer was read', {
                status,
                cause: error,
              }),
        );
        return;
      }
      if (signal.aborted) return; // already errored by onAbort
      if (chunk.done) {
        stop?.();
        controller.close();
        return;
      }
      received += chunk.value.byteLength;
      if (received > limits.maxResponseBytes) {
        stop?.();
        controller.error(tooLarge(limits.maxResponseBytes, status));
        reader.cancel().catch(dropRejection);
        return;
      }
      controller.enqueue(chunk.value);
    },
    cancel(reason) {
      stop?.();
      return reader.cancel(reason);
    },
  });
  const limited = new Response(body, { status, statusText: response.statusText, headers: response.headers });
  return redactInspection(limited);
}
