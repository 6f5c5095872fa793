// Runs one operation of the table against a portal and says how it ended (see table.ts for the outcome strings).
import { getSelfProfile } from '@docspace/auth-client';
import { createDocSpaceAuth, type DocSpaceAuthOptions, isDocSpaceAuthError, memoryStore } from '../../src/index.js';
import { portalKey, userKey } from '../../src/session.js';
import type { Operation } from './portal.js';

export const PASSWORD = 'hostile-test-password';
export const STORED_TOKEN = 'hostile-stored-token';
export const CODE = '123456';

export interface Ran {
  outcome: string;
  /** What the caller got (the error, or the call's result), for the leak check. */
  got: unknown;
}

const outcomeOf = (error: unknown) => (isDocSpaceAuthError(error) ? error.code : `unexpected ${String(error)}`);

export async function runOperation(
  operation: Operation,
  baseUrl: string,
  options: Partial<DocSpaceAuthOptions> = {},
): Promise<Ran> {
  const store = memoryStore();
  const stored = {
    token: STORED_TOKEN,
    expires: null,
    userName: 'mallory',
    portal: baseUrl,
    obtainedAt: new Date().toISOString(),
  };
  if (operation === 'authorised GET' || operation === 'logout') {
    store.set(userKey(baseUrl, 'mallory'), stored);
    store.set(portalKey(baseUrl), stored);
  }
  const auth = createDocSpaceAuth({
    baseUrl,
    store,
    timeoutMs: 3000,
    retry: { maxAttempts: 2, baseDelayMs: 5, maxDelayMs: 20 },
    ...options,
  });
  try {
    switch (operation) {
      case 'sign-in':
      case 'code': {
        const session = await auth.login({
          userName: 'mallory',
          password: PASSWORD,
          ...(operation === 'code' ? { code: CODE } : {}),
        });
        return { outcome: 'ok', got: session };
      }
      case 'authorised GET': {
        const result = await getSelfProfile({ client: auth.client });
        if (result.error === undefined) return { outcome: 'ok', got: result };
        if (isDocSpaceAuthError(result.error)) return { outcome: result.error.code, got: result };
        return { outcome: `answer ${result.response?.status}`, got: result };
      }
      case 'logout':
        await auth.logout();
        return { outcome: 'ok', got: undefined };
    }
  } catch (error) {
    return { outcome: outcomeOf(error), got: error };
  } finally {
    auth.dispose();
  }
}
