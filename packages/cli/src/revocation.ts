// Revoking a token this machine no longer keeps as a session: the replaced token of a new sign-in, or one a
// sign-out could not revoke because the portal was down. The SDK's own logout (the cookie form the portal needs),
// on an in-memory store holding just that token.
import { isDocSpaceAuthError, sessionKey } from '@docspace/auth-helpers/file-store';
import { dropRevocations, pendingRevocations, queueRevocation } from './revocation-queue.js';
import { note, palette } from './ui.js';

export interface RevokeOptions {
  allowInsecureHttp: boolean;
}

/** Asks `portal` to end the session of `token`. Throws the SDK's error when the portal does not confirm it. */
export async function revokeToken(
  portal: string,
  token: string,
  userName: string,
  options: RevokeOptions,
): Promise<void> {
  const { createDocSpaceAuth, memoryStore } = await import('@docspace/auth-helpers');
  const store = memoryStore();
  await store.set(sessionKey(portal), { token, expires: null, userName, portal, obtainedAt: new Date().toISOString() });
  const auth = createDocSpaceAuth({
    baseUrl: portal,
    store,
    retry: false,
    timeoutMs: 10_000,
    allowInsecureHttp: options.allowInsecureHttp,
  });
  try {
    await auth.logout();
  } finally {
    auth.dispose();
  }
}

/** The portal could not be reached (so trying again later makes sense). */
export const unreachable = (error: unknown) => isDocSpaceAuthError(error, 'network', 'timeout', 'rate_limited');

/**
 * Revokes `token`, or, when the portal cannot be reached, keeps it for revocation at the next contact. Returns
 * what happened; other failures are thrown.
 */
export async function revokeOrQueue(
  file: string,
  portal: string,
  token: string,
  userName: string,
  options: RevokeOptions,
): Promise<'revoked' | 'queued'> {
  try {
    await revokeToken(portal, token, userName, options);
    return 'revoked';
  } catch (error) {
    if (!unreachable(error)) throw error;
    await queueRevocation(file, { portal, token, userName });
    return 'queued';
  }
}

/**
 * After a successful contact with `portal`: revokes the tokens left for it by earlier sign-outs, and says so on
 * stderr. A token the portal cannot revoke for another reason is given up on, plainly.
 */
export async function flushRevocations(file: string, portal: string, options: RevokeOptions): Promise<void> {
  const pending = await pendingRevocations(file, portal).catch(() => []);
  const done: string[] = [];
  const { yellow } = palette(process.stderr);
  for (const entry of pending) {
    try {
      await revokeToken(portal, entry.token, entry.userName, options);
      done.push(entry.token);
      note(`Revoked the token of ${entry.userName} left over from a sign-out while ${portal} could not be reached.`);
    } catch (error) {
      if (unreachable(error)) continue; // next time
      done.push(entry.token);
      const reason = error instanceof Error ? error.message : String(error);
      note(
        `${yellow('warning:')} could not revoke the old token of ${entry.userName} at ${portal}: ${reason}; ` +
          'end it on the portal (profile, active sessions) if it may still be in use',
      );
    }
  }
  await dropRevocations(file, done).catch(() => undefined);
}
