// Type-checked by the release test with the installed packages' own declarations, under
// moduleResolution nodenext (as consumer.mts and consumer.cts) and bundler (as consumer.ts).
// Nothing here runs; `tsc --noEmit` must pass, and every @ts-expect-error must be needed.
import { getSelfProfile, type GetSelfProfileResponse } from '@docspace/auth-client';
import {
  createDocSpaceAuth,
  isDocSpaceAuthError,
  type DocSpaceAuth,
  type DocSpaceAuthEvent,
  type Session,
} from '@docspace/auth-helpers';
import { fileStore } from '@docspace/auth-helpers/file-store';
import { startEmulator, type Emulator } from '@docspace/emulator';

export async function signIn(): Promise<string | undefined> {
  const emulator: Emulator = await startEmulator({ tokenLifetimeMs: 60_000 });
  const auth: DocSpaceAuth = createDocSpaceAuth({
    baseUrl: emulator.url,
    store: fileStore('sessions.json'),
    totpSecret: 'JBSWY3DPEHPK3PXP',
    onEvent: (event: DocSpaceAuthEvent) => void event.type,
  });
  try {
    const session: Session = await auth.login({ userName: 'bob@example.com', password: 'bob-password' });
    const expires: Date | null = session.expires;
    void expires;
    const result = await getSelfProfile({ client: auth.client });
    const profile: GetSelfProfileResponse | undefined = result.data;
    const name: string | null | undefined = profile?.response?.displayName;
    return name ?? undefined;
  } catch (error) {
    if (isDocSpaceAuthError(error, 'blocked')) return `retry in ${error.retryAfterMs}`;
    throw error;
  } finally {
    auth.dispose();
    await emulator.close();
  }
}

export async function typesAreNotAny(auth: DocSpaceAuth): Promise<void> {
  // @ts-expect-error userName is a string
  await auth.login({ userName: 42, password: 'x' });
  // @ts-expect-error no such export
  const { notAnExport } = await import('@docspace/auth-client');
  void notAnExport;
}
