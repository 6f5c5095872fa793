// Asking for the second-factor code in a terminal (the app code, an SMS code with `r` to resend, the first-time
// setup screen with its QR code), and what to say when there is no terminal to ask in.
import type { SecondFactorChallenge, TotpSetupChallenge } from '@docspace/auth-helpers';
import { CliError } from './errors.js';
import { printable } from './printable.js';
import { palette, type spinner } from './ui.js';

type Prompts = typeof import('./prompts.js');

/** Tries for a password or a code at a terminal before giving up, as sudo and gh allow. */
export const TRIES = 3;

/** What to do when the portal wants a code and there is no terminal to ask for one. */
export function noCodeWithoutTerminal(challenge: SecondFactorChallenge): CliError {
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
export async function askForCode(
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
    const { qrCode } = await import('./qr.js');
    const qr = qrCode(challenge.otpauthUri, process.stderr.columns, process.stderr.rows);
    if (qr.text) lines.push('', ...qr.text.split('\n'), '');
    else lines.push(yellow(qr.why ?? ''));
  }
  lines.push(yellow('Keep the key secret: it makes codes for this account.'));
  await prompts.explain(...lines);
}
