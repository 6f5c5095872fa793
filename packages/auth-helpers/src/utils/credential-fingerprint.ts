// A value that tells whether two sign-ins used the same credentials without revealing them: shared memory of a
// refused password (SignInCoordinator) keeps this, never the password.

const encoder = new TextEncoder();
const hex = (bytes: ArrayBuffer) => Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, '0')).join('');

/** PBKDF2 iterations: slow enough that a stored fingerprint is no shortcut to a password, cheap once per sign-in. */
export const FINGERPRINT_ITERATIONS = 100_000;

/**
 * PBKDF2-HMAC-SHA-256 of the password, salted with the subject (portal and user), as 64 hex digits. WebCrypto, so
 * the same in Node and in browsers.
 */
export async function credentialFingerprint(subject: string, password: string): Promise<string> {
  const key = await crypto.subtle.importKey('raw', encoder.encode(password), 'PBKDF2', false, ['deriveBits']);
  const salt = encoder.encode(`docspace-auth/credential-fingerprint:${subject}`);
  return hex(
    await crypto.subtle.deriveBits(
      { name: 'PBKDF2', hash: 'SHA-256', salt, iterations: FINGERPRINT_ITERATIONS },
      key,
      256,
    ),
  );
}
