// Where a browser bundle runs before it is measured: it must sign in as bob (authenticator app) and return his
// name after exactly three requests (password, code, people/@self), or the bench fails.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * Runs the bundle in Node, with a `localStorage` of its own (Node 20 has none). The browser suite's Chromium
 * launcher replaces this once it lands: `runBundle` is the one place that says where bundles run.
 */
async function runInNode(chunks, main, emulator) {
  for (const chunk of chunks) {
    mkdirSync(dirname(chunk.path), { recursive: true });
    writeFileSync(chunk.path, chunk.contents);
  }
  globalThis.localStorage ??= memoryStorage();
  const { run } = await import(pathToFileURL(main.path).href);
  emulator.clearRequests();
  const displayName = await run(emulator.url, 'bob@example.com', 'bob-password', () => emulator.totp('bob@example.com'));
  return { displayName, where: 'Node' };
}

export const runBundle = runInNode;

/** Checks what a bundle did against the emulator's request log; throws unless it did the work. */
export function checkRun(result, emulator, label) {
  const requests = emulator.requests.map((r) => `${r.method} ${r.path.replace(/\/authentication\/\d{6}$/, '/authentication/{code}')} ${r.status}`);
  const ok =
    result.displayName === emulator.users.get('bob@example.com').displayName &&
    requests.join(', ') === 'POST /api/2.0/authentication 200, POST /api/2.0/authentication/{code} 200, GET /api/2.0/people/@self 200';
  if (!ok) throw new Error(`the bundle ${label} did not do the work: ${result.displayName}; ${requests.join(', ')}`);
  return { displayName: result.displayName, requests: requests.length, where: result.where };
}

function memoryStorage() {
  const items = new Map();
  return {
    getItem: (key) => (items.has(key) ? items.get(key) : null),
    setItem: (key, value) => void items.set(key, String(value)),
    removeItem: (key) => void items.delete(key),
    clear: () => items.clear(),
    key: (index) => [...items.keys()][index] ?? null,
    get length() {
      return items.size;
    },
  };
}
