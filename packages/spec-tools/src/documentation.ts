// Which parts of a document are documentation only (a "fix" when they change), and where they differ.
import { isObject, json, type JsonObject } from './json.js';

/** Keys that hold documentation only. `x-*` extensions count too. */
const DOC_KEYS = new Set([
  'description',
  'summary',
  'title',
  'example',
  'examples',
  'externalDocs',
  '$comment',
  'tags',
  'info',
]);

/** Keys whose value is a map from names the author chose (a property may be called `description`). */
export const MAP_KEYS = new Set([
  'properties',
  'patternProperties',
  '$defs',
  'definitions',
  'dependentSchemas',
  'paths',
  'webhooks',
  'responses',
  'headers',
  'content',
  'encoding',
  'schemas',
  'parameters',
  'requestBodies',
  'securitySchemes',
  'links',
  'callbacks',
  'variables',
  'mapping',
  'pathItems',
  'scopes',
]);

export const isDocKey = (key: string): boolean => DOC_KEYS.has(key) || key.startsWith('x-');

/** The value without documentation (see DOC_KEYS), for "did anything else change?". `inMap`: `node` is a name map. */
export function stripDocs(node: unknown, inMap = false): unknown {
  if (Array.isArray(node)) return node.map((n) => stripDocs(n));
  if (!isObject(node)) return node;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    if (inMap) out[key] = stripDocs(value);
    else if (!isDocKey(key)) out[key] = stripDocs(value, MAP_KEYS.has(key));
  }
  return out;
}

/** JSON pointers where documentation differs between two documents (or parts of them). */
export function docDifferences(a: unknown, b: unknown, pointer = '', inMap = false, out: string[] = []): string[] {
  if (!isObject(a) || !isObject(b)) {
    if (Array.isArray(a) && Array.isArray(b)) {
      for (const [i, item] of a.entries()) if (i < b.length) docDifferences(item, b[i], `${pointer}/${i}`, false, out);
    }
    return out;
  }
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const here = `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    if (!inMap && isDocKey(key)) {
      if (json(a[key]) !== json(b[key])) out.push(here);
    } else if (key in a && key in b) {
      docDifferences(a[key], b[key], here, !inMap && MAP_KEYS.has(key), out);
    }
  }
  return out;
}
