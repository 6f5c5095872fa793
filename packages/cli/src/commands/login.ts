import type { SecondFactorChallenge, SecondFactorKind, Session, TotpSetupChallenge } from '@docspace/auth-helpers';
import { sessionKey } from '@docspace/auth-helpers/file-store';
import { type Account, listAccounts } from '../accounts.js';
import { removeAccount, saveProfile } from '../active-account.js';
import type { LoginOptions } from '../args.js';
import { checkStore, type OpenedAuth, openAuth } from '../auth.js';
import { blockTimeLeft } from '../block-countdown.js';
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
import { describeExpiry, palette, printJson, say, spinner } from '../ui.js';

type Prompts = typeof import('../prompts.js');

/** An API key saved by `login --with-api-key` (`sk-…`): no sign-out revokes it. */
const isApiKey = (token: string) => token.startsWith('sk-');

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

/** Tries for a password or a code at a terminal before giving up, as sudo and gh allow. */
export const TRIES = 3;

/**
 * `docspace-auth login`: checks that the address is a DocSpace portal, asks for what is missing (only on a
 * terminal; three tries for the password and the code), signs in, saves the session as the portal's active account
 * and revokes the token it replaces.
 */
export async function run(options: LoginOptions): Promise<number> {
  if (options.withApiKey) return (await import('./login-api-key.js')).runWithApiKey(options);
  const env = process.env;
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

/** What to do when the portal wants a code and there is no terminal to ask for one. */
function noCodeWithoutTerminal(challenge: SecondFactorChallenge): CliError {
  switch (challenge.kind) {
    case 'sms':
      return new CliError(
        'missing_input',
        `the portal sent a code by SMS to ${printable(challenge.phoneNoise ?? 'the phone')}, and standard input is not a terminal to type it in`,
        { hint: 'run `docspace-auth login` in a terminal' },
      );
    case 'totp-setup':
      return new CliError(
        'missing_input',
        `${challenge.userName} must set up an authenticator app first, and standard input is not a terminal to show the setup key on`,
        {
          hint: 'run `docspace-auth login` in a terminal once, or set DOCSPACE_TOTP_SECRET to the key the portal gave you',
        },
      );
    default:
      return new CliError(
        'missing_input',
        'the portal asks for a code from the authenticator app, and standard input is not a terminal to ask for it',
        { hint: 'give --code CODE, or set DOCSPACE_TOTP_SECRET to the app secret so codes are computed' },
      );
  }
}

/** Asks for the code in a terminal: says where it comes from; SMS codes are sent again only when asked (`r`). */
async function askForCode(
  challenge: SecondFactorChallenge,
  prompts: Prompts,
  spin: ReturnType<typeof spinner>,
): Promise<string> {
  const { bold, cyan, dim, yellow } = palette(process.stderr);
  let message: string;
  if (challenge.attempt > 1) {
    await prompts.warn(`The portal refused the code (try ${challenge.attempt} of ${TRIES}).`);
  }
  if (challenge.kind === 'sms') {
    if (challenge.attempt === 1)
      await prompts.explain(`A code was sent by SMS to ${bold(printable(challenge.phoneNoise ?? 'your phone'))}.`);
    message = 'Code from the SMS (or r to send a new one)';
  } else if (challenge.kind === 'totp-setup') {
    if (challenge.attempt === 1) await explainSetup(challenge, prompts, { bold, cyan, dim, yellow });
    message = 'Code the app shows now';
  } else {
    if (challenge.attempt === 1)
      await prompts.explain(`The portal asks for the code from the authenticator app of ${bold(challenge.userName)}.`);
    message = 'Code from the authenticator app';
  }
  for (;;) {
    const code = await prompts.askCode(message, challenge.kind === 'sms' ? ['r'] : []);
    if (challenge.kind !== 'sms' || code.toLowerCase() !== 'r') return code.replace(/[\s-]/g, '');
    spin.start('Sending a new code…');
    try {
      await challenge.resend();
      spin.stop();
      await prompts.explain(`A new code was sent by SMS to ${bold(printable(challenge.phoneNoise ?? 'your phone'))}.`);
    } catch (error) {
      spin.stop();
      const reason = error instanceof Error ? error.message : String(error);
      await prompts.warn(`No new code was sent: ${reason}`);
    }
  }
}

/** The setup screen: the key as text, the URI, and the QR code when it fits (or why it is not shown). */
async function explainSetup(
  challenge: TotpSetupChallenge,
  prompts: Prompts,
  { bold, cyan, dim, yellow }: Pick<ReturnType<typeof palette>, 'bold' | 'cyan' | 'dim' | 'yellow'>,
): Promise<void> {
  const key = challenge.tfaKey;
  const lines = [
    `${bold(challenge.userName)} must set up an authenticator app first (Google Authenticator, Authy, 1Password, ...).`,
    'Add this setup key to the app, or scan the QR code:',
    `  setup key: ${cyan(key.replace(/(.{4})(?=.)/g, '$1 '))}`,
  ];
  if (challenge.otpauthUri) {
    lines.push(`  URI:       ${dim(challenge.otpauthUri)}`);
    const { qrCode } = await import('../qr.js');
    const qr = qrCode(challenge.otpauthUri, process.stderr.columns, process.stderr.rows);
    if (qr.text) lines.push('', ...qr.text.split('\n'), '');
    else lines.push(yellow(qr.why ?? ''));
  }
  lines.push(yellow('Keep the key secret: it makes codes for this account.'));
  await prompts.explain(...lines);
}
