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

  it('sends every request through a custom fetch', async () => {
    const seen: string[] = [];
    const client = createDocSpaceClient({
      baseUrl: server.url,
      fetch: (input) => {
        const request = input as Request;
        seen.push(`${request.method} ${new URL(request.url).pathname}`);
        return fetch(request);
      },
    });
    await getIsAuthentificated({ client });
    expect(seen).toEqual(['GET /api/2.0/authentication']);
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
