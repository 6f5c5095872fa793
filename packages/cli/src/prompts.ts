// Questions in a terminal (@clack/prompts), on stderr so that stdout keeps only the result. Loaded only when
// standard input is a terminal and something is missing.
import { CliError } from './errors.js';

// @clack/prompts is ESM only: import() it, also from the CommonJS build (and only when something must be asked).
const clack = () => import('@clack/prompts');

const io = { input: process.stdin, output: process.stderr };

function answer(value: string | symbol): string {
  if (typeof value === 'symbol') throw new CliError('cancelled', 'cancelled'); // clack's cancel symbol
  return value.trim();
}

const required = (what: string) => (value: string | undefined) => (value?.trim() ? undefined : `enter ${what}`);

/** Asks for the portal; Enter alone takes the remembered one (shown as the placeholder). */
export async function askPortal(remembered: string | undefined): Promise<string> {
  const { text } = await clack();
  return answer(
    await text({
      ...io,
      message: 'Portal address',
      placeholder: remembered ?? 'https://yourportal.onlyoffice.com',
      ...(remembered ? { defaultValue: remembered } : {}),
      validate: (value) => {
        if (!value?.trim()) return remembered ? undefined : 'enter the portal address';
        return /^https?:\/\//i.test(value.trim()) ? undefined : 'start it with https://';
      },
    }),
  );
}

/** Asks for the user; Enter alone takes the remembered one. */
export async function askUser(remembered: string | undefined): Promise<string> {
  const { text } = await clack();
  return answer(
    await text({
      ...io,
      message: 'User name or email',
      ...(remembered ? { placeholder: remembered, defaultValue: remembered } : {}),
      validate: (value) => (value?.trim() || remembered ? undefined : 'enter the user name or email'),
    }),
  );
}

/** The password: nothing is echoed, not even its length. */
export async function askPassword(user: string): Promise<string> {
  const { isCancel, password } = await clack();
  const value = await password({ ...io, message: `Password for ${user}`, mask: '', validate: required('the password') });
  if (isCancel(value)) throw new CliError('cancelled', 'cancelled');
  return value; // not trimmed: spaces can be part of a password
}

/** A second-factor code: shown as dots (codes are secrets too, if short-lived ones). */
export async function askCode(message: string): Promise<string> {
  const { password } = await clack();
  return answer(await password({ ...io, message, mask: '•', validate: required('the code') }));
}
