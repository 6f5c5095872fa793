import type { SecondFactorKind, Session } from '@docspace/auth-helpers';
import { isApiKey, sessionKey } from '@docspace/auth-helpers/file-store';
import { type Account, listAccounts } from '../accounts.js';
import { removeAccount, saveProfile } from '../active-account.js';
import type { LoginOptions } from '../args.js';
import { checkStore, type OpenedAuth, openAuth } from '../auth.js';
import { blockTimeLeft } from '../block-countdown.js';
import { noteEnvApiKey } from '../env-api-key.js';
import { readConfig, updateConfig } from '../config.js';
import { CliError, missingInput, PORTAL_STATE_HINTS, usageError } from '../errors.js';
import { allowInsecureHttp } from '../insecure-http.js';
import { configDir, sessionsFile } from '../paths.js';
import { needsInsecureHttp, portalKeyOf } from '../portal-address.js';
import { probePortal } from '../portal-probe.js';
import { printable } from '../printable.js';
import { flushRevocations, revokeOrQueue, revokeToken } from '../revocation.js';
import { readSessionDocument } from '../session-file.js';
import { readFirstLine } from '../stdin-line.js';
import { askForCode, noCodeWithoutTerminal, TRIES } from '../code-prompt.js';
import { describeExpiry, palette, printJson, say, spinner } from '../ui.js';

type Prompts = typeof import('../prompts.js');

/**
 * When the new session could not be saved, its token is revoked at the portal before the command fails: a token
 * nobody holds must not stay valid there.
 */
async function revokeUnsaved(opened: OpenedAuth, session: Session, insecure: boolean): Promise<void> {
  try {
    checkStore(opened, 'signed in');
  } catch (error) {
    const revoked = await revokeToken(opened.auth.portal, session.token, session.userName, {
      allowInsecureHttp: insecure,
    }).then(
      () => true,
      () => false,
    );
    throw new CliError(
      'store_failed',
      `${(error as Error).message}; ${revoked ? 'the new token was revoked at the portal' : 'the new token could not be revoked at the portal: sign out on the portal to end it'}`,
    );
  }
}

/**
 * `docspace-auth login`: checks that the address is a DocSpace portal, asks for what is missing (only on a
 * terminal; three tries for the password and the code), signs in, saves the session as the portal's active account
 * and revokes the token it replaces.
 */
export async function run(options: LoginOptions): Promise<number> {
  if (options.withApiKey) return (await import('./login-api-key.js')).runWithApiKey(options);
  const env = process.env;
  // Signing in still saves the session (for when the variable is unset); the user is told it is not used meanwhile.
  noteEnvApiKey('the session this sign-in saves', env);
  const interactive = process.stdin.isTTY === true;
  if (options.passwordStdin && interactive) {
    throw usageError(
      '--password-stdin reads the password from a pipe, and standard input is a terminal',
      'pipe it in, e.g. `pass show docspace | docspace-auth login --password-stdin`, or leave the flag out to be asked',
    );
  }
  const prompts: Prompts | undefined = interactive ? await import('../prompts.js') : undefined;
  const dir = configDir(options.configDir, env);
  const file = sessionsFile(dir);
  const remembered = readConfig(dir);
  const spin = spinner(!options.json);

  // The portal: flag, environment, the terminal (the remembered one on Enter), or the remembered one in a script.
  const address =
    options.portal ??
    (env.DOCSPACE_PORTAL?.trim() || undefined) ??
    (prompts ? await prompts.askPortal(remembered.portal) : remembered.portal);
  if (!address) throw missingInput('the portal address', '--portal URL', 'DOCSPACE_PORTAL');
  const portal = portalKeyOf(address);
  // Without a terminal nothing can be asked: say what is missing before anything is sent.
  const scriptedUser = options.user ?? (env.DOCSPACE_USER?.trim() || undefined);
  if (!prompts && !scriptedUser) throw missingInput('the user name', '--user NAME', 'DOCSPACE_USER');
  if (!prompts && !env.DOCSPACE_PASSWORD && !options.passwordStdin)
    throw missingInput('the password', '--password-stdin', 'DOCSPACE_PASSWORD');
  const insecure = allowInsecureHttp(portal, options.insecureHttp, remembered.insecureHttp);
  spin.start(`Checking ${portal}…`);
  try {
    await probePortal(portal);
  } finally {
    spin.stop();
  }

  let secondFactorUsed: SecondFactorKind | 'none' = 'none';
  const opened = await openAuth(portal, file, {
    allowInsecureHttp: insecure,
    totpSecret: env.DOCSPACE_TOTP_SECRET?.trim() || undefined,
    secondFactor: async (challenge) => {
      spin.stop();
      if (!prompts) throw noCodeWithoutTerminal(challenge);
      const code = await askForCode(challenge, prompts, spin);
      spin.start(`Checking the code with ${auth.portal}…`);
      return code;
    },
    onEvent: (event) => {
      if (event.type === 'signed-in') secondFactorUsed = event.secondFactor;
    },
  });
  const { auth } = opened;

  try {
    const user =
      scriptedUser ??
      (prompts ? await prompts.askUser(remembered.portal === auth.portal ? remembered.user : undefined) : undefined);
    if (!user) throw missingInput('the user name', '--user NAME', 'DOCSPACE_USER');
    const given = env.DOCSPACE_PASSWORD || (options.passwordStdin ? await readPasswordFromStdin() : undefined);
    if (!given && !prompts) throw missingInput('the password', '--password-stdin', 'DOCSPACE_PASSWORD');
    const before = savedAccounts(file, auth.portal);

    let session: Session;
    try {
      session = await signInWithTries(opened, { user, given, code: options.code, prompts, spin });
    } catch (error) {
      if ((error as { code?: string }).code !== 'blocked') throw error;
      const left = await blockTimeLeft(dir, auth.portal, user);
      throw new CliError('blocked', (error as Error).message, {
        hint: `try again in ${Math.ceil(left / 1000)} s`,
        retryAfterMs: left,
      });
    }
    await revokeUnsaved(opened, session, insecure);
    const profile = await rememberWho(opened, file, session);
    await updateConfig(dir, {
      portal: session.portal,
      user: session.userName,
      ...(insecure && needsInsecureHttp(session.portal)
        ? { insecureHttp: [...new Set([...(remembered.insecureHttp ?? []), session.portal])] }
        : {}),
    });

    // The tokens this sign-in replaces: the account's previous session, and the same account saved under another
    // name (signed in as `bob`, now as `bob@example.com`: one entry is enough). Revoked, or kept for the next contact.
    const key = sessionKey(session.portal, session.userName);
    const replaced = before.filter((a) => a.key === key || (profile?.id !== undefined && a.profile.id === profile.id));
    let previous: 'revoked' | 'queued' | null = null;
    for (const old of replaced) {
      if (old.token === session.token) continue;
      if (isApiKey(old.token)) continue; // a key is revoked in the portal's settings, not by signing out
      previous =
        (await revokeOrQueue(file, auth.portal, old.token, old.userName, { allowInsecureHttp: insecure }).catch(
          () => null,
        )) ?? previous;
      if (old.key !== key) await removeAccount(file, old.key);
    }
    await flushRevocations(file, auth.portal, { allowInsecureHttp: insecure });

    const result = {
      portal: session.portal,
      user: session.userName,
      ...(profile?.displayName ? { displayName: profile.displayName } : {}),
      expires: session.expires ? session.expires.toISOString() : null,
      secondFactor: secondFactorUsed as SecondFactorKind | 'none',
      previousToken: previous,
    };
    if (options.json) {
      printJson({ signedIn: true, ...result });
    } else {
      const { green, bold, dim } = palette(process.stdout);
      say(
        `${green('✓')} Signed in to ${bold(result.portal)} as ${bold(result.user)}${profile?.displayName ? ` (${printable(profile.displayName)})` : ''}`,
      );
      say(dim(`  token saved in ${file}, valid ${describeExpiry(result.expires)}`));
      if (previous === 'revoked') say(dim('  the token of the previous sign-in was revoked'));
      if (previous === 'queued')
        say(dim('  the token of the previous sign-in will be revoked at the next contact with the portal'));
    }
    return 0;
  } finally {
    spin.stop();
    auth.dispose();
  }
}

