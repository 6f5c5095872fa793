import { parseArgs } from 'node:util';
import { usageError } from './errors.js';

/** Options every command takes. */
export interface CommonOptions {
  portal: string | undefined;
  user: string | undefined;
  configDir: string | undefined;
  json: boolean;
  help: boolean;
  /** Allow plain http to a portal that is not this machine (with a warning on every use). */
  insecureHttp: boolean;
}

export interface LoginOptions extends CommonOptions {
  code: string | undefined;
  /** Read the password from standard input (everything up to the first newline). */
  passwordStdin: boolean;
  /** Sign in with an API key from DOCSPACE_API_KEY or the first line of standard input. */
  withApiKey: boolean;
}

export const COMMANDS = ['login', 'status', 'switch', 'whoami', 'token', 'logout'] as const;
export type Command = (typeof COMMANDS)[number];

export const isCommand = (name: string): name is Command => (COMMANDS as readonly string[]).includes(name);

const COMMON = {
  portal: { type: 'string' },
  user: { type: 'string' },
  'config-dir': { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  'insecure-http': { type: 'boolean' },
} as const;

const LOGIN = {
  ...COMMON,
  code: { type: 'string' },
  'password-stdin': { type: 'boolean' },
  'with-api-key': { type: 'boolean' },
} as const;

/** A password on the command line is seen by every user of the machine (ps) and kept in the shell's history. */
const passwordFlag = (args: string[]) => args.some((a) => a === '--password' || a.startsWith('--password='));

/** Parses a command's flags (node:util parseArgs, strict: unknown flags and stray arguments are errors). */
export function parseCommand(command: Command, args: string[]): LoginOptions {
  let values: Record<string, string | boolean | undefined>;
  if (passwordFlag(args)) {
    throw usageError(
      'there is no --password option: a password on the command line is visible to other users and kept in the shell history',
      'set DOCSPACE_PASSWORD, or pipe it in with --password-stdin (e.g. `pass show docspace | docspace-auth login --password-stdin`)',
    );
  }
  try {
    const options = command === 'login' ? LOGIN : COMMON;
    values = parseArgs({ args, strict: true, allowPositionals: false, options }).values as typeof values;
  } catch (error) {
    // parseArgs explains itself ("Unknown option '--x'", "Option '--portal <value>' argument missing", ...), except
    // that it repeats a stray argument, which could be a password typed in the wrong place: that one is not repeated.
    const { code } = error as { code?: string };
    const message =
      code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL'
        ? 'unexpected argument: this command takes options only'
        : error instanceof Error
          ? error.message.replace(/\. To specify.*$/s, '')
          : String(error);
    throw usageError(message, `run "docspace-auth ${command} --help" for the options`);
  }
  const text = (name: string): string | undefined => {
    const value = values[name];
    if (value === undefined) return undefined;
    if (typeof value !== 'string' || value.trim() === '') throw usageError(`--${name} needs a non-empty value`);
    return value.trim();
  };
  return {
    portal: text('portal'),
    user: text('user'),
    configDir: text('config-dir'),
    json: values.json === true,
    help: values.help === true,
    insecureHttp: values['insecure-http'] === true,
    code: text('code'),
    passwordStdin: values['password-stdin'] === true,
    withApiKey: values['with-api-key'] === true,
  };
}
