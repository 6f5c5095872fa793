// Classifies the change between two OpenAPI 3.x documents by what it does to the generated @docspace/auth-client:
//
//   breaking  something a user's code may rely on goes away or changes shape: an operation removed or renamed
//             (operationId), a field removed, retyped or made optional in a response, a new required request
//             field or parameter, a narrowed enum, a tightened constraint (the client validates responses), an
//             exported schema (type) removed, a security scheme no longer accepted; also any change this
//             classifier does not recognise (flagged "review").
//   feature   something is added and nothing a user relies on changes: a new operation, response code, optional
//             request field or parameter, response field, enum value, exported schema; a deprecation.
//   fix       documentation only: description, summary, title, example(s), externalDocs, x-* extensions, tags.
//   none      the documents are equal once parsed (formatting and comments only).
//
// Used by scripts/spec-update.mjs; table-tested in packages/spec-tools. Local $refs (`#/...`) are resolved,
// allOf is merged; external $refs are refused (spec/openapi.yaml is self-contained).
import { parse } from 'yaml';

export const LEVELS = /** @type {const} */ (['none', 'fix', 'feature', 'breaking']);
/** @typedef {'none' | 'fix' | 'feature' | 'breaking'} Level */
/** @typedef {{ level: Exclude<Level, 'none'>, message: string }} Change */
/** @typedef {'request' | 'response' | 'both'} Direction */

const rank = (/** @type {Level} */ level) => LEVELS.indexOf(level);
/** @returns {Level} */
export const maxLevel = (/** @type {Level[]} */ ...levels) => levels.reduce((a, b) => (rank(b) > rank(a) ? b : a), 'none');

/** Keys that hold documentation only. `x-*` extensions count too. */
const DOC_KEYS = new Set(['description', 'summary', 'title', 'example', 'examples', 'externalDocs', '$comment', 'tags', 'info']);
/** Keys whose value is a map from names the author chose (a property may be called `description`). */
const MAP_KEYS = new Set([
  'properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas', 'paths', 'webhooks', 'responses',
  'headers', 'content', 'encoding', 'schemas', 'parameters', 'requestBodies', 'securitySchemes', 'links', 'callbacks',
  'variables', 'mapping', 'pathItems', 'scopes',
]);
const isDocKey = (/** @type {string} */ key) => DOC_KEYS.has(key) || key.startsWith('x-');
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

const isObject = (/** @type {unknown} */ v) => typeof v === 'object' && v !== null && !Array.isArray(v);
const json = (/** @type {unknown} */ v) => JSON.stringify(canonical(v));
/** Sorted keys, so that key order never counts as a change. */
function canonical(/** @type {any} */ value) {
  if (Array.isArray(value)) return value.map(canonical);
  if (!isObject(value)) return value;
  return Object.fromEntries(Object.keys(value).sort().map((k) => [k, canonical(value[k])]));
}
const code = (/** @type {unknown} */ text) => `\`${text}\``;

/** Parses a YAML or JSON text and checks that it is an OpenAPI 3.x document. */
export function parseSpec(/** @type {string} */ text, /** @type {string} */ name = 'the document') {
  let doc;
  try {
    doc = parse(text, { maxAliasCount: -1 });
  } catch (error) {
    throw new Error(`${name} is not valid YAML or JSON: ${error instanceof Error ? error.message : error}`);
  }
  if (!isObject(doc) || typeof doc.openapi !== 'string' || !/^3\./.test(doc.openapi)) {
    throw new Error(`${name} is not an OpenAPI 3.x document (no "openapi: 3.x" at the top)`);
  }
  if (!isObject(doc.paths)) throw new Error(`${name} has no "paths"`);
  return doc;
}

/** The document without documentation (see DOC_KEYS), for "did anything else change?". */
export function stripDocs(/** @type {any} */ node, inMap = false) {
  if (Array.isArray(node)) return node.map((n) => stripDocs(n));
  if (!isObject(node)) return node;
  /** @type {Record<string, unknown>} */
  const out = {};
  for (const [key, value] of Object.entries(node)) {
    if (inMap) out[key] = stripDocs(value);
    else if (!isDocKey(key)) out[key] = stripDocs(value, MAP_KEYS.has(key));
  }
  return out;
}

