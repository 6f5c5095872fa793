// Plain JSON values as parsed from YAML or JSON, and comparing them regardless of key order.

/** A parsed JSON/YAML object: its values are whatever the document holds, checked where they are read. */
export type JsonObject = Record<string, any>;

export const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The value with object keys sorted, so that key order never counts as a change. */
export function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (!isObject(value)) return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, canonical(value[key])]),
  );
}

/** A text that is equal for equal values (key order ignored); `undefined` for `undefined`. */
export const json = (value: unknown): string => JSON.stringify(canonical(value));

/** Markdown inline code. */
export const code = (text: unknown): string => `\`${String(text)}\``;

/** A JSON pointer segment decoded (`~1` is `/`, `~0` is `~`). */
export const unescapePointer = (segment: string): string =>
  decodeURIComponent(segment).replace(/~1/g, '/').replace(/~0/g, '~');
