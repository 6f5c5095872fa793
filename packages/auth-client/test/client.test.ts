// The client factories: package defaults, per-portal instances, custom fetch.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client as sharedClient, createDocSpaceClient, getIsAuthentificated } from '../src/index.js';
import { startRecordingServer, type RecordingServer } from './support/recording-server.js';

let server: RecordingServer;
beforeAll(async () => {
  server = await startRecordingServer();
});
afterAll(() => server.close());

describe('createDocSpaceClient', () => {
  it('talks to the portal it was given and asks for JSON', async () => {
    const client = createDocSpaceClient({ baseUrl: server.url });
    const { data } = await getIsAuthentificated({ client });
    expect(data?.response).toBe(true);
    expect(server.requests.at(-1)?.headers.accept).toBe('application/json');
  });

  it('lets the caller override and add headers', async () => {
    const client = createDocSpaceClient({
      baseUrl: server.url,
      headers: { Accept: 'application/json, text/plain', 'X-Trace': '1' },
    });
    await getIsAuthentificated({ client });
    expect(server.requests.at(-1)?.headers).toMatchObject({ accept: 'application/json, text/plain', 'x-trace': '1' });
  });

  it('sends every request through a custom fetch, as fetch(url, init) with no Request built', async () => {
    const seen: string[] = [];
    const client = createDocSpaceClient({
      baseUrl: server.url,
      fetch: (input, init) => {
        seen.push(`${typeof input} ${init?.method} ${new URL(String(input)).pathname}`);
        return fetch(input, init);
      },
    });
    await getIsAuthentificated({ client });
    expect(seen).toEqual(['string GET /api/2.0/authentication']);
  });

  it('a fetch that throws gives a network error, with the thrown error as its cause', async () => {
    const refused = new TypeError('fetch failed');
    const client = createDocSpaceClient({ baseUrl: server.url, fetch: () => Promise.reject(refused) });
    const { data, error, response } = await getIsAuthentificated({ client });
    expect(data).toBeUndefined();
    expect(response).toBeUndefined();
    expect(error).toMatchObject({ name: 'DocSpaceAuthError', code: 'network' });
    expect((error as Error).cause).toBe(refused);
  });

  it('passes fetchOptions and the signal through to fetch', async () => {
    let init: RequestInit | undefined;
    const controller = new AbortController();
    const client = createDocSpaceClient({
      baseUrl: server.url,
      fetchOptions: { credentials: 'include', cache: 'no-store' },
      fetch: (input, given) => {
        init = given;
        return fetch(input, given);
      },
    });
    await getIsAuthentificated({ client, signal: controller.signal, fetchOptions: { cache: 'reload' } });
    expect(init).toMatchObject({ credentials: 'include', cache: 'reload', signal: controller.signal });
  });

  it('instances are independent: configuring one leaves the other alone', async () => {
    const a = createDocSpaceClient({ baseUrl: server.url });
    const b = createDocSpaceClient({ baseUrl: 'http://127.0.0.1:9' });
    a.setConfig({ headers: { 'X-Only-A': 'yes' } });
    expect(b.getConfig().baseUrl).toBe('http://127.0.0.1:9');
    expect(new Headers(b.getConfig().headers as HeadersInit).get('x-only-a')).toBeNull();
  });
});

describe('the shared client', () => {
  it('starts with the package defaults and works once given a portal', async () => {
    sharedClient.setConfig({ baseUrl: server.url });
    await getIsAuthentificated();
    expect(server.requests.at(-1)?.headers.accept).toBe('application/json');
  });
});
