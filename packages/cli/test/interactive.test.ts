// `docspace-auth login` in a real pseudo-terminal (node-pty): the password typed at a hidden prompt, the code typed at
// the code prompt, an SMS sent again with `r`, the setup key (and QR code) of an account without its app yet.
import { BOB_TOTP_SECRET, DAVE_TOTP_SECRET } from '@docspace/emulator';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT, leaks, PASSWORDS, readSessions, run, savedToken, tempConfigDir } from './support/cli.js';
import { useEmulator } from './support/emulator.js';
import { inTerminal } from './support/pty.js';

leaks.secret(BOB_TOTP_SECRET, "bob's TOTP secret");
leaks.secret(DAVE_TOTP_SECRET, "dave's TOTP secret");
const emulator = useEmulator();
const base = tempConfigDir();
let dirs = 0;
const freshEnv = () => ({ DOCSPACE_AUTH_CONFIG_DIR: join(base, String(++dirs)) });

describe('login in a terminal', () => {
  it('asks for the portal, the user and the password; the password is not echoed', async () => {
    const env = freshEnv();
    const term = inTerminal(['login'], { env });
    await term.expect(/Portal address/);
    term.type(`${emulator.url}\r`);
    await term.expect(/User name or email/);
    term.type('alice@example.com\r');
    await term.expect(/Password for alice@example\.com/);
    term.type(`${PASSWORDS.alice}\r`);
    await term.expect(/Signed in to .* as alice@example\.com/);
    expect(await term.exited).toBe(EXIT.ok);
    savedToken(env.DOCSPACE_AUTH_CONFIG_DIR, emulator.url, 'alice@example.com');
    expect(term.output).not.toContain(PASSWORDS.alice);
    expect(term.output).not.toMatch(/•{5}/); // not even its length
  });

  it('remembers the portal and the user for the next sign-in', async () => {
    const env = freshEnv();
    const first = inTerminal(['login', '--portal', emulator.url, '--user', 'alice@example.com'], { env });
    await first.expect(/Password for/);
    first.type(`${PASSWORDS.alice}\r`);
    expect(await first.exited).toBe(EXIT.ok);

    const again = inTerminal(['login'], { env });
    await again.expect(new RegExp(`Portal address[\\s\\S]*${emulator.url.replace(/[.:/]/g, '\\$&')}`));
    again.type('\r');
    await again.expect(/User name or email[\s\S]*alice@example\.com/);
    again.type('\r');
    await again.expect(/Password for alice@example\.com/);
    again.type(`${PASSWORDS.alice}\r`);
    expect(await again.exited).toBe(EXIT.ok);
  });

  it('bob: says the code comes from the authenticator app, and takes it at the prompt', async () => {
    const env = freshEnv();
    const term = inTerminal(['login', '--portal', emulator.url, '--user', 'bob@example.com'], { env });
    await term.expect(/Password for bob@example\.com/);
    term.type(`${PASSWORDS.bob}\r`);
    await term.expect(/code from the authenticator app of bob@example\.com/);
    await term.expect(/Code from the authenticator app/);
    const code = emulator.current.totp('bob@example.com');
    // A code is echoed as typed (digits people compare with their phone), so it is not a secret of the leak check here.
    term.type(`${code}\r`);
    await term.expect(new RegExp(`Code from the authenticator app[\\s\\S]*${code}`));
    await term.expect(/Signed in to .* as bob@example\.com/);
    expect(await term.exited).toBe(EXIT.ok);
    savedToken(env.DOCSPACE_AUTH_CONFIG_DIR, emulator.url, 'bob@example.com');
  });

  it('bob: a wrong code is asked again (three tries in all), then refused with exit 3', async () => {
    const term = inTerminal(['login', '--portal', emulator.url, '--user', 'bob@example.com'], { env: freshEnv() });
    await term.expect(/Password for/);
    term.type(`${PASSWORDS.bob}\r`);
    await term.expect(/Code from the authenticator app/);
    term.type('000000\r');
    await term.expect(/refused the code \(try 2 of 3\)/);
    await term.expect(/Code from the authenticator app/);
    term.type('000001\r');
    await term.expect(/refused the code \(try 3 of 3\)/);
    await term.expect(/Code from the authenticator app/);
    term.type('000002\r');
    await term.expect(/refused the code.*\(invalid_code\)/);
    expect(await term.exited).toBe(EXIT.refused);
    // One sign-in with the password, three codes: no new first step per try.
    expect(
      emulator.current.requests.filter((r) => r.path === '/api/2.0/authentication' && r.method === 'POST'),
    ).toHaveLength(1);
  });

  it('carol: a wrong SMS code is asked again without a new SMS; the right one signs in', async () => {
    const env = freshEnv();
    const term = inTerminal(['login', '--portal', emulator.url, '--user', 'carol@example.com'], {
      env: { ...env, DOCSPACE_PASSWORD: PASSWORDS.carol },
    });
    await term.expect(/Code from the SMS/);
    term.type('000000\r');
    await term.expect(/refused the code \(try 2 of 3\)/);
    await term.expect(/Code from the SMS/);
    expect(emulator.current.sms.messages).toHaveLength(1);
    term.type(`${emulator.current.sms.lastCodeFor('carol@example.com')}\r`);
    await term.expect(/Signed in to .* as carol@example\.com/);
    expect(await term.exited).toBe(EXIT.ok);
    expect(emulator.current.sms.messages).toHaveLength(1);
    savedToken(env.DOCSPACE_AUTH_CONFIG_DIR, emulator.url, 'carol@example.com');
  });

  it('a typo in the password, then the right one: signed in on the second try', async () => {
    const env = freshEnv();
    const term = inTerminal(['login', '--portal', emulator.url, '--user', 'alice@example.com'], { env });
    await term.expect(/Password for alice@example\.com/);
    leaks.secret('alice-pasword', 'a mistyped password');
    term.type('alice-pasword\r');
    await term.expect(/refused the user name or password \(try 2 of 3\)/);
    await term.expect(/Password for alice@example\.com/);
    term.type(`${PASSWORDS.alice}\r`);
    await term.expect(/Signed in to .* as alice@example\.com/);
    expect(await term.exited).toBe(EXIT.ok);
    savedToken(env.DOCSPACE_AUTH_CONFIG_DIR, emulator.url, 'alice@example.com');
  });

  it('three wrong passwords: exit 3, like sudo', async () => {
    const term = inTerminal(['login', '--portal', emulator.url, '--user', 'alice@example.com'], { env: freshEnv() });
    for (const attempt of [1, 2, 3]) {
      await term.expect(/◆\s+Password for alice@example\.com/); // the active prompt, not the answered one
      leaks.secret(`wrong-${attempt}`, 'a wrong password');
      term.type(`wrong-${attempt}\r`);
    }
    await term.expect(/refused the user name or password \(invalid_credentials\)/);
    expect(await term.exited).toBe(EXIT.refused);
  });

  it('carol: the SMS goes to the masked number; r sends a new code, which signs in', async () => {
    const env = freshEnv();
    const term = inTerminal(['login', '--portal', emulator.url, '--user', 'carol@example.com'], {
      env: { ...env, DOCSPACE_PASSWORD: PASSWORDS.carol },
    });
    await term.expect(/A code was sent by SMS to \+1555\*+0123/);
    await term.expect(/Code from the SMS \(or r to send a new one\)/);
    expect(emulator.current.sms.messages).toHaveLength(1);
    // SMS codes are typed at an echoing prompt (and the seeded emulator repeats them across tests): not leak-checked.
    term.type('r\r');
    await term.expect(/A new code was sent by SMS to \+1555\*+0123/);
    expect(emulator.current.sms.messages).toHaveLength(2);
    const second = emulator.current.sms.lastCodeFor('carol@example.com');
    await term.expect(/Code from the SMS/);
    term.type(`${second}\r`);
    await term.expect(/Signed in to .* as carol@example\.com/);
    expect(await term.exited).toBe(EXIT.ok);
    savedToken(env.DOCSPACE_AUTH_CONFIG_DIR, emulator.url, 'carol@example.com');
  });

  it('dave: shows the setup key, the otpauth URI and a QR code, then takes the first code', async () => {
    const env = freshEnv();
    const term = inTerminal(['login', '--portal', emulator.url, '--user', 'dave@example.com'], {
      env: { ...env, DOCSPACE_PASSWORD: PASSWORDS.dave },
      // The setup screen exists to show the key.
      allowed: [DAVE_TOTP_SECRET],
    });
    await term.expect(/dave@example\.com must set up an authenticator app first/);
    await term.expect(/setup key: GEZD GNBV GY3T QOJQ/);
    await term.expect(/otpauth:\/\/totp\/[^\s]*secret=GEZDGNBVGY3TQOJQ/);
    await term.expect(/[█▀▄]{20,}/); // the QR code
    await term.expect(/Code the app shows now/);
    const code = emulator.current.totp('dave@example.com');
    term.type(`${code}\r`);
    await term.expect(/Signed in to .* as dave@example\.com/);
    expect(await term.exited).toBe(EXIT.ok);
    expect(readSessions(env.DOCSPACE_AUTH_CONFIG_DIR).sessions).toHaveProperty([
      `docspace-auth:${emulator.url}:dave@example.com`,
    ]);
    savedToken(env.DOCSPACE_AUTH_CONFIG_DIR, emulator.url, 'dave@example.com');
  });

  it('dave in a narrow terminal: the key and URI, no QR code', async () => {
    const term = inTerminal(['login', '--portal', emulator.url, '--user', 'dave@example.com', '--json'], {
      env: { ...freshEnv(), DOCSPACE_PASSWORD: PASSWORDS.dave },
      cols: 40,
      allowed: [DAVE_TOTP_SECRET],
    });
    await term.expect(/Code the app shows now/);
    expect(term.output).toMatch(/GEZD GNBV GY3T QOJQ/);
    expect(term.output).not.toMatch(/[█▀▄]{20,}/);
    // Says why, and what to do: enlarge the window, or type the key.
    expect(term.output).toMatch(/No QR code: it needs a terminal of \d+×\d+ characters and this one is 40×50/);
    expect(term.output).toMatch(/Make the window larger .* or type the setup key into the app/s);
    const code = emulator.current.totp('dave@example.com');
    term.type(`${code}\r`);
    expect(await term.exited).toBe(EXIT.ok);
    // --json in a terminal: the prompts go to stderr, the result to stdout (both on the terminal here).
    expect(term.output).toMatch(/"secondFactor": "totp-setup"/);
  });

  it('Ctrl+C at a prompt cancels with exit 130 and saves nothing', async () => {
    const env = freshEnv();
    const term = inTerminal(['login', '--portal', emulator.url, '--user', 'alice@example.com'], { env });
    await term.expect(/Password for/);
    term.type('\u0003');
    expect(await term.exited).toBe(EXIT.cancelled);
    // Quiet: no "error: cancelled (cancelled)", nothing after the prompt but clack's own line.
    expect(term.output).not.toMatch(/error:|\(cancelled\)/);
    expect(() => readSessions(env.DOCSPACE_AUTH_CONFIG_DIR)).toThrow(/ENOENT/);
  });
});

