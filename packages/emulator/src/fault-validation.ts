/**
 * Validation of untrusted fault rules (`options.faults`, `emulator.faults.add()` and
 * `POST /__emulator/faults`): valibot schemas of a fault and a {@link FaultRule}, with messages that
 * name the bad field (`rules[1].sequence[0].kind: must be one of …`).
 *
 * @module
 */
import * as v from 'valibot';
import type { FaultRule } from './types.js';
import { isRecord, objectOf, parseAt, record, withoutEmpty } from './validation.js';

/** Thrown for a malformed fault rule; the message names the bad field. */
export class InvalidFaultError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidFaultError';
  }
}

const MS = 'must be a non-negative number';
const STATUS = 'must be 500, 502, 503 or 504';
const FAULT = 'must be an object with a "kind"';
const PATH = 'must be a path pattern starting with "/"';
const PROBABILITY = 'must be a number from 0 to 1';
const SEQUENCE = 'must be a non-empty array of faults (null = answer normally)';

const count = (message: string) => v.optional(v.pipe(v.number(message), v.integer(message), v.minValue(0, message)));

const fault = v.pipe(
  v.custom<Record<string, unknown>>(isRecord, FAULT),
  v.variant(
    'kind',
    [
      objectOf({ kind: v.literal('delay'), ms: v.pipe(v.number(MS), v.finite(MS), v.minValue(0, MS)) }, { ms: MS }),
      objectOf({ kind: v.literal('proxy-error'), status: v.nullish(v.picklist([500, 502, 503, 504], STATUS), 502) }),
      objectOf({
        kind: v.literal('rate-limit'),
        retryAfterSeconds: count('must be a non-negative integer'),
        retryAfterFormat: v.optional(v.picklist(['seconds', 'http-date'], 'must be "seconds" or "http-date"')),
        limit: count('must be a non-negative integer'),
      }),
      objectOf({ kind: v.literal('drop') }),
      objectOf({ kind: v.literal('malformed-json') }),
    ],
    'must be one of delay, proxy-error, rate-limit, drop, malformed-json',
  ),
);

const path = v.pipe(v.string(PATH), v.startsWith('/', PATH));
const method = v.optional(
  v.pipe(
    v.string('must be an HTTP method such as "POST"'),
    v.regex(/^[A-Za-z]+$/, 'must be an HTTP method such as "POST"'),
    v.toUpperCase(),
  ),
);

/** What every rule has: checked first, so a bad path is reported before a missing sequence. */
const ruleHead = record({ path, method }, { path: PATH });

const sequenceRule = record({
  path,
  method,
  sequence: v.pipe(v.array(v.nullable(fault), SEQUENCE), v.minLength(1, SEQUENCE)),
});

const probabilityRule = record(
  {
    path,
    method,
    probability: v.pipe(v.number(PROBABILITY), v.minValue(0, PROBABILITY), v.maxValue(1, PROBABILITY)),
    fault,
  },
  { probability: PROBABILITY, fault: FAULT },
);

const fail = (field: string, problem: string) => new InvalidFaultError(`${field}: ${problem}`);

/** Checks an untrusted fault rule (options or `POST /__emulator/faults`); `at` names it in messages. */
export function validateFaultRule(raw: unknown, at = 'rule'): FaultRule {
  parseAt(ruleHead, raw, at, fail);
  const given = raw as Record<string, unknown>;
  const hasSequence = given.sequence !== undefined;
  const hasProbability = given.probability !== undefined || given.fault !== undefined;
  if (hasSequence === hasProbability) throw fail(at, 'give either "sequence" or "probability" with "fault"');
  const rule = hasSequence ? parseAt(sequenceRule, raw, at, fail) : parseAt(probabilityRule, raw, at, fail);
  return withoutEmpty(rule) as FaultRule;
}
