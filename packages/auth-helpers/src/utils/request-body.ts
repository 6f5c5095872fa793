// How a request's body travels through the attempts of a call.

/**
 * The body of `request` as bytes, for the platform's own fetch (`platformFetch`), or `undefined`. Node's fetch
 * pipes the body of a Request object through a TransformStream (about 0.2 ms per request); bytes in `init` spare
 * that, and serve every attempt. A fetch passed in gets Request objects (a clone per attempt) instead.
 */
export async function bodyBytes(
  request: Request,
  platformFetch: boolean | undefined,
): Promise<ArrayBuffer | undefined> {
  return request.body !== null && platformFetch ? request.arrayBuffer() : undefined;
}
