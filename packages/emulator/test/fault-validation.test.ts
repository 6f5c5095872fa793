import { describe, expect, it } from 'vitest';
import { InvalidFaultError, validateFaultRule } from '../src/fault-validation.js';

const AUTH = '/api/2.0/authentication';

describe('validateFaultRule', () => {
  it('returns the rule with the method upper-cased, proxy-error status defaulted and unknown keys dropped', () => {
    expect(
      validateFaultRule({ path: AUTH, method: 'post', sequence: [null, { kind: 'proxy-error', extra: 1 }], note: 'x' }),
    ).toEqual({
      path: AUTH,
      method: 'POST',
      sequence: [null, { kind: 'proxy-error', status: 502 }],
    });
    expect(validateFaultRule({ path: AUTH, probability: 0.25, fault: { kind: 'delay', ms: 10 } })).toEqual({
      path: AUTH,
      probability: 0.25,
      fault: { kind: 'delay', ms: 10 },
    });
  });

  it.each([
    [[], 'rule: must be an object'],
    [{ sequence: [null] }, 'rule.path: must be a path pattern starting with "/"'],
    [{ path: AUTH, method: 'P O', sequence: [null] }, 'rule.method: must be an HTTP method such as "POST"'],
    [{ path: AUTH }, 'rule: give either "sequence" or "probability" with "fault"'],
    [{ path: AUTH, sequence: [null], probability: 1 }, 'rule: give either "sequence" or "probability" with "fault"'],
    [{ path: AUTH, sequence: [] }, 'rule.sequence: must be a non-empty array of faults (null = answer normally)'],
    [{ path: AUTH, sequence: [null, 'drop'] }, 'rule.sequence[1]: must be an object with a "kind"'],
    [
      { path: AUTH, sequence: [{ kind: 'boom' }] },
      'rule.sequence[0].kind: must be one of delay, proxy-error, rate-limit, drop, malformed-json',
    ],
    [{ path: AUTH, sequence: [{ kind: 'delay' }] }, 'rule.sequence[0].ms: must be a non-negative number'],
    [
      { path: AUTH, sequence: [{ kind: 'proxy-error', status: 418 }] },
      'rule.sequence[0].status: must be 500, 502, 503 or 504',
    ],
    [
      { path: AUTH, sequence: [{ kind: 'rate-limit', retryAfterSeconds: 1.5 }] },
      'rule.sequence[0].retryAfterSeconds: must be a non-negative integer',
    ],
    [
      { path: AUTH, sequence: [{ kind: 'rate-limit', retryAfterFormat: 'ms' }] },
      'rule.sequence[0].retryAfterFormat: must be "seconds" or "http-date"',
    ],
    [{ path: AUTH, fault: { kind: 'drop' } }, 'rule.probability: must be a number from 0 to 1'],
    [{ path: AUTH, probability: 1.5, fault: { kind: 'drop' } }, 'rule.probability: must be a number from 0 to 1'],
    [{ path: AUTH, probability: 1 }, 'rule.fault: must be an object with a "kind"'],
  ])('names the bad field %#', (input, message) => {
    let error: unknown;
    try {
      validateFaultRule(input);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InvalidFaultError);
    expect((error as Error).message).toBe(message);
  });

  it('names the rule as the caller says', () => {
    expect(() => validateFaultRule({ path: 'x' }, 'faults[3]')).toThrow(
      'faults[3].path: must be a path pattern starting with "/"',
    );
  });
});
