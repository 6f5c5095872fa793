// Resolving local $refs and merging allOf. External $refs are refused: spec/openapi.yaml is self-contained.
import { isObject, json, unescapePointer, type JsonObject } from './json.js';
import { typeSet } from './schema-keywords.js';

/** Resolves the local $refs of one document on demand, following chains, with cycle detection. */
export class Resolver {
  constructor(readonly doc: JsonObject) {}

  /** The value at a local JSON pointer `#/a/b`. */
  lookup(ref: string): unknown {
    if (!ref.startsWith('#'))
      throw new Error(`external $ref ${JSON.stringify(ref)} is not supported: make the document self-contained`);
    let node: unknown = this.doc;
    for (const raw of ref.slice(1).split('/').slice(1)) {
      const key = unescapePointer(raw);
      node = isObject(node) || Array.isArray(node) ? (node as JsonObject)[key] : undefined;
      if (node === undefined) throw new Error(`$ref ${JSON.stringify(ref)} points at nothing`);
    }
    return node;
  }

  /** Follows $ref chains at the top of `node`; keys beside a $ref (OpenAPI 3.1) override the target's. */
  deref(node: unknown, seen: string[] = []): any {
    if (!isObject(node) || typeof node.$ref !== 'string') return node;
    if (seen.includes(node.$ref)) return { $circular: node.$ref };
    const { $ref, ...siblings } = node;
    const target = this.deref(this.lookup($ref), [...seen, $ref]);
    return isObject(target) ? { ...target, ...siblings } : target;
  }

  /**
   * A schema with its top-level $ref followed and its allOf merged (recursively); nested schemas (properties,
   * items, ...) stay as they are, so that they can be compared by component name.
   */
  schema(node: unknown, seen: string[] = []): any {
    const chain: string[] = [];
    let resolved: unknown = node;
    while (isObject(resolved) && typeof resolved.$ref === 'string') {
      if (seen.includes(resolved.$ref) || chain.includes(resolved.$ref)) return { $circular: resolved.$ref };
      chain.push(resolved.$ref);
      const { $ref, ...siblings } = resolved;
      const target = this.lookup($ref);
      resolved = isObject(target) ? { ...target, ...siblings } : target;
    }
    if (!isObject(resolved) || !Array.isArray(resolved.allOf)) return resolved;
    const { allOf, ...rest } = resolved;
    let merged: unknown = {};
    for (const part of allOf as unknown[]) merged = mergeSchemas(merged, this.schema(part, [...seen, ...chain]));
    return mergeSchemas(merged, rest);
  }
}

/** allOf: both schemas hold. Properties are united (a shared one is merged), required lists joined, enums and types intersected. */
export function mergeSchemas(a: unknown, b: unknown): any {
  if (!isObject(a)) return b;
  if (!isObject(b)) return a;
  const out: JsonObject = { ...a, ...b };
  if (a.properties || b.properties) {
    const properties: JsonObject = { ...a.properties };
    for (const [key, value] of Object.entries<unknown>(b.properties ?? {})) {
      properties[key] = key in properties ? { allOf: [properties[key], value] } : value;
    }
    out.properties = properties;
  }
  if (a.required || b.required) out.required = [...new Set([...(a.required ?? []), ...(b.required ?? [])])];
  if (Array.isArray(a.enum) && Array.isArray(b.enum)) {
    const other: unknown[] = b.enum;
    out.enum = a.enum.filter((v: unknown) => other.some((w) => json(v) === json(w)));
  }
  const ta = typeSet(a);
  const tb = typeSet(b);
  if (ta.size > 0 && tb.size > 0) {
    const both = [...ta].filter((t) => tb.has(t));
    out.type = both.length === 1 ? both[0] : both;
    delete out.nullable;
  }
  return out;
}
