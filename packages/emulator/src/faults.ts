import { compilePathPattern } from './path-pattern.js';
import { validateFaultRule } from './fault-validation.js';
import type { Fault, FaultRule } from './types.js';

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
      this.rules.push({
        rule,
        matches: compilePathPattern(rule.path),
        remaining: rule.sequence ? [...rule.sequence] : undefined,
      });
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
