import { createCipheriv, createDecipheriv, createHash } from 'node:crypto';
import type { EmulatorClock } from '../clock.js';

/** Kinds of confirmation link (the server's `ConfirmType`, a string enum on the wire). */
export const CONFIRM_TYPES = [
  'EmpInvite',
  'LinkInvite',
  'PortalSuspend',
  'PortalContinue',
  'PortalRemove',
  'DnsChange',
  'PortalOwnerChange',
  'Activation',
  'EmailChange',
  'EmailActivation',
  'PasswordChange',
  'ProfileRemove',
  'PhoneActivation',
  'PhoneAuth',
  'Auth',
  'TfaActivation',
  'TfaAuth',
  'Wizard',
  'GuestShareLink',
] as const;

/** One of {@link CONFIRM_TYPES}. */
export type ConfirmType = (typeof CONFIRM_TYPES)[number];

/** The `result` of `/authentication/confirm` (the server's `ValidationResult`, an integer on the wire). */
export const ValidationResult = Object.freeze({
  Ok: 0,
  Invalid: 1,
  Expired: 2,
  TariffLimit: 3,
  UserExisted: 4,
  UserExcluded: 5,
  QuotaFailed: 6,
} as const);

/** A `ValidationResult` value (0 Ok … 6 QuotaFailed). */
export type ValidationResultCode = (typeof ValidationResult)[keyof typeof ValidationResult];

/** Confirm types whose keys live 1 hour; every other type lives 7 days. */
const AUTH_TYPES: ReadonlySet<ConfirmType> = new Set([
  'PhoneActivation',
  'PhoneAuth',
  'TfaActivation',
  'TfaAuth',
  'Auth',
]);
const AUTH_VALIDITY_MS = 60 * 60_000;
const EMAIL_VALIDITY_MS = 7 * 24 * 60 * 60_000;
/** Key timestamps count milliseconds from 2010-01-01 UTC. */
const KEY_EPOCH_MS = Date.UTC(2010, 0, 1);
/** The emulator's tenant id (one portal per emulator). */
const TENANT_ID = 1;

/** How long a key of `type` stays valid, in ms. */
export function confirmKeyValidity(type: ConfirmType): number {
  return AUTH_TYPES.has(type) ? AUTH_VALIDITY_MS : EMAIL_VALIDITY_MS;
}

/**
 * What a key of `type` is bound to: the user's id for authenticator-app links when one is known,
 * otherwise the email; the type name is appended. (The server binds a few other types to more data,
 * e.g. the employee type of an invitation; the emulator binds every type to email + type.)
 */
export function confirmKeySubject(type: ConfirmType, email: string | null | undefined, userId?: string | null): string {
  if ((type === 'TfaAuth' || type === 'TfaActivation') && userId) return `${userId}${type}`;
  return `${email ?? ''}${type}`;
}

/**
 * Confirmation keys in the server's format `"{ms}.{HASH}"`: `ms` is the creation time in milliseconds
 * since 2010-01-01 UTC and `HASH` the upper-cased Base64 (without `=`, `+`, `/`, `\`) of SHA-256 over
 * `"{subject lower-cased}|{tenant}|{machine key}"` followed by the 8 little-endian bytes of `ms`.
 */
export class ConfirmKeys {
  private readonly aesKey: Buffer;
  private readonly aesIv: Buffer;

  constructor(
    private readonly clock: EmulatorClock,
    private readonly machineKey: string,
  ) {
    this.aesKey = createHash('sha256').update(`key|${machineKey}`).digest();
    this.aesIv = createHash('sha256').update(`iv|${machineKey}`).digest().subarray(0, 16);
  }

  private hash(subject: string, ms: bigint): string {
    const stamp = Buffer.alloc(8);
    stamp.writeBigInt64LE(ms);
    const digest = createHash('sha256')
      .update(Buffer.concat([Buffer.from(`${subject.toLowerCase()}|${TENANT_ID}|${this.machineKey}`, 'utf8'), stamp]))
      .digest('base64');
    return digest.replace(/[=+/\\]/g, '').toUpperCase();
  }

  /** A key for `subject` created now. */
  create(subject: string): string {
    const ms = BigInt(Math.floor(this.clock.now() - KEY_EPOCH_MS));
    return `${ms}.${this.hash(subject, ms)}`;
  }

  /** `Ok`, `Invalid` (malformed or not for this subject) or `Expired` (older than `validityMs`). */
  validate(subject: string, key: string, validityMs: number): ValidationResultCode {
    const parts = key.split('.');
    if (parts.length !== 2 || !/^-?\d{1,19}$/.test(parts[0] ?? '')) return ValidationResult.Invalid;
    const ms = BigInt(parts[0]!);
    if (ms > 0x7fffffffffffffffn || ms < -0x8000000000000000n) return ValidationResult.Invalid;
    if ((parts[1] ?? '').toUpperCase() !== this.hash(subject, ms)) return ValidationResult.Invalid;
    const age = this.clock.now() - KEY_EPOCH_MS - Number(ms);
    return age <= validityMs ? ValidationResult.Ok : ValidationResult.Expired;
  }

  /** The `encemail` of confirmation links: URL-safe Base64 of the AES-encrypted email. */
  encryptEmail(email: string): string {
    const cipher = createCipheriv('aes-256-cbc', this.aesKey, this.aesIv);
    return Buffer.concat([cipher.update(email, 'utf8'), cipher.final()]).toString('base64url');
  }

  /** The email inside an `encemail`, or `undefined` when it does not decrypt. */
  decryptEmail(encrypted: string): string | undefined {
    try {
      const decipher = createDecipheriv('aes-256-cbc', this.aesKey, this.aesIv);
      return Buffer.concat([decipher.update(Buffer.from(encrypted, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      return undefined;
    }
  }
}
