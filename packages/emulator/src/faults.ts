import { compilePathPattern } from './router.js';
import type { Fault, FaultRule } from './types.js';

/** Thrown for a malformed fault rule; the message names the bad field. */
export class InvalidFaultError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidFaultError';
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function validateFault(raw: unknown, at: string): Fault {
  if (!isRecord(raw)) throw new InvalidFaultError(`${at}: must be an object with a "kind"`);
  switch (raw.kind) {
    case 'delay':
      if (typeof raw.ms !== 'number' || !Number.isFinite(raw.ms) || raw.ms < 0) {
        throw new InvalidFaultError(`${at}.ms: must be a non-negative number`);
      }
      return { kind: 'delay', ms: raw.ms };
    case 'proxy-error': {
      const status = raw.status ?? 502;
      if (status !== 500 && status !== 502 && status !== 503 && status !== 504) {
        throw new InvalidFaultError(`${at}.status: must be 500, 502, 503 or 504`);
      }
      return { kind: 'proxy-error', status };
    }
    case 'rate-limit': {
      const fault: Fault = { kind: 'rate-limit' };
      if (raw.retryAfterSeconds !== undefined) {
        if (typeof raw.retryAfterSeconds !== 'number' || !Number.isInteger(raw.retryAfterSeconds) || raw.retryAfterSeconds < 0) {
          throw new InvalidFaultError(`${at}.retryAfterSeconds: must be a non-negative integer`);
        }
        fault.retryAfterSeconds = raw.retryAfterSeconds;
      }
      if (raw.retryAfterFormat !== undefined) {
        if (raw.retryAfterFormat !== 'seconds' && raw.retryAfterFormat !== 'http-date') {
          throw new InvalidFaultError(`${at}.retryAfterFormat: must be "seconds" or "http-date"`);
        }
        fault.retryAfterFormat = raw.retryAfterFormat;
      }
      if (raw.limit !== undefined) {
        if (typeof raw.limit !== 'number' || !Number.isInteger(raw.limit) || raw.limit < 0) {
          throw new InvalidFaultError(`${at}.limit: must be a non-negative integer`);
        }
        fault.limit = raw.limit;
      }
      return fault;
    }
    case 'drop':
      return { kind: 'drop' };
    case 'malformed-json':
      return { kind: 'malformed-json' };
    default:
      throw new InvalidFaultError(`${at}.kind: must be one of delay, proxy-error, rate-limit, drop, malformed-json`);
  }
}

/** Checks an untrusted fault rule (options or `POST /__emulator/faults`). */
export function validateFaultRule(raw: unknown, at = 'rule'): FaultRule {
  if (!isRecord(raw)) throw new InvalidFaultError(`${at}: must be an object`);
  if (typeof raw.path !== 'string' || !raw.path.startsWith('/')) {
    throw new InvalidFaultError(`${at}.path: must be a path pattern starting with "/"`);
  }
  const rule: FaultRule = { path: raw.path };
  if (raw.method !== undefined) {
    if (typeof raw.method !== 'string' || !/^[A-Za-z]+$/.test(raw.method)) {
      throw new InvalidFaultError(`${at}.method: must be an HTTP method such as "POST"`);
    }
    rule.method = raw.method.toUpperCase();
  }
  const hasSequence = raw.sequence !== undefined;
  const hasProbability = raw.probability !== undefined || raw.fault !== undefined;
  if (hasSequence === hasProbability) {
    throw new InvalidFaultError(`${at}: give either "sequence" or "probability" with "fault"`);
  }
  if (hasSequence) {
    if (!Array.isArray(raw.sequence) || raw.sequence.length === 0) {
      throw new InvalidFaultError(`${at}.sequence: must be a non-empty array of faults (null = answer normally)`);
    }
    rule.sequence = raw.sequence.map((item: unknown, i) => (item === null ? null : validateFault(item, `${at}.sequence[${i}]`)));
  } else {
    if (typeof raw.probability !== 'number' || !(raw.probability >= 0 && raw.probability <= 1)) {
      throw new InvalidFaultError(`${at}.probability: must be a number from 0 to 1`);
    }
    rule.probability = raw.probability;
    rule.fault = validateFault(raw.fault, `${at}.fault`);
  }
  return rule;
}

interface ActiveRule {
  rule: FaultRule;
  matches: (path: string) => boolean;
  remaining: (Fault | null)[] | undefined;
}

/** Fault rules of one emulator. */
export class FaultInjector {
  private rules: ActiveRule[] = [];

  constructor(private readonly random: () => number) {}

  add(rules: FaultRule | readonly FaultRule[]): void {
    const list = Array.isArray(rules) ? rules : [rules as FaultRule];
    const checked = list.map((rule, i) => validateFaultRule(rule, Array.isArray(rules) ? `rules[${i}]` : 'rule'));
    for (const rule of checked) {
      this.rules.push({ rule, matches: compilePathPattern(rule.path), remaining: rule.sequence ? [...rule.sequence] : undefined });
    }
  }

  clear(): void {
    this.rules = [];
  }

  /** The rules still in force (sequences show what is left of them). */
  list(): FaultRule[] {
    return this.rules.map(({ rule, remaining }) => (remaining ? { ...rule, sequence: [...remaining] } : { ...rule }));
  }

  /** The fault for this request, if any (consumes sequence items and draws dice). */
  next(method: string, path: string): Fault | undefined {
    for (const active of this.rules) {
      const { rule } = active;
      if (rule.method && rule.method !== method) continue;
      if (!active.matches(path)) continue;
      if (active.remaining) {
        const item = active.remaining.shift() ?? null;
        if (active.remaining.length === 0) this.rules = this.rules.filter((r) => r !== active);
        return item ?? undefined;
      }
      if (this.random() < (rule.probability ?? 0)) return rule.fault;
    }
    return undefined;
  }
}

const PROXY_TITLES: Record<number, string> = {
  500: '500 Internal Server Error',
  502: '502 Bad Gateway',
  503: '503 Service Temporarily Unavailable',
  504: '504 Gateway Time-out',
};

/** The HTML error page a reverse proxy in front of a portal sends. */
export function proxyErrorPage(status: number): string {
  const title = PROXY_TITLES[status] ?? `${status} Error`;
  return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
}
