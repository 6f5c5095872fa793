import { Secret, TOTP } from 'otpauth';

/** TOTP parameters of the server's authenticator-app check (RFC 6238). */
export const TOTP_SETTINGS = Object.freeze({
  algorithm: 'SHA1',
  digits: 6,
  periodSeconds: 30,
  /** Steps accepted either side of the current one (the server's 5-minute drift tolerance). */
  window: 10,
});

/**
 * The 6-digit code an authenticator app shows for a Base32 `secret` at `atMs` (default: now).
 * Tests compute codes with it, passing `emulator.clock.now()` when they moved the emulator clock.
 */
export function totpCode(secret: string, atMs: number = Date.now()): string {
  return TOTP.generate({
    secret: Secret.fromBase32(secret),
    algorithm: TOTP_SETTINGS.algorithm,
    digits: TOTP_SETTINGS.digits,
    period: TOTP_SETTINGS.periodSeconds,
    timestamp: atMs,
  });
}

/** Whether `code` (trimmed) is the code of any step from 10 before to 10 after the one at `atMs`. */
export function verifyTotp(secret: string, code: string, atMs: number): boolean {
  const token = code.trim();
  if (!/^\d{6}$/.test(token)) return false;
  const delta = TOTP.validate({
    token,
    secret: Secret.fromBase32(secret),
    algorithm: TOTP_SETTINGS.algorithm,
    digits: TOTP_SETTINGS.digits,
    period: TOTP_SETTINGS.periodSeconds,
    timestamp: atMs,
    window: TOTP_SETTINGS.window,
  });
  return delta !== null;
}
