// The SDK, loaded only by the commands that talk to the portal.
import type { DocSpaceAuth, DocSpaceAuthOptions } from '@docspace/auth-helpers';
import { CliError } from './errors.js';
import { palette } from './ui.js';

export interface OpenedAuth {
  auth: DocSpaceAuth;
  /** Problems the session store reported (a failed write means the session was not saved). */
  storeErrors: { operation: string; message: string }[];
}

/** `createDocSpaceAuth` on the file store in `file`; store problems are shown on stderr as warnings. */
export async function openAuth(
  portal: string,
  file: string,
  options: Partial<DocSpaceAuthOptions> = {},
): Promise<OpenedAuth> {
  const [{ createDocSpaceAuth }, { fileStore }] = await Promise.all([
    import('@docspace/auth-helpers'),
    import('@docspace/auth-helpers/file-store'),
  ]);
  const { yellow } = palette(process.stderr);
  const warn = (message: string) => process.stderr.write(`${yellow('warning:')} ${message}\n`);
  const storeErrors: OpenedAuth['storeErrors'] = [];
  const auth = createDocSpaceAuth({
    ...options,
    baseUrl: portal,
    store: fileStore(file, { onError: warn }),
    onEvent: (event) => {
      if (event.type === 'store-error') {
        storeErrors.push({ operation: event.operation, message: event.message });
        warn(`session file ${file}: ${event.message}`);
      }
      options.onEvent?.(event);
    },
  });
  return { auth, storeErrors };
}

/** Throws when the store failed to save or remove a session: the command's result would not last. */
export function checkStore(opened: OpenedAuth, what: string): void {
  const failed = opened.storeErrors.find((e) => e.operation !== 'get');
  if (failed)
    throw new CliError('store_failed', `${what}, but the session file could not be updated: ${failed.message}`);
}
