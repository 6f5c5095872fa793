/** Which second factor the portal asks for. `totp-setup`: the authenticator app is required but not set up yet. */
export type SecondFactorKind = 'totp' | 'totp-setup' | 'sms';

/** What the `secondFactor` callback is given when the portal asks for a code. */
export interface SecondFactorChallenge {
  kind: SecondFactorKind;
  /** The user the code is for. */
  userName: string;
  /** 1 for the first code asked; 2 and up after the portal refused the previous one (see `LoginInput.codeAttempts`). */
  attempt: number;
  /** SMS only: the phone number with its middle digits masked, e.g. `+1555****0123`. */
  phoneNoise?: string;
  /**
   * `totp-setup` only: the secret to enter into the authenticator app (16 Base32 characters). Treat it as a
   * password: it is never logged or put in an error by this SDK.
   */
  tfaKey?: string;
  /** `totp-setup` only: an `otpauth://` URI of `tfaKey`, for a QR code. */
  otpauthUri?: string;
  /** The portal page where a person would finish this step. */
  confirmUrl?: string;
  /** SMS only: when the sent code stops being valid. */
  expires?: Date;
  /**
   * SMS only: asks the portal to send a new code (resolves once it is sent; updates `phoneNoise` and `expires`).
   * Rejects with a `DocSpaceAuthError` for other kinds.
   */
  resend(): Promise<void>;
}
