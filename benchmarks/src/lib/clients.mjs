// The clients of the per-call and scale benchmarks. Each factory returns `call()`, which sends one authorised
// `GET /api/2.0/people/@self` (the token as `Authorization: Bearer`), parses the JSON and resolves to it.
import http from 'node:http';
import { createDocSpaceClient, getSelfProfile } from '@docspace/auth-client';
import { createDocSpaceAuth, memoryStore } from '@docspace/auth-helpers';
import axios from 'axios';
import ky from 'ky';
import createOpenApiFetch from 'openapi-fetch';
import { createNodeHttpFetch } from './node-http-fetch.mjs';
import { PROFILE_PATH, TOKEN } from './profile-body.mjs';

/** A memory store holding a live session for `portal`, as `createDocSpaceAuth` stores one after a sign-in. */
export function storeWithSession(portal, token = TOKEN, userName = 'alice@example.com') {
  const store = memoryStore();
  const stored = {
    token,
    expires: new Date(Date.now() + 365 * 86_400_000).toISOString(),
    userName,
    portal,
    obtainedAt: new Date().toISOString(),
  };
  store.set(`docspace-auth:${portal}:${userName}`, stored);
  store.set(`docspace-auth:${portal}`, stored);
  return store;
}

const bearer = `Bearer ${TOKEN}`;

/**
 * The candidates: what a user would pick, and ours. `reference` rows are not candidates (they explain a gap).
 * `fetch` (optional) replaces globalThis.fetch where the client takes one (the no-network breakdown uses it).
 */
export const candidates = {
  'raw fetch': {
    kind: 'floor',
    make: (baseUrl, { fetch = globalThis.fetch } = {}) => {
      const url = `${baseUrl}${PROFILE_PATH}`;
      return async () => (await fetch(url, { headers: { Authorization: bearer } })).json();
    },
  },
  'openapi-fetch': {
    kind: 'peer',
    make: (baseUrl, { fetch } = {}) => {
      const client = createOpenApiFetch({ baseUrl, ...(fetch ? { fetch } : {}) });
      return async () => (await client.GET(PROFILE_PATH, { headers: { Authorization: bearer } })).data;
    },
  },
  axios: {
    kind: 'peer',
    // Its default Node adapter (node:http); given a `fetch`, its fetch adapter on that fetch.
    make: (baseUrl, { fetch } = {}) => {
      const client = axios.create({ baseURL: baseUrl, ...(fetch ? { adapter: 'fetch', env: { fetch } } : {}) });
      return async () => (await client.get(PROFILE_PATH, { headers: { Authorization: bearer } })).data;
    },
  },
  ky: {
    kind: 'peer',
    make: (baseUrl, { fetch } = {}) => {
      const client = ky.create({ prefix: baseUrl, ...(fetch ? { fetch } : {}) });
      return () => client.get(PROFILE_PATH, { headers: { Authorization: bearer } }).json();
    },
  },
  'auth-client (plain)': {
    kind: 'peer',
    // The generated client alone, as its README shows it: the token from an `auth` callback, responses validated.
    make: (baseUrl, { fetch } = {}) => {
      const client = createDocSpaceClient({ baseUrl, ...(fetch ? { fetch } : {}) });
      return async () => (await getSelfProfile({ client, auth: () => TOKEN, throwOnError: true })).data;
    },
  },
  'auth.client (ours)': {
    kind: 'ours',
    // createDocSpaceAuth with a stored session: token from the session, retry, timeout, 401 replay, validation.
    make: (baseUrl, { fetch } = {}) => {
      const auth = createDocSpaceAuth({ baseUrl, store: storeWithSession(baseUrl), ...(fetch ? { fetch } : {}) });
      return async () => (await getSelfProfile({ client: auth.client, throwOnError: true })).data;
    },
  },
};

/** Rows that explain the numbers; not candidates. */
export const references = {
  'node:http (the floor in Node)': {
    kind: 'reference',
    make: (baseUrl) => {
      const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
      const { hostname, port } = new URL(baseUrl);
      const options = { agent, hostname, port, path: PROFILE_PATH, headers: { Authorization: bearer } };
      return () =>
        new Promise((resolve, reject) => {
          http
            .get(options, (res) => {
              let text = '';
              res.setEncoding('utf8');
              res.on('data', (chunk) => (text += chunk));
              res.on('end', () => resolve(JSON.parse(text)));
              res.on('error', reject);
            })
            .on('error', reject);
        });
    },
  },
  'auth.client on a node:http fetch (sketch)': {
    kind: 'reference',
    make: (baseUrl) => {
      const auth = createDocSpaceAuth({ baseUrl, store: storeWithSession(baseUrl), fetch: createNodeHttpFetch() });
      return async () => (await getSelfProfile({ client: auth.client, throwOnError: true })).data;
    },
  },
};

/** Throws unless `data` is the benchmark's profile envelope. */
export function checkProfile(name, data) {
  if (data?.response?.displayName !== 'Alice Anderson' || data.statusCode !== 200) {
    throw new Error(`${name}: unexpected answer ${JSON.stringify(data)?.slice(0, 200)}`);
  }
}
