/**
 * `@docspace/emulator`: a local HTTP server that answers the ONLYOFFICE DocSpace authentication API
 * (`/api/2.0/authentication*` and `GET /api/2.0/people/@self`) the way the real server does, for tests
 * and demos.
 *
 * @packageDocumentation
 */
export { DEFAULT_LIMITS, startEmulator } from './emulator.js';
export { CONTROL_KEY_HEADER } from './control.js';
export type {
  AccountSource,
  Emulator,
  EmulatorLimits,
  EmulatorOptions,
  EmulatorUser,
  Fault,
  FaultControl,
  FaultRule,
  IpRestriction,
  PortalControl,
  PortalState,
  PortalStatus,
  RequestLogEntry,
  ResponseRecord,
  SecondFactor,
  SmsMessage,
  SmsOutbox,
  UserChanges,
  UserDirectory,
  UserSnapshot,
} from './types.js';
export { CLOCK_RANGE, type EmulatorClock, type TimeSource } from './clock.js';
export { InvalidFaultError } from './fault-validation.js';
export { ACCESS_RESTRICTED_MESSAGE, InvalidPortalStateError } from './portal.js';
export type { CorsOptions } from './cors.js';
export type { RateLimitOptions } from './rate-limit.js';
export { DEFAULT_BRUTE_FORCE, type BruteForceSettings } from './auth/brute-force.js';
export { phoneNoise, SMS_CODE_VALIDITY_MS } from './auth/sms.js';
export { totpCode, TOTP_SETTINGS } from './auth/totp.js';
export { hashPassword, PASSWORD_HASH_SETTINGS } from './auth/password-hash.js';
export { CONFIRM_TYPES, ValidationResult, type ConfirmType, type ValidationResultCode } from './auth/confirm-keys.js';
export { BOB_BACKUP_CODES, BOB_TOTP_SECRET, DAVE_TOTP_SECRET, demoUsers } from './demo-users.js';
export { InvalidUsersError, validateUsers } from './user-validation.js';
