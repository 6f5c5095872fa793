// One real emulator (loopback HTTP) per test file, back to its initial state before every test.
import { type Emulator, startEmulator } from '@docspace/emulator';
import { afterAll, beforeAll, beforeEach } from 'vitest';

export function useEmulator(): { readonly current: Emulator; readonly url: string } {
  let emulator: Emulator | undefined;
  beforeAll(async () => {
    emulator = await startEmulator();
  });
  beforeEach(() => emulator?.reset());
  afterAll(() => emulator?.close());
  return {
    get current() {
      if (!emulator) throw new Error('the emulator is not running');
      return emulator;
    },
    get url() {
      return this.current.url;
    },
  };
}

/** GET people/@self with a raw token in `Authorization`, as `curl -H "Authorization: $(docspace-auth token)"` sends it. */
export async function selfWith(url: string, token: string): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${url}/api/2.0/people/@self`, {
    headers: { Authorization: token, Accept: 'application/json' },
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}
