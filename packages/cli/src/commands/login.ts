import type { SecondFactorChallenge, SecondFactorKind } from '@docspace/auth-helpers';
import type { LoginOptions } from '../args.js';
import { checkStore, openAuth } from '../auth.js';
import { readConfig, writeConfig } from '../config.js';
import { CliError, missingInput } from '../errors.js';
import { configDir, sessionsFile } from '../paths.js';
import { describeExpiry, note, palette, printJson, say, spinner } from '../ui.js';

type Prompts = typeof import('../prompts.js');

/** `docspace-auth login`: asks for what is missing (only on a terminal), signs in, saves the session. */
export async function run(options: LoginOptions): Promise<number> {
  const env = process.env;
  const interactive = process.stdin.isTTY === true;
  const prompts: Prompts | undefined = interactive ? await import('../prompts.js') : undefined;
  const dir = configDir(options.configDir, env);
  const remembered = readConfig(dir);
  const spin = spinner(!options.json);

  const address =
    options.portal ??
    (env.DOCSPACE_PORTAL?.trim() || undefined) ??
    (prompts ? await prompts.askPortal(remembered.portal) : undefined);
  if (!address) throw missingInput('the portal address', '--portal URL', 'DOCSPACE_PORTAL');

  let secondFactorUsed: SecondFactorKind | 'none' = 'none';
  // Checks the address (https, or http to loopback only) before anything is asked or sent.
  const opened = await openAuth(address, sessionsFile(dir), {
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
      options.user ??
      (env.DOCSPACE_USER?.trim() || undefined) ??
      (prompts ? await prompts.askUser(remembered.portal === auth.portal ? remembered.user : undefined) : undefined);
    if (!user) throw missingInput('the user name', '--user NAME', 'DOCSPACE_USER');
    const password = env.DOCSPACE_PASSWORD || (prompts ? await prompts.askPassword(user) : undefined);
    if (!password) throw missingInput('the password', undefined, 'DOCSPACE_PASSWORD');

    spin.start(`Signing in to ${auth.portal}…`);
    const session = await auth.login({ userName: user, password, code: options.code });
    spin.stop();
    checkStore(opened, 'signed in');
    await writeConfig(dir, { portal: session.portal, user: session.userName });

    const result = {
      portal: session.portal,
      user: session.userName,
      expires: session.expires ? session.expires.toISOString() : null,
      secondFactor: secondFactorUsed as SecondFactorKind | 'none',
    };
    if (options.json) {
      printJson({ signedIn: true, ...result });
    } else {
      const { green, bold, dim } = palette(process.stdout);
      say(`${green('✓')} Signed in to ${bold(result.portal)} as ${bold(result.user)}`);
      say(dim(`  token saved in ${sessionsFile(dir)}, valid ${describeExpiry(result.expires)}`));
    }
    return 0;
  } finally {
    spin.stop();
    auth.dispose();
  }
}

/** What to do when the portal wants a code and there is no terminal to ask for one. */
function noCodeWithoutTerminal(challenge: SecondFactorChallenge): CliError {
  switch (challenge.kind) {
    case 'sms':
      return new CliError(
        'missing_input',
        `the portal sent a code by SMS to ${challenge.phoneNoise ?? 'the phone'}, and standard input is not a terminal to type it in`,
        { hint: 'run `docspace-auth login` in a terminal' },
      );
    case 'totp-setup':
      return new CliError(
        'missing_input',
        `${challenge.userName} must set up an authenticator app first, and standard input is not a terminal to show the setup key on`,
        { hint: 'run `docspace-auth login` in a terminal once, or set DOCSPACE_TOTP_SECRET to the key the portal gave you' },
      );
    default:
      return new CliError(
        'missing_input',
        'the portal asks for a code from the authenticator app, and standard input is not a terminal to ask for it',
        { hint: 'give --code CODE, or set DOCSPACE_TOTP_SECRET to the app secret so codes are computed' },
      );
  }
}

/** Asks for the code in a terminal: says where it comes from; SMS codes can be sent again with `r`. */
async function askForCode(
  challenge: SecondFactorChallenge,
  prompts: Prompts,
  spin: ReturnType<typeof spinner>,
): Promise<string> {
  const { bold, cyan, dim, yellow } = palette(process.stderr);
  let message: string;
  if (challenge.kind === 'sms') {
    note(`A code was sent by SMS to ${bold(challenge.phoneNoise ?? 'your phone')}.`);
    message = 'Code from the SMS (or r to send a new one)';
  } else if (challenge.kind === 'totp-setup') {
    const key = challenge.tfaKey ?? '';
    note(`${bold(challenge.userName)} must set up an authenticator app first (Google Authenticator, Authy, 1Password, ...).`);
    note('Add this setup key to the app, or scan the QR code:');
    note(`  setup key: ${cyan(key.replace(/(.{4})(?=.)/g, '$1 '))}`);
    if (challenge.otpauthUri) {
      note(`  URI:       ${dim(challenge.otpauthUri)}`);
      const { qrCode } = await import('../qr.js');
      const qr = qrCode(challenge.otpauthUri, process.stderr.columns, process.stderr.rows);
      if (qr) note(`\n${qr}\n`);
    }
    note(yellow('Keep the key secret: it makes codes for this account.'));
    message = 'Code the app shows now';
  } else {
    note(`The portal asks for the code from the authenticator app of ${bold(challenge.userName)}.`);
    message = 'Code from the authenticator app';
  }
  for (;;) {
    const code = await prompts.askCode(message);
    if (challenge.kind !== 'sms' || code.toLowerCase() !== 'r') return code;
    spin.start('Sending a new code…');
    try {
      await challenge.resend();
      spin.stop();
      note(`A new code was sent by SMS to ${bold(challenge.phoneNoise ?? 'your phone')}.`);
    } catch (error) {
      spin.stop();
      const reason = error instanceof Error ? error.message : String(error);
      note(`${yellow('warning:')} no new code was sent: ${reason}`);
    }
  }
}
