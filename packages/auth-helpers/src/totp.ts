// Authenticator-app codes (RFC 6238: HMAC-SHA1, 6 digits, 30 s steps, as DocSpace uses). `otpauth` is loaded
// only when a code is actually computed, so a browser bundle that never uses `totpSecret` does not carry it.
import { DocSpaceAuthError } from '@docspace/auth-client/errors';

type Otpauth = typeof import('otpauth');
let loading: Promise<Otpauth> | undefined;
const otpauth = () => (loading ??= import('otpauth'));

function normalise(secret: string): string {
  return secret.replace(/[\s-]/g, '').toUpperCase();
}

async function totp(secret: string, label?: string, issuer?: string) {
  const { Secret, TOTP } = await otpauth();
  let parsed: InstanceType<typeof Secret>;
  try {
    parsed = Secret.fromBase32(normalise(secret));
  } catch {
    // The secret itself never goes into the message.
    throw new DocSpaceAuthError('invalid_input', 'the TOTP secret is not valid Base32');
  }
  return new TOTP({ secret: parsed, algorithm: 'SHA1', digits: 6, period: 30, label, issuer });
}

/** The 6-digit code of a Base32 TOTP secret at time `now` (ms). */
export async function totpCode(secret: string, now: number): Promise<string> {
  return (await totp(secret)).generate({ timestamp: now });
}

/** An `otpauth://totp/...` URI for a setup key, for authenticator apps and QR codes. */
export async function totpUri(secret: string, account: string, issuer: string): Promise<string> {
  return (await totp(secret, account, issuer)).toString();
}
