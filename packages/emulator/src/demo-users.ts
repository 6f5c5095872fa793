/**
 * The demo users: the data set of the README, the demo and the tests. Data only; nothing here runs.
 *
 * @module
 */
import type { EmulatorUser } from './types.js';

/** The TOTP secret (Base32) of the demo user bob, whose authenticator app is enrolled. */
export const BOB_TOTP_SECRET = 'JBSWY3DPEHPK3PXP';
/**
 * The TOTP secret (Base32) of the demo user dave, who must enrol an authenticator app: the `tfaKey`
 * his first login answer offers. It is Base32 of the ten ASCII bytes `1234567890`.
 */
export const DAVE_TOTP_SECRET = 'GEZDGNBVGY3TQOJQ';
/** The backup codes of the demo user bob (each accepted once in place of a TOTP code). */
export const BOB_BACKUP_CODES: readonly string[] = Object.freeze(['bob-01', 'bob-02', 'bob-03', 'bob-04', 'bob-05']);

/**
 * The demo data set, the same in the README, the demo and the tests:
 *
 * | email | password | second factor |
 * |---|---|---|
 * | alice@example.com | alice-password | none |
 * | bob@example.com | bob-password | authenticator app, enrolled, secret `JBSWY3DPEHPK3PXP` |
 * | dave@example.com | dave-password | authenticator app required, not enrolled, secret `GEZDGNBVGY3TQOJQ` |
 * | carol@example.com | carol-password | SMS, activated phone +15555550123 |
 * | erin@example.com | erin-password | none; disabled |
 */
export const demoUsers: readonly EmulatorUser[] = deepFreeze([
  {
    id: 'a11ce000-0000-4000-8000-000000000001',
    userName: 'alice',
    email: 'alice@example.com',
    password: 'alice-password',
    firstName: 'Alice',
    lastName: 'Anderson',
    isAdmin: true,
    apiKeys: ['sk-alice-demo-key'],
  },
  {
    id: 'b0b00000-0000-4000-8000-000000000002',
    userName: 'bob',
    email: 'bob@example.com',
    password: 'bob-password',
    firstName: 'Bob',
    lastName: 'Brown',
    secondFactor: { type: 'app', secret: BOB_TOTP_SECRET, enrolled: true, backupCodes: BOB_BACKUP_CODES },
  },
  {
    id: 'da7e0000-0000-4000-8000-000000000004',
    userName: 'dave',
    email: 'dave@example.com',
    password: 'dave-password',
    firstName: 'Dave',
    lastName: 'Davis',
    secondFactor: { type: 'app', secret: DAVE_TOTP_SECRET, enrolled: false },
  },
  {
    id: 'ca501000-0000-4000-8000-000000000003',
    userName: 'carol',
    email: 'carol@example.com',
    password: 'carol-password',
    firstName: 'Carol',
    lastName: 'Clark',
    secondFactor: { type: 'sms', phone: '+15555550123', phoneActivated: true },
  },
  {
    id: 'e1e10000-0000-4000-8000-000000000005',
    userName: 'erin',
    email: 'erin@example.com',
    password: 'erin-password',
    firstName: 'Erin',
    lastName: 'Evans',
    disabled: true,
  },
] satisfies EmulatorUser[]);

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
