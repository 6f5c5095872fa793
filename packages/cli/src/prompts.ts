// Questions in a terminal (@clack/prompts), on stderr so that stdout keeps only the result. Loaded only when
// standard input is a terminal and something is missing. Lines that explain something are written inside the
// prompts' gutter (clack's log), so the questions and their explanations read as one block.
import { CliError } from './errors.js';

// @clack/prompts is ESM only: import() it, also from the CommonJS build (and only when something must be asked).
const clack = () => import('@clack/prompts');

const io = { input: process.stdin, output: process.stderr };

/** Ctrl+C (or Escape) at a prompt: the command ends with 130 and says nothing more. */
export const cancelled = () => new CliError('cancelled', 'cancelled');

function answer(value: string | symbol): string {
  if (typeof value === 'symbol') throw cancelled(); // clack's cancel symbol
  return value.trim();
}

const required = (what: string) => (value: string | undefined) => (value?.trim() ? undefined : `enter ${what}`);

/** Explanatory lines, in the prompts' gutter. */
export async function explain(...lines: string[]): Promise<void> {
  const { log } = await clack();
  log.message(lines, { output: process.stderr, spacing: 0 });
}

/** A warning in the gutter (a wrong password, a refused code). */
export async function warn(message: string): Promise<void> {
  const { log } = await clack();
  log.warn(message, { output: process.stderr });
}

/** Asks for the portal; Enter alone takes the remembered one (shown as the placeholder). A bare host means https. */
export async function askPortal(remembered: string | undefined): Promise<string> {
  const { text } = await clack();
  return answer(
    await text({
      ...io,
      message: 'Portal address',
      placeholder: remembered ?? 'yourportal.onlyoffice.com',
      ...(remembered ? { defaultValue: remembered } : {}),
      validate: (value) => (value?.trim() || remembered ? undefined : 'enter the portal address'),
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
  const value = await password({
    ...io,
    message: `Password for ${user}`,
    mask: '',
    validate: required('the password'),
  });
  if (isCancel(value)) throw cancelled();
  return value; // not trimmed: spaces can be part of a password
}

/**
 * A second-factor code, echoed as typed (digits are what people compare with their phone; a code is good once and
 * for seconds). `extra` lists other accepted answers (`r` for a new SMS).
 */
export async function askCode(message: string, extra: readonly string[] = []): Promise<string> {
  const { text } = await clack();
  return answer(
    await text({
      ...io,
      message,
      validate: (value) => {
        const v = value?.trim() ?? '';
        if (v === '') return 'enter the code';
        if (extra.includes(v.toLowerCase())) return undefined;
        return /^[0-9 -]{4,12}$|^[a-z0-9-]{6,20}$/i.test(v) ? undefined : 'enter the digits the code has';
      },
    }),
  );
}

/** Picks one of `choices` (arrow keys and Enter); `initial` is selected at first. */
export async function choose<T>(
  message: string,
  choices: readonly { value: T; label: string; hint?: string }[],
  initial?: T,
): Promise<T> {
  const { isCancel, select } = await clack();
  const options = choices.map((c) => ({ value: c.value, label: c.label, ...(c.hint ? { hint: c.hint } : {}) }));
  const value = await select({
    ...io,
    message,
    options: options as never,
    ...(initial !== undefined ? { initialValue: initial } : {}),
  });
  if (isCancel(value)) throw cancelled();
  return value as T;
}
