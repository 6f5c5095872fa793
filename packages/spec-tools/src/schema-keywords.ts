// What the JSON Schema keywords of a schema say: its types, its enum, its constraints.
import { isObject, json } from './json.js';

/** The JSON types a schema admits (`type` string or list, OpenAPI 3.0 `nullable`); empty means any. */
export function typeSet(schema: unknown): Set<string> {
  const types = new Set<string>();
  if (!isObject(schema)) return types;
  const declared: unknown[] = Array.isArray(schema.type)
    ? schema.type
    : typeof schema.type === 'string'
      ? [schema.type]
      : [];
  for (const t of declared) if (typeof t === 'string') types.add(t);
  if (schema.nullable === true && types.size > 0) types.add('null');
  return types;
}

/** Does `wide` admit every type `narrow` does? (`number` admits `integer`.) */
export const admitsAll = (wide: Set<string>, narrow: Set<string>): boolean =>
  [...narrow].every((t) => wide.has(t) || (t === 'integer' && wide.has('number')));

export const typeText = (types: Set<string>): string => [...types].sort().join(' | ');

/** Enum values (const counts as a one-value enum), as JSON texts, or undefined for "not an enum". */
export function enumOf(schema: unknown): string[] | undefined {
  if (!isObject(schema)) return undefined;
  if ('const' in schema) return [json(schema.const)];
  if (Array.isArray(schema.enum)) return schema.enum.map(json);
  return undefined;
}

/** Validation keywords: a larger minimum or a smaller maximum is tighter. */
export const LOWER_BOUNDS = ['minimum', 'exclusiveMinimum', 'minLength', 'minItems', 'minProperties', 'minContains'];
export const UPPER_BOUNDS = ['maximum', 'exclusiveMaximum', 'maxLength', 'maxItems', 'maxProperties', 'maxContains'];
export const OTHER_CONSTRAINTS = [
  'pattern',
  'format',
  'multipleOf',
  'uniqueItems',
  'contentEncoding',
  'contentMediaType',
];

/** Schema keywords the comparison handles; any other difference (besides documentation) is "review". */
export const HANDLED = new Set([
  'type',
  'nullable',
  'enum',
  'const',
  'properties',
  'required',
  'additionalProperties',
  'items',
  'prefixItems',
  'oneOf',
  'anyOf',
  'allOf',
  'deprecated',
  'default',
  'discriminator',
  '$ref',
  '$circular',
  ...LOWER_BOUNDS,
  ...UPPER_BOUNDS,
  ...OTHER_CONSTRAINTS,
]);
