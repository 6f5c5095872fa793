/**
 * The small glue between valibot schemas and the emulator's validation errors: run a schema, stop at
 * the first problem, and name the field it is in the way a reader writes it (`users[2].email`).
 *
 * @module
 */
import * as v from 'valibot';

/** A schema of anything the emulator validates (untrusted input in, typed value out). */
export type Schema<T> = v.GenericSchema<unknown, T>;

/** `true` for a plain object (not `null`, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * An object schema whose message for a missing required key is `is required`, or the one `missing`
 * gives for that key, and `must be an object` otherwise. Arrays pass `v.object`: see {@link record}.
 */
export function objectOf<const E extends v.ObjectEntries>(entries: E, missing: Partial<Record<keyof E, string>> = {}) {
  return v.object(entries, (issue) => {
    const key = issue.path?.at(-1)?.key;
    return typeof key === 'string' ? (missing[key as keyof E] ?? 'is required') : 'must be an object';
  });
}

/** {@link objectOf} that also refuses arrays and other non-objects with `must be an object`. */
export function record<const E extends v.ObjectEntries>(entries: E, missing: Partial<Record<keyof E, string>> = {}) {
  return v.pipe(v.custom<Record<string, unknown>>(isRecord, 'must be an object'), objectOf(entries, missing));
}

/** The path of an issue after `name`: `.email`, `[2]`, `.secondFactor.backupCodes[0]`. */
function pathOf(issue: v.BaseIssue<unknown>): string {
  let text = '';
  for (const item of issue.path ?? []) {
    text += typeof item.key === 'number' ? `[${item.key}]` : `.${String(item.key)}`;
  }
  return text;
}

/**
 * Checks `input` against `schema` and returns its output; on the first problem, throws what `fail`
 * makes of the field's path (starting with `name`) and the schema's message for it.
 */
export function parseAt<T>(
  schema: Schema<T>,
  input: unknown,
  name: string,
  fail: (field: string, problem: string) => Error,
): T {
  const result = v.safeParse(schema, input, { abortEarly: true });
  if (result.success) return result.output;
  const issue = result.issues[0];
  throw fail(`${name}${pathOf(issue)}`, issue.message);
}

/** Drops the keys whose value is `undefined` or `null` (absent optional fields), keeping the rest in order. */
export function withoutEmpty<T extends object>(value: T): { [K in keyof T]: Exclude<T[K], undefined | null> } {
  return Object.fromEntries(
    Object.entries(value).filter(([, inner]) => inner !== undefined && inner !== null),
  ) as never;
}