/** JSON pointers (at most `limit`) where documentation differs between two documents. */
function docDifferences(/** @type {any} */ a, /** @type {any} */ b, pointer = '', inMap = false, /** @type {string[]} */ out = []) {
  if (!isObject(a) || !isObject(b)) {
    if (Array.isArray(a) && Array.isArray(b)) a.forEach((item, i) => i < b.length && docDifferences(item, b[i], `${pointer}/${i}`, false, out));
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

/** Resolves local $refs on demand, following chains, with cycle detection. */
class Resolver {
  constructor(/** @type {any} */ doc) {
    this.doc = doc;
  }

  /** The value at a local JSON pointer `#/a/b`. */
  lookup(/** @type {string} */ ref) {
    if (!ref.startsWith('#')) throw new Error(`external $ref ${JSON.stringify(ref)} is not supported: make the document self-contained`);
    let node = this.doc;
    for (const raw of ref.slice(1).split('/').slice(1)) {
      const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
      if (!isObject(node) && !Array.isArray(node)) node = undefined;
      else node = /** @type {any} */ (node)[key];
      if (node === undefined) throw new Error(`$ref ${JSON.stringify(ref)} points at nothing`);
    }
    return node;
  }

  /** Follows $ref chains at the top of `node`; keys beside a $ref (OpenAPI 3.1) override the target's. */
  deref(/** @type {any} */ node, /** @type {string[]} */ seen = []) {
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
  schema(/** @type {any} */ node, /** @type {string[]} */ seen = []) {
    /** @type {string[]} */
    const chain = [];
    let resolved = node;
    while (isObject(resolved) && typeof resolved.$ref === 'string') {
      if (seen.includes(resolved.$ref) || chain.includes(resolved.$ref)) return { $circular: resolved.$ref };
      chain.push(resolved.$ref);
      const { $ref, ...siblings } = resolved;
      const target = this.lookup($ref);
      resolved = isObject(target) ? { ...target, ...siblings } : target;
    }
    if (!isObject(resolved) || !Array.isArray(resolved.allOf)) return resolved;
    const { allOf, ...rest } = resolved;
    let merged = {};
    for (const part of allOf) merged = mergeSchemas(merged, this.schema(part, [...seen, ...chain]));
    return mergeSchemas(merged, rest);
  }
}

/** allOf: both schemas hold. Properties are united (a shared one is merged), required lists joined, enums and types intersected. */
export function mergeSchemas(/** @type {any} */ a, /** @type {any} */ b) {
  if (!isObject(a)) return b;
  if (!isObject(b)) return a;
  /** @type {any} */
  const out = { ...a, ...b };
  if (a.properties || b.properties) {
    out.properties = { ...a.properties };
    for (const [key, value] of Object.entries(b.properties ?? {})) {
      out.properties[key] = key in out.properties ? { allOf: [out.properties[key], value] } : value;
    }
  }
  if (a.required || b.required) out.required = [...new Set([...(a.required ?? []), ...(b.required ?? [])])];
  if (a.enum && b.enum) out.enum = a.enum.filter((/** @type {unknown} */ v) => b.enum.some((/** @type {unknown} */ w) => json(v) === json(w)));
  const ta = typeSet(a);
  const tb = typeSet(b);
  if (ta.size > 0 && tb.size > 0) {
    const both = [...ta].filter((t) => tb.has(t));
    out.type = both.length === 1 ? both[0] : both;
    delete out.nullable;
  }
  return out;
}

/** The JSON types a schema admits (`type` string or list, OpenAPI 3.0 `nullable`); empty means any. */
function typeSet(/** @type {any} */ schema) {
  /** @type {Set<string>} */
  const types = new Set();
  if (!isObject(schema)) return types;
  const declared = Array.isArray(schema.type) ? schema.type : typeof schema.type === 'string' ? [schema.type] : [];
  for (const t of declared) types.add(t);
  if (schema.nullable === true && types.size > 0) types.add('null');
  return types;
}
/** Does `wide` admit every type `narrow` does? (`number` admits `integer`.) */
const admitsAll = (/** @type {Set<string>} */ wide, /** @type {Set<string>} */ narrow) =>
  [...narrow].every((t) => wide.has(t) || (t === 'integer' && wide.has('number')));
const typeText = (/** @type {Set<string>} */ types) => [...types].sort().join(' | ');

/** Enum values (const counts as a one-value enum), as JSON texts, or undefined for "not an enum". */
function enumOf(/** @type {any} */ schema) {
  if (!isObject(schema)) return undefined;
  if ('const' in schema) return [json(schema.const)];
  if (Array.isArray(schema.enum)) return schema.enum.map(json);
  return undefined;
}

/** Validation keywords: a larger minimum or a smaller maximum is tighter. */
const LOWER_BOUNDS = ['minimum', 'exclusiveMinimum', 'minLength', 'minItems', 'minProperties', 'minContains'];
const UPPER_BOUNDS = ['maximum', 'exclusiveMaximum', 'maxLength', 'maxItems', 'maxProperties', 'maxContains'];
const OTHER_CONSTRAINTS = ['pattern', 'format', 'multipleOf', 'uniqueItems', 'contentEncoding', 'contentMediaType'];
/** Schema keywords the comparison handles; any other difference (besides documentation) is "review". */
const HANDLED = new Set([
  'type', 'nullable', 'enum', 'const', 'properties', 'required', 'additionalProperties', 'items', 'prefixItems',
  'oneOf', 'anyOf', 'allOf', 'deprecated', 'default', 'discriminator', '$ref', '$circular',
  ...LOWER_BOUNDS, ...UPPER_BOUNDS, ...OTHER_CONSTRAINTS,
]);

/** By direction: what a change means in a request, in a response, and (unknown use) the worse of both. */
const byDirection = (/** @type {Direction} */ dir, /** @type {Exclude<Level,'none'>} */ inRequest, /** @type {Exclude<Level,'none'>} */ inResponse) =>
  /** @type {Exclude<Level,'none'>} */ (dir === 'request' ? inRequest : dir === 'response' ? inResponse : maxLevel(inRequest, inResponse));

class Comparison {
  constructor(/** @type {any} */ oldDoc, /** @type {any} */ newDoc) {
    this.old = new Resolver(oldDoc);
    this.new = new Resolver(newDoc);
    /** @type {Map<string, Change>} */
    this.changes = new Map();
    /** Component schemas compared (or being compared), by `name|direction`. */
    this.components = new Set();
  }

  add(/** @type {Exclude<Level,'none'>} */ level, /** @type {string} */ message) {
    const existing = this.changes.get(message);
    if (!existing || rank(level) > rank(existing.level)) this.changes.set(message, { level, message });
  }

  /** The component schema name of a `#/components/schemas/<name>` ref. */
  static componentName(/** @type {any} */ node) {
    if (!isObject(node) || typeof node.$ref !== 'string') return undefined;
    const match = /^#\/components\/schemas\/([^/]+)$/.exec(node.$ref);
    return match ? decodeURIComponent(match[1]).replace(/~1/g, '/').replace(/~0/g, '~') : undefined;
  }

  /** Compares a component schema once per direction, under its own name. */
  component(/** @type {string} */ name, /** @type {Direction} */ dir) {
    const key = `${name}|${dir}`;
    if (this.components.has(key)) return;
    this.components.add(key);
    const oldSchema = this.old.doc.components?.schemas?.[name];
    const newSchema = this.new.doc.components?.schemas?.[name];
    if (oldSchema === undefined || newSchema === undefined) return; // reported as an added/removed type
    const where = dir === 'both' ? `schema ${code(name)}` : `schema ${code(name)} (in ${dir === 'request' ? 'requests' : 'responses'})`;
    this.schema(oldSchema, newSchema, where, '', dir, [`#/components/schemas/${name}`]);
  }

  /**
   * Compares two schemas. `where` names the place (operation, schema), `field` the path inside it.
   * @param {any} oldNode @param {any} newNode @param {string} where @param {string} field @param {Direction} dir
   * @param {string[]} seen refs being resolved (cycles)
   */
  schema(oldNode, newNode, where, field, dir, seen = []) {
    const oldName = Comparison.componentName(oldNode);
    const newName = Comparison.componentName(newNode);
    if (oldName !== undefined && oldName === newName) {
      // The same named schema on both sides: compared once per direction, under its own name.
      this.component(oldName, dir);
      return;
    }
    // allOf of the same named schemas on both sides (the envelope pattern): each named part is compared once
    // under its own name, the inline parts here; anything else is compared merged.
    const rawOld = this.old.deref(oldNode, seen);
    const rawNew = this.new.deref(newNode, seen);
    if (
      isObject(rawOld) && isObject(rawNew) && Array.isArray(rawOld.allOf) && Array.isArray(rawNew.allOf) &&
      rawOld.allOf.length === rawNew.allOf.length &&
      rawOld.allOf.every((/** @type {any} */ part, /** @type {number} */ i) => Comparison.componentName(part) === Comparison.componentName(rawNew.allOf[i]))
    ) {
      rawOld.allOf.forEach((/** @type {any} */ part, /** @type {number} */ i) => {
        const name = Comparison.componentName(part);
        if (name !== undefined) this.component(name, dir);
        else this.schema(part, rawNew.allOf[i], where, field, dir, seen);
      });
      const { allOf: _oldParts, ...oldRest } = rawOld;
      const { allOf: _newParts, ...newRest } = rawNew;
      this.schema(oldRest, newRest, where, field, dir, seen);
      return;
    }
    const o = this.old.schema(oldNode, seen);
    const n = this.new.schema(newNode, seen);
    const at = field ? `${where}: field ${code(field)}` : where;
    if (isObject(o) && o.$circular) {
      if (!(isObject(n) && n.$circular === o.$circular)) this.add('breaking', `${at}: recursive schema changed (review)`);
      return;
    }
    if (!isObject(o) || !isObject(n)) {
      if (json(o) !== json(n)) this.add('breaking', `${at}: schema changed (review)`);
      return;
    }

    // Types.
    const ot = typeSet(o);
    const nt = typeSet(n);
    if (ot.size > 0 && nt.size > 0 && typeText(ot) !== typeText(nt)) {
      const widened = admitsAll(nt, ot);
      this.add(
        dir === 'request' && widened ? 'feature' : 'breaking',
        `${at}: type changed from ${code(typeText(ot))} to ${code(typeText(nt))}`,
      );
    } else if (ot.size > 0 && nt.size === 0) {
      this.add(byDirection(dir, 'feature', 'breaking'), `${at}: no longer typed (was ${code(typeText(ot))})`);
    } else if (ot.size === 0 && nt.size > 0) {
      this.add(byDirection(dir, 'breaking', 'feature'), `${at}: now typed ${code(typeText(nt))}`);
    }

    // Enums.
    const oe = enumOf(o);
    const ne = enumOf(n);
    if (oe && ne) {
      const removed = oe.filter((v) => !ne.includes(v));
      const added = ne.filter((v) => !oe.includes(v));
      if (removed.length > 0) this.add('breaking', `${at}: enum narrowed, no longer ${removed.join(', ')}`);
      if (added.length > 0) {
        this.add(
          'feature',
          dir === 'request' ? `${at}: enum accepts ${added.join(', ')}` : `${at}: enum gained ${added.join(', ')} (code that switches over every value needs a new case)`,
        );
      }
    } else if (!oe && ne) {
      this.add('breaking', `${at}: enum narrowed, now only ${ne.join(', ')}`);
    } else if (oe && !ne) {
      this.add(byDirection(dir, 'feature', 'feature'), `${at}: no longer limited to ${oe.join(', ')}`);
    }

    // Object properties.
    const op = isObject(o.properties) ? o.properties : {};
    const np = isObject(n.properties) ? n.properties : {};
    const oreq = new Set(Array.isArray(o.required) ? o.required : []);
    const nreq = new Set(Array.isArray(n.required) ? n.required : []);
    const sub = (/** @type {string} */ key) => (field ? `${field}.${key}` : key);
    for (const key of Object.keys(op)) {
      if (!(key in np)) this.add('breaking', `${where}: field ${code(sub(key))} removed`);
    }
    for (const key of Object.keys(np)) {
      if (key in op) continue;
      if (dir === 'response') this.add('feature', `${where}: new field ${code(sub(key))}`);
      else if (nreq.has(key)) this.add('breaking', `${where}: new required field ${code(sub(key))}`);
      else this.add('feature', `${where}: new optional field ${code(sub(key))}`);
    }
    for (const key of Object.keys(op)) {
      if (!(key in np)) continue;
      if (!oreq.has(key) && nreq.has(key)) {
        this.add(byDirection(dir, 'breaking', 'feature'), `${where}: field ${code(sub(key))} is now required`);
      } else if (oreq.has(key) && !nreq.has(key)) {
        this.add(byDirection(dir, 'feature', 'breaking'), `${where}: field ${code(sub(key))} is now optional${dir === 'request' ? '' : ' (may be missing)'}`);
      }
      this.schema(op[key], np[key], where, sub(key), dir, seen);
    }
    // required entries for properties that are not declared (rare): compare as a set.
    const undeclared = (/** @type {Set<string>} */ req, /** @type {Record<string, unknown>} */ props) => [...req].filter((k) => !(k in props)).sort().join(',');
    if (undeclared(oreq, op) !== undeclared(nreq, np)) this.add('breaking', `${at}: required list changed (review)`);

    // additionalProperties.
    const oa = o.additionalProperties;
    const na = n.additionalProperties;
    if (isObject(oa) && isObject(na)) this.schema(oa, na, where, `${field || ''}{*}`, dir, seen);
    else if (json(oa) !== json(na)) {
      const closed = na === false || (oa === undefined && isObject(na)) || (oa === true && isObject(na));
      this.add(closed ? byDirection(dir, 'breaking', 'feature') : byDirection(dir, 'feature', 'breaking'), `${at}: additional properties ${closed ? 'restricted' : 'allowed'}`);
    }

    // Arrays.
    if (o.items !== undefined && n.items !== undefined) this.schema(o.items, n.items, where, `${field}[]`, dir, seen);
    else if (json(o.items) !== json(n.items)) this.add('breaking', `${at}: array items ${o.items === undefined ? 'now typed' : 'no longer typed'} (review)`);
    if (json(o.prefixItems) !== json(n.prefixItems)) this.add('breaking', `${at}: prefixItems changed (review)`);

    // Unions.
    for (const keyword of ['oneOf', 'anyOf']) {
      const ov = Array.isArray(o[keyword]) ? o[keyword] : undefined;
      const nv = Array.isArray(n[keyword]) ? n[keyword] : undefined;
      if (!ov && !nv) continue;
      if (ov && nv && ov.length === nv.length) {
        ov.forEach((variant, i) => this.schema(variant, nv[i], where, `${field}(${keyword} ${i + 1})`, dir, seen));
        continue;
      }
      const oldTexts = (ov ?? []).map(json);
      const newTexts = (nv ?? []).map(json);
      if (oldTexts.some((t) => !newTexts.includes(t))) this.add('breaking', `${at}: ${keyword} lost a variant`);
      if (newTexts.some((t) => !oldTexts.includes(t))) this.add(byDirection(dir, 'feature', 'breaking'), `${at}: ${keyword} gained a variant`);
    }

    // Constraints (the client validates responses with them; the server validates requests).
    for (const key of [...LOWER_BOUNDS, ...UPPER_BOUNDS, ...OTHER_CONSTRAINTS]) {
      if (json(o[key]) === json(n[key])) continue;
      let tighter;
      if (n[key] === undefined) tighter = false;
      else if (o[key] === undefined) tighter = key !== 'uniqueItems' || n[key] === true;
      else if (LOWER_BOUNDS.includes(key) && typeof o[key] === 'number' && typeof n[key] === 'number') tighter = n[key] > o[key];
      else if (UPPER_BOUNDS.includes(key) && typeof o[key] === 'number' && typeof n[key] === 'number') tighter = n[key] < o[key];
      else if (key === 'uniqueItems') tighter = n[key] === true;
      else tighter = true; // a different pattern, format, ...: assume it rejects something it accepted
      this.add(tighter ? 'breaking' : 'feature', `${at}: ${code(key)} ${tighter ? 'tightened' : 'loosened'} (${json(o[key]) ?? 'none'} → ${json(n[key]) ?? 'none'})`);
    }

    if (o.deprecated !== true && n.deprecated === true) this.add('feature', `${at}: deprecated`);
    if (o.deprecated === true && n.deprecated !== true) this.add('feature', `${at}: no longer deprecated`);
    if (json(o.default) !== json(n.default)) this.add('fix', `${at}: default ${json(o.default) ?? 'none'} → ${json(n.default) ?? 'none'}`);
    if (json(o.discriminator) !== json(n.discriminator)) this.add('breaking', `${at}: discriminator changed (review)`);

    // Anything else (readOnly, writeOnly, not, if/then/else, ...): not classified.
    for (const key of new Set([...Object.keys(o), ...Object.keys(n)])) {
      if (HANDLED.has(key) || isDocKey(key)) continue;
      if (json(o[key]) !== json(n[key])) this.add('breaking', `${at}: ${code(key)} changed (not classified: review)`);
    }
  }

  /** Media-type maps (`content`) of a request body or a response. */
  content(/** @type {any} */ oldContent, /** @type {any} */ newContent, /** @type {string} */ where, /** @type {Direction} */ dir) {
    const oc = isObject(oldContent) ? oldContent : {};
    const nc = isObject(newContent) ? newContent : {};
    for (const type of Object.keys(oc)) {
      if (!(type in nc)) this.add('breaking', `${where}: no longer ${code(type)}`);
    }
    for (const type of Object.keys(nc)) {
      if (!(type in oc)) this.add('feature', `${where}: now also ${code(type)}`);
      else {
        const os = oc[type]?.schema;
        const ns = nc[type]?.schema;
        if (os !== undefined || ns !== undefined) this.schema(os ?? {}, ns ?? {}, where, '', dir);
      }
    }
  }

  /** Parameters of an operation (path-level ones included), keyed by `in` and name. */
  parameters(/** @type {Resolver} */ resolver, /** @type {any} */ pathItem, /** @type {any} */ operation) {
    /** @type {Map<string, any>} */
    const map = new Map();
    for (const list of [pathItem.parameters, operation.parameters]) {
      for (const raw of Array.isArray(list) ? list : []) {
        const p = resolver.deref(raw);
        if (isObject(p)) map.set(`${p.in}:${p.name}`, p);
      }
    }
    return map;
  }

  /** Effective security of an operation, as a set of alternative texts ("Bearer", "Basic+Cookie", "anonymous"). */
  static security(/** @type {any} */ doc, /** @type {any} */ operation) {
    const requirements = Array.isArray(operation.security) ? operation.security : Array.isArray(doc.security) ? doc.security : [];
    // No requirement at all (absent or `[]`) means anyone may call.
    if (requirements.length === 0) return new Set(['anonymous']);
    return new Set(
      requirements.map((/** @type {any} */ r) => {
        const names = isObject(r) ? Object.keys(r).sort() : [];
        return names.length === 0 ? 'anonymous' : names.join(' + ');
      }),
    );
  }

  operation(/** @type {string} */ label, /** @type {any} */ oldPath, /** @type {any} */ newPath, /** @type {any} */ o, /** @type {any} */ n) {
    if (o.operationId !== n.operationId) {
      this.add('breaking', `${label}: operationId ${code(o.operationId)} → ${code(n.operationId)} (the function is renamed)`);
    }
    if (o.deprecated !== true && n.deprecated === true) this.add('feature', `${label}: deprecated`);
    if (o.deprecated === true && n.deprecated !== true) this.add('feature', `${label}: no longer deprecated`);

    // Parameters.
    const op = this.parameters(this.old, oldPath, o);
    const np = this.parameters(this.new, newPath, n);
    for (const [key, p] of op) {
      if (!np.has(key)) this.add('breaking', `${label}: ${p.in} parameter ${code(p.name)} removed`);
    }
    for (const [key, p] of np) {
      const before = op.get(key);
      if (!before) {
        this.add(p.required ? 'breaking' : 'feature', `${label}: new ${p.required ? 'required' : 'optional'} ${p.in} parameter ${code(p.name)}`);
        continue;
      }
      if (!before.required && p.required) this.add('breaking', `${label}: ${p.in} parameter ${code(p.name)} is now required`);
      if (before.required && !p.required) this.add('feature', `${label}: ${p.in} parameter ${code(p.name)} is now optional`);
      if (before.deprecated !== true && p.deprecated === true) this.add('feature', `${label}: ${p.in} parameter ${code(p.name)} deprecated`);
      for (const key2 of ['style', 'explode', 'allowReserved', 'allowEmptyValue']) {
        if (json(before[key2]) !== json(p[key2])) this.add('breaking', `${label}: ${p.in} parameter ${code(p.name)}: ${code(key2)} changed (review)`);
      }
      this.schema(before.schema ?? {}, p.schema ?? {}, `${label}: ${p.in} parameter ${code(p.name)}`, '', 'request');
      if (before.content || p.content) this.content(before.content, p.content, `${label}: ${p.in} parameter ${code(p.name)}`, 'request');
    }

    // Request body.
    const ob = o.requestBody === undefined ? undefined : this.old.deref(o.requestBody);
    const nb = n.requestBody === undefined ? undefined : this.new.deref(n.requestBody);
    if (ob && !nb) this.add('breaking', `${label}: request body removed`);
    else if (!ob && nb) this.add(nb.required ? 'breaking' : 'feature', `${label}: now takes ${nb.required ? 'a required' : 'an optional'} request body`);
    else if (ob && nb) {
      if (!ob.required && nb.required) this.add('breaking', `${label}: request body is now required`);
      if (ob.required && !nb.required) this.add('feature', `${label}: request body is now optional`);
      this.content(ob.content, nb.content, `${label}: request body`, 'request');
    }

    // Responses.
    const or = isObject(o.responses) ? o.responses : {};
    const nr = isObject(n.responses) ? n.responses : {};
    for (const status of Object.keys(or)) {
      if (!(status in nr)) this.add('breaking', `${label}: response ${code(status)} removed`);
    }
    for (const status of Object.keys(nr)) {
      if (!(status in or)) {
        this.add('feature', `${label}: new response ${code(status)}`);
        continue;
      }
      const a = this.old.deref(or[status]);
      const b = this.new.deref(nr[status]);
      const where = `${label}: response ${code(status)}`;
      this.content(a?.content, b?.content, where, 'response');
      const oh = isObject(a?.headers) ? a.headers : {};
      const nh = isObject(b?.headers) ? b.headers : {};
      for (const name of Object.keys(oh)) if (!(name in nh)) this.add('breaking', `${where}: header ${code(name)} removed`);
      for (const name of Object.keys(nh)) {
        if (!(name in oh)) this.add('feature', `${where}: new header ${code(name)}`);
        else this.schema(this.old.deref(oh[name])?.schema ?? {}, this.new.deref(nh[name])?.schema ?? {}, `${where}: header ${code(name)}`, '', 'response');
      }
    }

    // Security.
    const os = Comparison.security(this.old.doc, o);
    const ns = Comparison.security(this.new.doc, n);
    for (const s of os) if (!ns.has(s)) this.add('breaking', `${label}: no longer accepts ${s === 'anonymous' ? 'anonymous calls' : code(s)}`);
    for (const s of ns) if (!os.has(s)) this.add('feature', `${label}: also accepts ${s === 'anonymous' ? 'anonymous calls' : code(s)}`);
  }

  run() {
    const oldDoc = this.old.doc;
    const newDoc = this.new.doc;
    /** @type {Map<string, {pathItem: any, op: any}>} */
    const oldOps = new Map();
    /** @type {Map<string, {pathItem: any, op: any}>} */
    const newOps = new Map();
    for (const [doc, resolver, map] of /** @type {const} */ ([[oldDoc, this.old, oldOps], [newDoc, this.new, newOps]])) {
      for (const [path, raw] of Object.entries(doc.paths ?? {})) {
        const pathItem = resolver.deref(raw);
        if (!isObject(pathItem)) continue;
        for (const method of METHODS) {
          if (isObject(pathItem[method])) map.set(`${method.toUpperCase()} ${path}`, { pathItem, op: pathItem[method] });
        }
      }
    }
    const label = (/** @type {string} */ key, /** @type {any} */ op) => `${code(key)}${op.operationId ? ` (${code(op.operationId)})` : ''}`;
    for (const [key, { op }] of oldOps) if (!newOps.has(key)) this.add('breaking', `${label(key, op)}: operation removed`);
    for (const [key, { op }] of newOps) if (!oldOps.has(key)) this.add('feature', `${label(key, op)}: new operation`);
    for (const [key, a] of oldOps) {
      const b = newOps.get(key);
      if (b) this.operation(label(key, b.op), a.pathItem, b.pathItem, a.op, b.op);
    }

    // Component schemas: each is an exported type (and valibot schema) of the client.
    const oldSchemas = isObject(oldDoc.components?.schemas) ? oldDoc.components.schemas : {};
    const newSchemas = isObject(newDoc.components?.schemas) ? newDoc.components.schemas : {};
    for (const name of Object.keys(oldSchemas)) if (!(name in newSchemas)) this.add('breaking', `schema ${code(name)} removed (its exported type goes too)`);
    for (const name of Object.keys(newSchemas)) if (!(name in oldSchemas)) this.add('feature', `new schema ${code(name)} (a new exported type)`);
    // Those no operation uses (or used differently): compared as both request and response.
    for (const name of Object.keys(oldSchemas)) {
      if (name in newSchemas && ![...this.components].some((k) => k.startsWith(`${name}|`))) this.component(name, 'both');
    }

    // Parts of the document the comparison above does not cover: any change there needs a person.
    const differs = (/** @type {any} */ a, /** @type {any} */ b, inMap = false) => json(stripDocs(a, inMap)) !== json(stripDocs(b, inMap));
    for (const key of new Set([...Object.keys(oldDoc), ...Object.keys(newDoc)])) {
      if (isDocKey(key) || ['paths', 'components', 'security'].includes(key)) continue;
      if (differs(oldDoc[key], newDoc[key], MAP_KEYS.has(key))) this.add('breaking', `${code(key)} changed (not classified: review)`);
    }
    const oldComponents = isObject(oldDoc.components) ? oldDoc.components : {};
    const newComponents = isObject(newDoc.components) ? newDoc.components : {};
    for (const key of new Set([...Object.keys(oldComponents), ...Object.keys(newComponents)])) {
      // schemas: compared above; responses, parameters, requestBodies, headers: compared where operations use them.
      if (isDocKey(key) || ['schemas', 'responses', 'parameters', 'requestBodies', 'headers'].includes(key)) continue;
      if (differs(oldComponents[key], newComponents[key], true)) this.add('breaking', `${code(`components.${key}`)} changed (not classified: review)`);
    }

    const structural = [...this.changes.values()];
    const docs = docDifferences(oldDoc, newDoc);
    if (docs.length > 0) {
      const shown = docs.slice(0, 5).map(code).join(', ');
      this.add('fix', `documentation changed in ${docs.length} place${docs.length === 1 ? '' : 's'}: ${shown}${docs.length > 5 ? ', …' : ''}`);
    }
    if (structural.length === 0 && json(stripDocs(oldDoc)) !== json(stripDocs(newDoc))) {
      const keys = [...new Set([...Object.keys(oldDoc), ...Object.keys(newDoc)])].filter(
        (k) => !isDocKey(k) && json(stripDocs(oldDoc[k], MAP_KEYS.has(k))) !== json(stripDocs(newDoc[k], MAP_KEYS.has(k))),
      );
      this.add('breaking', `changes this classifier does not recognise, under ${keys.map(code).join(', ') || 'the document'} (review them)`);
    }
  }
}

/**
 * Classifies the change from `oldDoc` to `newDoc` (parsed OpenAPI 3.x documents).
 * @returns {{ level: Level, changes: Change[] }} changes sorted breaking first
 */
export function classifySpecChange(/** @type {any} */ oldDoc, /** @type {any} */ newDoc) {
  if (json(oldDoc) === json(newDoc)) return { level: 'none', changes: [] };
  const comparison = new Comparison(oldDoc, newDoc);
  comparison.run();
  const changes = [...comparison.changes.values()].sort((a, b) => rank(b.level) - rank(a.level));
  return { level: maxLevel(...changes.map((c) => c.level)), changes };
}

/**
 * The changesets bump for a change level, given the package's current version. From 1.0.0 on: breaking →
 * major, feature → minor, fix → patch. Before 1.0.0 (0.x), one step lower for breaking and feature changes:
 * breaking → minor, feature → patch, fix → patch. changesets itself does no such mapping (a `major` changeset
 * takes 0.4.2 to 1.0.0); the mapping follows what caret ranges do on 0.x: `^0.4.2` takes 0.4.x and never 0.5.0.
 * @returns {{ bump: 'major' | 'minor' | 'patch', note: string } | undefined}
 */
export function bumpFor(/** @type {Level} */ level, /** @type {string} */ version) {
  if (level === 'none') return undefined;
  const major = Number(/^(\d+)\./.exec(version)?.[1] ?? NaN);
  if (Number.isNaN(major)) throw new Error(`not a semver version: ${JSON.stringify(version)}`);
  if (major >= 1) {
    return { bump: /** @type {const} */ ({ breaking: 'major', feature: 'minor', fix: 'patch' })[level], note: '' };
  }
  const bump = /** @type {const} */ ({ breaking: 'minor', feature: 'patch', fix: 'patch' })[level];
  const note =
    level === 'fix'
      ? ''
      : `The package is still 0.x (${version}), so ${level === 'breaking' ? 'a breaking change is released as a minor version' : 'a new feature is released as a patch'} (\`^0.y.z\` ranges take patches, never a new minor).`;
  return { bump, note };
}

const SECTIONS = /** @type {const} */ ([
  ['breaking', 'Breaking changes'],
  ['feature', 'New'],
  ['fix', 'Documentation'],
]);

/** The text of the changeset file for a classified change. */
export function changesetText(
  /** @type {{ packageName: string, version: string, level: Level, changes: Change[], oldTitle?: string, newTitle?: string }} */ input,
  maxPerSection = 40,
) {
  const bump = bumpFor(input.level, input.version);
  if (!bump) throw new Error('no change: no changeset');
  const lines = ['---', `"${input.packageName}": ${bump.bump}`, '---', ''];
  const versions = input.oldTitle && input.newTitle && input.oldTitle !== input.newTitle ? ` (API description ${input.oldTitle} → ${input.newTitle})` : '';
  lines.push(`Regenerated from a new \`spec/openapi.yaml\`${versions}: ${describeLevel(input.level)}.${bump.note ? ` ${bump.note}` : ''}`);
  for (const [level, title] of SECTIONS) {
    const items = input.changes.filter((c) => c.level === level);
    if (items.length === 0) continue;
    lines.push('', `${title}:`, '');
    for (const item of items.slice(0, maxPerSection)) lines.push(`- ${item.message}`);
    if (items.length > maxPerSection) lines.push(`- … and ${items.length - maxPerSection} more`);
  }
  return `${lines.join('\n')}\n`;
}

const describeLevel = (/** @type {Level} */ level) =>
  ({ breaking: 'breaking changes', feature: 'new features, nothing removed', fix: 'documentation only', none: 'no change' })[level];
