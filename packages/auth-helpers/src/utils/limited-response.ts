// An answer as the SDK reads it: headers within their limit, a body counted as it streams in and refused past its
// limit (before it is buffered), and a body read that ends with the call's timeout or abort, whatever fetch is used.
// The answer stays the object fetch returned, with a prototype of its own in between (`limitedPrototype`): its body
// methods (text, json, arrayBuffer, ...) and its `body` read with the limits. A second stream and a second Response
// per call, as a wrapper would need, cost about as much as the rest of the helpers' per-call work.
import { DocSpaceAuthError } from '@docspace/auth-client/errors';
import type { Limits } from '../limits.js';
import { checkAnswer, dropRejection, NULL_BODY, tooLarge } from './answer-checks.js';
import { redactInspection } from './redacted-inspect.js';

/** The platform's own `body` getter, to reach the stream under a body replaced on the object. */
const nativeBody = Object.getOwnPropertyDescriptor(Response.prototype, 'body')?.get as
  | ((this: Response) => ReadableStream<Uint8Array> | null)
  | undefined;

/**
 * `response` with its limits enforced. Throws at once when the headers are too large or `Content-Length` is over the
 * limit; otherwise reading the body fails with a {@link DocSpaceAuthError} as soon as it passes the limit, when the
 * connection breaks (`network`), or when `signal` aborts (`abortReason()`: `timeout` or `aborted`). `clone()` gives
 * an answer read the same way.
 */
export function limitedResponse(
  response: Response,
  limits: Limits,
  signal: AbortSignal,
  abortReason: () => DocSpaceAuthError,
): Response {
  checkAnswer(response, limits);
  const { status } = response;
  const source = response.body;
  if (source === null || NULL_BODY.has(status) || !nativeBody) return redactInspection(response);
  return redactInspection(limit(response, { source, maxBytes: limits.maxResponseBytes, signal, abortReason }));
}

/** How the body of a limited answer is read. */
interface Reading {
  /** The platform's stream of the body. */
  source: ReadableStream<Uint8Array>;
  /** The limited stream handed out as `body`, once asked for. */
  stream?: ReadableStream<Uint8Array>;
  maxBytes: number;
  signal: AbortSignal;
  abortReason: () => DocSpaceAuthError;
}

const READING = Symbol('docspace-auth limited body');
/** One decoder for every answer: decoding a whole body at once keeps no state between calls. */
const utf8 = new TextDecoder();
type Limited = Response & { [READING]: Reading };

function limit(response: Response, reading: Reading): Response {
  Object.setPrototypeOf(response, limitedPrototype);
  (response as Limited)[READING] = reading;
  return response;
}

/**
 * A reader of the body: `next()` returns each chunk in turn (`undefined` at the end) and throws the typed error of a
 * failed read; `cancel()` stops it.
 */
function chunks(reading: Reading, status: number) {
  const { signal, abortReason, maxBytes } = reading;
  const reader = reading.source.getReader();
  const onAbort = () => void reader.cancel().catch(dropRejection);
  if (signal.aborted) onAbort();
  else signal.addEventListener('abort', onAbort, { once: true });
  let received = 0;
  const cancel = (reason?: unknown) => {
    signal.removeEventListener('abort', onAbort);
    return reader.cancel(reason).catch(dropRejection);
  };
  const next = async (): Promise<Uint8Array | undefined> => {
    let chunk: ReadableStreamReadResult<Uint8Array>;
    try {
      chunk = await reader.read();
    } catch (error) {
      signal.removeEventListener('abort', onAbort);
      throw signal.aborted
        ? abortReason()
        : new DocSpaceAuthError('network', 'the connection broke while the answer was read', { status, cause: error });
    }
    // A read cut short by the abort above ends as `done`: it is the call's timeout or abort, not the body's end.
    if (signal.aborted) throw abortReason();
    if (chunk.done) {
      signal.removeEventListener('abort', onAbort);
      return undefined;
    }
    received += chunk.value.byteLength;
    if (received > maxBytes) {
      void cancel();
      throw tooLarge(maxBytes, status);
    }
    return chunk.value;
  };
  return { next, cancel };
}

/** The whole body as bytes in a buffer of their own, read within the limits. */
async function readAll(response: Limited): Promise<Uint8Array<ArrayBuffer>> {
  const reading = response[READING];
  if (reading.stream) return new Uint8Array(await new Response(reading.stream).arrayBuffer());
  if (reading.source.locked || response.bodyUsed) throw new TypeError('Body is unusable: Body has already been read');
  const { next } = chunks(reading, response.status);
  const parts: Uint8Array[] = [];
  let length = 0;
  for (let part = await next(); part; part = await next()) {
    parts.push(part);
    length += part.byteLength;
  }
  const only = parts.length === 1 ? (parts[0] as Uint8Array) : undefined;
  if (only && only.byteOffset === 0 && only.byteLength === only.buffer.byteLength) {
    return only as Uint8Array<ArrayBuffer>;
  }
  const all = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    all.set(part, offset);
    offset += part.byteLength;
  }
  return all;
}

/** How each body method of a limited answer turns the bytes into its result. */
const readers: Record<string, (bytes: Uint8Array<ArrayBuffer>, response: Response) => unknown> = {
  text: (bytes) => utf8.decode(bytes),
  json: (bytes) => JSON.parse(utf8.decode(bytes)),
  arrayBuffer: (bytes) => bytes.buffer,
  bytes: (bytes) => bytes,
  blob: (bytes, response) => new Blob([bytes], { type: response.headers.get('content-type') ?? '' }),
  formData: (bytes, response) => new Response(bytes, { headers: response.headers }).formData(),
};

/** The body methods of a limited answer; everything else is the platform's. */
const limitedPrototype: object = Object.create(Response.prototype, {
  // The body as a stream that errors as the methods do, for callers that read `response.body` themselves.
  body: {
    configurable: true,
    get(this: Limited) {
      const reading = this[READING];
      let reader: ReturnType<typeof chunks> | undefined;
      reading.stream ??= new ReadableStream<Uint8Array>({
        pull: async (controller) => {
          reader ??= chunks(reading, this.status);
          const part = await reader.next();
          if (part) controller.enqueue(part);
          else controller.close();
        },
        cancel: async (reason) => {
          await (reader ? reader.cancel(reason) : reading.source.cancel(reason).catch(dropRejection));
        },
      });
      return reading.stream;
    },
  },
  clone: {
    configurable: true,
    writable: true,
    value(this: Limited) {
      const reading = this[READING];
      if (reading.stream || reading.source.locked || this.bodyUsed) throw new TypeError('Body has already been read');
      const copy = Response.prototype.clone.call(this) as Response;
      // The platform split the stream in two: this answer reads the first branch from now on, the copy the second.
      reading.source = nativeBody?.call(this) ?? reading.source;
      const copySource = nativeBody?.call(copy);
      return copySource ? redactInspection(limit(copy, { ...reading, source: copySource, stream: undefined })) : copy;
    },
  },
  ...Object.fromEntries(
    Object.entries(readers).map(([name, read]) => [
      name,
      {
        configurable: true,
        writable: true,
        async value(this: Limited) {
          return read(await readAll(this), this);
        },
      },
    ]),
  ),
});
