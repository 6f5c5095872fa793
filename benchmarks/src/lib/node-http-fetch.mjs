// NOT SHIPPED: a sketch of a `fetch` built on node:http, to measure what a Node transport for createDocSpaceAuth
// would save (Node 20's fetch costs 1.5 to 2 times a bare node:http request on loopback). Under the generated client
// it saves about nothing: the client needs a web Response, and building one costs about what node:http saves (see
// RESULTS.md). It handles what the benchmark's GET needs (method, headers, a buffer body, AbortSignal, keep-alive)
// and nothing else: no redirects, no streaming request bodies, no HTTPS options. `createDocSpaceAuth({ fetch })`
// accepts it as it is.
import http from 'node:http';

export function createNodeHttpFetch() {
  const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
  return async function nodeHttpFetch(input, init) {
    const request = input instanceof Request && init === undefined ? input : new Request(input, init);
    const url = new URL(request.url);
    const headers = {};
    request.headers.forEach((value, key) => {
      headers[key] = value;
    });
    const body = request.body === null ? undefined : Buffer.from(await request.arrayBuffer());
    const signal = init?.signal ?? request.signal;
    signal?.throwIfAborted();
    return new Promise((resolve, reject) => {
      const req = http.request(
        {
          agent,
          method: request.method,
          hostname: url.hostname,
          port: url.port,
          path: url.pathname + url.search,
          headers,
          signal,
        },
        (res) => {
          const chunks = [];
          res.on('data', (chunk) => chunks.push(chunk));
          res.on('error', reject);
          res.on('end', () => {
            const responseHeaders = new Headers();
            for (let i = 0; i < res.rawHeaders.length; i += 2)
              responseHeaders.append(res.rawHeaders[i], res.rawHeaders[i + 1]);
            const status = res.statusCode ?? 0;
            const nullBody = status === 204 || status === 304 || request.method === 'HEAD';
            resolve(
              new Response(nullBody ? null : Buffer.concat(chunks), {
                status,
                statusText: res.statusMessage,
                headers: responseHeaders,
              }),
            );
          });
        },
      );
      req.on('error', (error) => reject(signal?.aborted ? signal.reason : error));
      req.end(body);
    });
  };
}