describe('colours and the spinner', () => {
  it('on a terminal: colours, unless NO_COLOR is set; through pipes: never', async () => {
    const env = freshEnv();
    const login = inTerminal(['login', '--portal', emulator.url, '--user', 'alice@example.com'], { env });
    await login.expect(/Password for/);
    login.type(`${PASSWORDS.alice}\r`);
    expect(await login.exited).toBe(EXIT.ok);
    expect(login.raw).toContain('\u001b[32m✓'); // the green tick
    expect(login.output).toMatch(/[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] Signing in to/); // the spinner

    const coloured = inTerminal(['status'], { env });
    expect(await coloured.exited).toBe(EXIT.ok);
    expect(coloured.raw).toContain('\u001b[32m✓');

    const plainTerminal = inTerminal(['status'], { env: { ...env, NO_COLOR: '1' } });
    expect(await plainTerminal.exited).toBe(EXIT.ok);
    expect(plainTerminal.output).toMatch(/✓ Signed in to/);
    expect(plainTerminal.raw).not.toMatch(/\u001b\[3\dm/);

    const piped = await run(['status'], { env });
    expect(piped.code).toBe(EXIT.ok);
    expect(piped.stdout).toMatch(/✓ Signed in to/);
    expect(`${piped.stdout}${piped.stderr}`).not.toContain('\u001b');
    expect(piped.stderr).toBe('');
  });
});
