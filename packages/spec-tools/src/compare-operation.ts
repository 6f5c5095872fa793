// Comparing one operation (same method and path on both sides): its name, parameters, request body, responses
// and security.
import type { SchemaComparison } from './compare-schema.js';
import { code, isObject, json, type JsonObject } from './json.js';
import type { Direction } from './level.js';
import type { Resolver } from './resolve.js';

/** Media-type maps (`content`) of a request body or a response. */
function compareContent(
  cmp: SchemaComparison,
  oldContent: unknown,
  newContent: unknown,
  where: string,
  dir: Direction,
): void {
  const oc: JsonObject = isObject(oldContent) ? oldContent : {};
  const nc: JsonObject = isObject(newContent) ? newContent : {};
  for (const type of Object.keys(oc)) {
    if (!(type in nc)) cmp.changes.add('breaking', `${where}: no longer ${code(type)}`);
  }
  for (const type of Object.keys(nc)) {
    if (!(type in oc)) cmp.changes.add('feature', `${where}: now also ${code(type)}`);
    else {
      const os: unknown = oc[type]?.schema;
      const ns: unknown = nc[type]?.schema;
      if (os !== undefined || ns !== undefined) cmp.schema(os ?? {}, ns ?? {}, where, '', dir);
    }
  }
}

/** Parameters of an operation (path-level ones included), keyed by `in` and name. */
function parametersOf(resolver: Resolver, pathItem: JsonObject, operation: JsonObject): Map<string, JsonObject> {
  const map = new Map<string, JsonObject>();
  for (const list of [pathItem.parameters, operation.parameters]) {
    for (const raw of Array.isArray(list) ? list : []) {
      const p: unknown = resolver.deref(raw);
      if (isObject(p)) map.set(`${p.in}:${p.name}`, p);
    }
  }
  return map;
}

/** Effective security of an operation, as a set of alternative texts ("Bearer", "Basic + Cookie", "anonymous"). */
function securityOf(doc: JsonObject, operation: JsonObject): Set<string> {
  const requirements: unknown[] = Array.isArray(operation.security)
    ? operation.security
    : Array.isArray(doc.security)
      ? doc.security
      : [];
  // No requirement at all (absent or `[]`) means anyone may call.
  if (requirements.length === 0) return new Set(['anonymous']);
  return new Set(
    requirements.map((r) => {
      const names = isObject(r) ? Object.keys(r).sort() : [];
      return names.length === 0 ? 'anonymous' : names.join(' + ');
    }),
  );
}

export interface OperationSides {
  oldPath: JsonObject;
  newPath: JsonObject;
  old: JsonObject;
  new: JsonObject;
}

/** Compares an operation present on both sides; `label` names it in messages. */
export function compareOperation(
  cmp: SchemaComparison,
  label: string,
  { oldPath, newPath, old: o, new: n }: OperationSides,
): void {
  const add = cmp.changes.add.bind(cmp.changes);
  if (o.operationId !== n.operationId) {
    add('breaking', `${label}: operationId ${code(o.operationId)} → ${code(n.operationId)} (the function is renamed)`);
  }
  if (o.deprecated !== true && n.deprecated === true) add('feature', `${label}: deprecated`);
  if (o.deprecated === true && n.deprecated !== true) add('feature', `${label}: no longer deprecated`);

  // Parameters.
  const op = parametersOf(cmp.before, oldPath, o);
  const np = parametersOf(cmp.after, newPath, n);
  for (const [key, p] of op) {
    if (!np.has(key)) add('breaking', `${label}: ${p.in} parameter ${code(p.name)} removed`);
  }
  for (const [key, p] of np) {
    const before = op.get(key);
    const name = `${p.in} parameter ${code(p.name)}`;
    if (!before) {
      add(p.required ? 'breaking' : 'feature', `${label}: new ${p.required ? 'required' : 'optional'} ${name}`);
      continue;
    }
    if (!before.required && p.required) add('breaking', `${label}: ${name} is now required`);
    if (before.required && !p.required) add('feature', `${label}: ${name} is now optional`);
    if (before.deprecated !== true && p.deprecated === true) add('feature', `${label}: ${name} deprecated`);
    for (const style of ['style', 'explode', 'allowReserved', 'allowEmptyValue']) {
      if (json(before[style]) !== json(p[style])) add('breaking', `${label}: ${name}: ${code(style)} changed (review)`);
    }
    cmp.schema(before.schema ?? {}, p.schema ?? {}, `${label}: ${name}`, '', 'request');
    if (before.content || p.content) compareContent(cmp, before.content, p.content, `${label}: ${name}`, 'request');
  }

  // Request body.
  const ob: unknown = o.requestBody === undefined ? undefined : cmp.before.deref(o.requestBody);
  const nb: unknown = n.requestBody === undefined ? undefined : cmp.after.deref(n.requestBody);
  if (isObject(ob) && !isObject(nb)) add('breaking', `${label}: request body removed`);
  else if (!isObject(ob) && isObject(nb))
    add(
      nb.required ? 'breaking' : 'feature',
      `${label}: now takes ${nb.required ? 'a required' : 'an optional'} request body`,
    );
  else if (isObject(ob) && isObject(nb)) {
    if (!ob.required && nb.required) add('breaking', `${label}: request body is now required`);
    if (ob.required && !nb.required) add('feature', `${label}: request body is now optional`);
    compareContent(cmp, ob.content, nb.content, `${label}: request body`, 'request');
  }

  // Responses.
  const or: JsonObject = isObject(o.responses) ? o.responses : {};
  const nr: JsonObject = isObject(n.responses) ? n.responses : {};
  for (const status of Object.keys(or)) {
    if (!(status in nr)) add('breaking', `${label}: response ${code(status)} removed`);
  }
  for (const status of Object.keys(nr)) {
    if (!(status in or)) {
      add('feature', `${label}: new response ${code(status)}`);
      continue;
    }
    const a: unknown = cmp.before.deref(or[status]);
    const b: unknown = cmp.after.deref(nr[status]);
    const where = `${label}: response ${code(status)}`;
    compareContent(cmp, isObject(a) ? a.content : undefined, isObject(b) ? b.content : undefined, where, 'response');
    const oh: JsonObject = isObject(a) && isObject(a.headers) ? a.headers : {};
    const nh: JsonObject = isObject(b) && isObject(b.headers) ? b.headers : {};
    for (const name of Object.keys(oh)) if (!(name in nh)) add('breaking', `${where}: header ${code(name)} removed`);
    for (const name of Object.keys(nh)) {
      if (!(name in oh)) add('feature', `${where}: new header ${code(name)}`);
      else
        cmp.schema(
          cmp.before.deref(oh[name])?.schema ?? {},
          cmp.after.deref(nh[name])?.schema ?? {},
          `${where}: header ${code(name)}`,
          '',
          'response',
        );
    }
  }

  // Security.
  const os = securityOf(cmp.before.doc, o);
  const ns = securityOf(cmp.after.doc, n);
  for (const s of os)
    if (!ns.has(s)) add('breaking', `${label}: no longer accepts ${s === 'anonymous' ? 'anonymous calls' : code(s)}`);
  for (const s of ns)
    if (!os.has(s)) add('feature', `${label}: also accepts ${s === 'anonymous' ? 'anonymous calls' : code(s)}`);
}
