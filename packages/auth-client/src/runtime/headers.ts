// Request headers as one plain object with lower-case names: what `fetch` gets, built once per call.
import type { HeadersOption } from './types.js';

/**
 * Merges header sources left to right into one object with lower-case names. A later value replaces an earlier
 * one; `null` or `undefined` removes it; an array value is joined with `, `.
 */
export function mergeHeaders(...sources: Array<HeadersOption | undefined>): Record<string, string> {
  const merged: Record<string, string> = {};
  for (const source of sources) {
    if (!source) continue;
    const entries: Iterable<readonly [string, unknown]> =
      source instanceof Headers || Array.isArray(source) ? source : Object.entries(source);
    for (const [name, value] of entries) {
      const key = name.toLowerCase();
      if (value === null || value === undefined) delete merged[key];
      else merged[key] = Array.isArray(value) ? value.join(', ') : String(value);
    }
  }
  return merged;
}
