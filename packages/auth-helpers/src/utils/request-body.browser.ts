// The browser build's `bodyBytes` (see request-body.ts): a browser's fetch takes a Request's body as it is, so
// every attempt gets a clone of the request instead.
export async function bodyBytes(
  _request: Request,
  _platformFetch: boolean | undefined,
): Promise<ArrayBuffer | undefined> {
  return undefined;
}
