import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { corsOrigins } from './cors.js';
import { startEmulator } from './emulator.js';
import type { Emulator, EmulatorUser } from './types.js';
import { InvalidUsersError, validateUsers } from './user-validation.js';

const USAGE = `Usage: docspace-emulator [--port N] [--host H] [--users FILE] [--seed N] [--cors-origin ORIGIN]...
                         [--control] [--trust-proxy]

Runs a local emulator of the ONLYOFFICE DocSpace authentication API until stopped (Ctrl+C).
The first line printed is "listening on <url>".

Options:
  --port N        TCP port (default 0: a free port)
  --host H        interface to listen on (default 127.0.0.1)
  --users FILE    JSON array of users instead of the demo users
  --seed N        seed for the fault dice (default: random)
  --cors-origin ORIGIN
                  answer CORS with credentials for pages on ORIGIN (repeatable), e.g.
                  http://localhost:5173; for local development only
  --control       turn on the test-only /__emulator/ endpoints, guarded by a key sent as X-Emulator-Key:
                  the key in DOCSPACE_EMULATOR_CONTROL_KEY (16 to 256 visible ASCII characters), else a
                  random one, printed on the second line as "control key <key>"
  --trust-proxy   take the client address from X-Forwarded-For (only behind a proxy that sets it)
  -h, --help      show this help
`;

/** The environment variable that hands the command a control key (not visible in the process list). */
const CONTROL_KEY_ENV = 'DOCSPACE_EMULATOR_CONTROL_KEY';

/** A command-line mistake: message on stderr, exit code 2. */
class UsageError extends Error {}

function parseInteger(name: string, value: string, max: number): number {
  if (!/^\d+$/.test(value) || Number(value) > max) {
    throw new UsageError(`--${name} must be an integer from 0 to ${max}, got ${JSON.stringify(value)}`);
  }
  return Number(value);
}

function readUsers(file: string): EmulatorUser[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`--users: cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`--users: ${file} is not valid JSON: ${(error as Error).message}`);
  }
  try {
    return validateUsers(json);
  } catch (error) {
    if (error instanceof InvalidUsersError) throw new UsageError(`--users: ${file}: ${error.message}`);
    throw error;
  }
}

async function main(argv: string[]): Promise<void> {
  let options: {
    port: number;
    host: string;
    users: EmulatorUser[] | undefined;
    seed: number | undefined;
    corsOrigins: string[] | undefined;
    control: boolean;
    trustProxy: boolean;
  };
  try {
    const { values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        users: { type: 'string' },
        seed: { type: 'string' },
        'cors-origin': { type: 'string', multiple: true },
        control: { type: 'boolean' },
        'trust-proxy': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    if (values.help) {
      process.stdout.write(USAGE);
      return;
    }
    if (values.host !== undefined && values.host.trim() === '') throw new UsageError('--host must not be empty');
    options = {
      port: values.port === undefined ? 0 : parseInteger('port', values.port, 65535),
      host: values.host ?? '127.0.0.1',
      users: values.users === undefined ? undefined : readUsers(values.users),
      seed: values.seed === undefined ? undefined : parseInteger('seed', values.seed, 2 ** 32 - 1),
      corsOrigins: values['cors-origin'],
      control: values.control === true,
      trustProxy: values['trust-proxy'] === true,
    };
    try {
      if (options.corsOrigins) corsOrigins({ origins: options.corsOrigins });
    } catch (error) {
      throw new UsageError(`--cors-origin: ${(error as Error).message.replace(/^cors\.origins\[\d+\] /, '')}`);
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`docspace-emulator: ${message}\nRun "docspace-emulator --help" for usage.\n`);
    process.exitCode = 2;
    return;
  }

  const givenKey = process.env[CONTROL_KEY_ENV];
  let emulator: Emulator;
  try {
    emulator = await startEmulator({
      port: options.port,
      host: options.host,
      ...(options.users ? { users: options.users } : {}),
      ...(options.seed !== undefined ? { seed: options.seed } : {}),
      ...(options.corsOrigins ? { cors: { origins: options.corsOrigins } } : {}),
      ...(options.control ? { controlPlane: givenKey ? { key: givenKey } : true } : {}),
      ...(options.trustProxy ? { trustProxy: true } : {}),
    });
  } catch (error) {
    process.stderr.write(
      `docspace-emulator: cannot start: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exitCode = 1;
    return;
  }
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    emulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  // Handlers first: whoever reads the line below may signal at once.
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  process.stdout.write(`listening on ${emulator.url}\n`);
  // A key the caller chose is not echoed; a generated one is the caller's only way to learn it.
  if (emulator.controlKey !== undefined && !givenKey) process.stdout.write(`control key ${emulator.controlKey}\n`);
}

void main(process.argv.slice(2));