/** The accounts saved for `portal` before this sign-in (none when the file cannot be read: the store starts anew). */
function savedAccounts(file: string, portal: string): Account[] {
  try {
    return listAccounts(readSessionDocument(file)).filter((a) => a.portal === portal);
  } catch {
    return [];
  }
}

interface Attempt {
  user: string;
  /** The password from the environment or stdin: one try. */
  given: string | undefined;
  code: string | undefined;
  prompts: Prompts | undefined;
  spin: ReturnType<typeof spinner>;
}

/** Signs in; at a terminal, a refused password is asked again (three tries in all). */
async function signInWithTries(opened: OpenedAuth, { user, given, code, prompts, spin }: Attempt): Promise<Session> {
  const { auth } = opened;
  for (let attempt = 1; ; attempt++) {
    const password = given ?? (await prompts?.askPassword(user));
    if (!password) throw missingInput('the password', '--password-stdin', 'DOCSPACE_PASSWORD');
    spin.start(`Signing in to ${auth.portal}…`);
    try {
      return await auth.login({
        userName: user,
        password,
        code,
        codeAttempts: prompts && code === undefined ? TRIES : 1,
      });
    } catch (error) {
      spin.stop();
      const refused = (error as { code?: string }).code === 'invalid_credentials';
      if (!refused || given !== undefined || !prompts || attempt >= TRIES) throw error;
      await prompts.warn(`The portal refused the user name or password (try ${attempt + 1} of ${TRIES}).`);
    } finally {
      spin.stop();
    }
  }
}

/** Saves who signed in (user name, e-mail, display name, from people/@self), so accounts can be found by any of them. */
async function rememberWho(opened: OpenedAuth, file: string, session: Session) {
  try {
    const { getSelfProfile } = await import('@docspace/auth-client');
    const result = await getSelfProfile({ client: opened.auth.client });
    const profile = result.data?.response;
    if (!profile) {
      // The portal hands out tokens to an address its IP restrictions then refuse: say so now, not at the next call.
      const { errorFromResult } = await import('@docspace/auth-helpers');
      if (result.error !== undefined && errorFromResult(result).code === 'access_restricted') {
        const { yellow } = palette(process.stderr);
        process.stderr.write(
          `${yellow('warning:')} signed in, but the portal's IP restrictions refuse calls from this address (access_restricted): ${PORTAL_STATE_HINTS.access_restricted}\n`,
        );
      }
      return undefined;
    }
    const who = {
      ...(profile.id ? { id: profile.id } : {}),
      ...(profile.userName ? { userName: profile.userName } : {}),
      ...(profile.email ? { email: profile.email } : {}),
      ...(profile.displayName ? { displayName: profile.displayName } : {}),
    };
    await saveProfile(file, sessionKey(session.portal, session.userName), who);
    return who;
  } catch {
    return undefined; // the account is still saved; it can be found by the name it was signed in with
  }
}

/** The password piped in with --password-stdin: the first line (without its line break); the rest is not read. */
async function readPasswordFromStdin(): Promise<string> {
  const password = await readFirstLine(process.stdin);
  if (password === '')
    throw new CliError('missing_input', '--password-stdin was given, but standard input held no password');
  return password;
}
