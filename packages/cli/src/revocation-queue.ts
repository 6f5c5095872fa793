// Tokens still to be revoked: a sign-out (or a replaced sign-in) whose portal could not be reached keeps the token
// here (the `revocations` member of sessions.json, defined by the SDK's file store) until the next successful contact
// with that portal revokes it.
import { type PendingRevocation, readPendingRevocations, updateSessionFile } from '@docspace/auth-helpers/file-store';

/** Keeps `token` for revocation at the next contact with `portal`. */
export async function queueRevocation(file: string, entry: Omit<PendingRevocation, 'since'>): Promise<void> {
  await updateSessionFile(file, (document) => {
    const list = readPendingRevocations(document).filter((r) => r.token !== entry.token);
    document.revocations = [...list, { ...entry, since: new Date().toISOString() }];
    return true;
  });
}

/** The tokens waiting for revocation at `portal` (read without the lock: taking them out is `dropRevocations`). */
export async function pendingRevocations(file: string, portal: string): Promise<PendingRevocation[]> {
  let found: PendingRevocation[] = [];
  await updateSessionFile(file, (document) => {
    found = readPendingRevocations(document).filter((r) => r.portal === portal);
    return false;
  });
  return found;
}

/** Takes tokens off the list (revoked, or given up on). */
export async function dropRevocations(file: string, tokens: readonly string[]): Promise<void> {
  if (tokens.length === 0) return;
  await updateSessionFile(file, (document) => {
    const before = readPendingRevocations(document);
    const after = before.filter((r) => !tokens.includes(r.token));
    if (after.length === before.length) return false;
    if (after.length > 0) document.revocations = after;
    else delete document.revocations;
    return true;
  });
}

/** The portals with tokens waiting for revocation. */
export async function portalsWithRevocations(file: string): Promise<string[]> {
  let portals: string[] = [];
  await updateSessionFile(file, (document) => {
    portals = [...new Set(readPendingRevocations(document).map((r) => r.portal))];
    return false;
  });
  return portals;
}
