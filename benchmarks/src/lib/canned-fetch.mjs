// A `fetch` that answers every request with the benchmark's people/@self envelope without a network, doing what
// Node's own fetch (undici) does with its arguments first: `new Request(input, init)`, which copies a Request it is
// given, parses the URL, normalises the headers and links the signal. What it leaves out is the connection itself,
// so instruction counts over it are the client's work plus the Request/Response objects every fetch-based client
// pays for, and nothing that depends on sockets or the other process.
import { PROFILE_BODY } from './profile-body.mjs';

/** Rows of the instructions section that are not clients: what the harness and the stand-in cost by themselves. */
export const HARNESS_ROW = 'harness only (an empty async call)';
export const STAND_IN_ROW = 'the fetch stand-in alone (new Request + new Response, not read)';

const responseInit = {
  status: 200,
  headers: {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(PROFILE_BODY)),
  },
};

/**
 * Returns `fetch(input, init)` answering with the profile envelope, and `counts` of the requests it saw and of
 * those without `Authorization: Bearer …` (every client must send the token).
 */
export function createCannedFetch() {
  const counts = { requests: 0, withoutBearer: 0 };
  async function cannedFetch(input, init) {
    const request = new Request(input, init);
    counts.requests++;
    if (!request.headers.get('authorization')?.startsWith('Bearer ')) counts.withoutBearer++;
    return new Response(PROFILE_BODY, responseInit);
  }
  return { fetch: cannedFetch, counts };
}
