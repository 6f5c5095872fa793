// `docspace-auth`: the entry point. It loads only what the command needs: argument parsing is node:util's, help
// texts are strings, and each command but `token` is a lazy import() (its own chunk in dist/), so
// `docspace-auth token` never loads the HTTP client, valibot or the prompts.
import { type Command, isCommand, type LoginOptions, parseCommand } from './args.js';
import { reportOf, usageError } from './errors.js';
import { printable } from './printable.js';
import { run as token } from './commands/token.js';
import { palette, printJson } from './ui.js';

type Run = (options: LoginOptions) => Promise<number>;

const commands: Record<Command, () => Promise<{ run: Run }>> = {
  login: () => import('./commands/login.js'),
  status: () => import('./commands/status.js'),
  switch: () => import('./commands/switch.js'),
  whoami: () => import('./commands/whoami.js'),
  // The hot path of scripts (`$(docspace-auth token)`), and small: part of this file rather than a chunk.
  token: async () => ({ run: token }),
  logout: () => import('./commands/logout.js'),
};

/** Names an unknown command, unless it does not look like one (it might be a password typed in the wrong place). */
const unknownCommand = (name: string) =>
  usageError(
    /^[a-z][a-z-]{0,30}$/.test(name) ? `unknown command "${name}"` : 'unknown command',
    'run "docspace-auth --help" for the commands',
  );

/** The help texts: a chunk of their own, so that `token` does not parse them. */
const help = () => import('./help.js');

/** The package version, put in by the build (tsdown.config.ts). */
declare const __VERSION__: string;

async function main(argv: string[]): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined) {
    process.stderr.write((await help()).MAIN_HELP);
    return 2;
  }
  if (first === '-h' || first === '--help') {
    process.stdout.write((await help()).MAIN_HELP);
    return 0;
  }
  if (first === '-V' || first === '--version') {
    process.stdout.write(`${__VERSION__}\n`);
    return 0;
  }
  if (first === 'help') {
    const topic = rest[0];
    if (topic !== undefined && !isCommand(topic)) throw unknownCommand(topic);
    const { COMMAND_HELP, MAIN_HELP } = await help();
    process.stdout.write(topic === undefined ? MAIN_HELP : (COMMAND_HELP[topic] ?? MAIN_HELP));
    return 0;
  }
  if (!isCommand(first)) {
    throw unknownCommand(first);
  }
  const options = parseCommand(first, rest);
  if (options.help) {
    const { COMMAND_HELP, MAIN_HELP } = await help();
    process.stdout.write(COMMAND_HELP[first] ?? MAIN_HELP);
    return 0;
  }
  const { run } = await commands[first]();
  return run(options);
}

/**
 * Reports a failure and gives the exit code. With --json the error is one JSON document on stdout and nothing is
 * written to stderr (scripts read one stream); otherwise a message and a hint on stderr. Ctrl+C at a prompt is
 * quiet: the shell already shows ^C, and 130 says the rest.
 */
function fail(error: unknown, json: boolean): number {
  const report = reportOf(error);
  if (json) {
    const { exitCode, ...rest } = report;
    printJson({ error: { ...rest, exitCode } });
  } else if (report.code !== 'cancelled') {
    const { red, dim } = palette(process.stderr);
    process.stderr.write(`${red('error:')} ${report.message} ${dim(`(${report.code})`)}\n`);
    if (report.serverMessage) process.stderr.write(dim(`  the portal said: ${printable(report.serverMessage)}\n`));
    if (report.hint) process.stderr.write(`  ${report.hint}\n`);
  } else if (process.stderr.isTTY) {
    process.stderr.write('\n');
  }
  if (process.env.DEBUG && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  return report.exitCode;
}

/**
 * Ends the process once stdout and stderr are flushed: fetch's idle keep-alive connection would otherwise hold
 * it open for a while after the work is done.
 */
function exit(code: number): void {
  process.exitCode = code;
  let pending = 2;
  const done = () => {
    if (--pending === 0) process.exit(code);
  };
  process.stdout.write('', done);
  process.stderr.write('', done);
}

const argv = process.argv.slice(2);
main(argv).then(exit, (error: unknown) => exit(fail(error, argv.includes('--json'))));
