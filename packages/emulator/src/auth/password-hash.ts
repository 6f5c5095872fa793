import { pbkdf2Sync } from 'node:crypto';

/**
 * How the emulator's portal hashes passwords on the client side (the values a real portal publishes
 * at `GET /api/2.0/settings?withpassword=true`): PBKDF2-HMAC-SHA256 over the password with the UTF-8
 * bytes of `salt`, `iterations` rounds, `size` bits, sent as lower-case hex in `passwordHash`.
 * The salt is fixed for every emulator so tests and other tools can compute hashes offline.
 */
export const PASSWORD_HASH_SETTINGS = Object.freeze({
  size: 256,
  iterations: 100_000,
  salt: 'docspace-emulator-password-salt',
});

/** The `passwordHash` a client sends for `password` (lower-case hex PBKDF2-HMAC-SHA256, see {@link PASSWORD_HASH_SETTINGS}). */
export function hashPassword(password: string): string {
  const { salt, iterations, size } = PASSWORD_HASH_SETTINGS;
  return pbkdf2Sync(password, Buffer.from(salt, 'utf8'), iterations, size / 8, 'sha256').toString('hex');
}
