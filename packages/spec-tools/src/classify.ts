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
// Local $refs (`#/...`) are resolved, allOf is merged (resolve.ts); schemas are compared in compare-schema.ts,
// operations in compare-operation.ts.
import { ChangeList } from './changes.js';
import { compareOperation } from './compare-operation.js';
import { SchemaComparison } from './compare-schema.js';
import { MAP_KEYS, docDifferences, isDocKey, stripDocs } from './documentation.js';
import { code, isObject, json, type JsonObject } from './json.js';
import { type Change, type Level, maxLevel } from './level.js';
import { Resolver } from './resolve.js';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

interface Operation {
  pathItem: JsonObject;
  op: JsonObject;
}

/** The operations of a document, by `METHOD /path`. */
function operationsOf(resolver: Resolver): Map<string, Operation> {
  const map = new Map<string, Operation>();
  for (const [path, raw] of Object.entries<unknown>(resolver.doc.paths ?? {})) {
    const pathItem: unknown = resolver.deref(raw);
    if (!isObject(pathItem)) continue;
    for (const method of METHODS) {
      if (isObject(pathItem[method])) map.set(`${method.toUpperCase()} ${path}`, { pathItem, op: pathItem[method] });
    }
  }
  return map;
}

export interface Classification {
  level: Level;
  /** Breaking first. */
  changes: Change[];
}

/** Classifies the change from `oldDoc` to `newDoc` (parsed OpenAPI 3.x documents, see `parseSpec`). */
export function classifySpecChange(oldDoc: JsonObject, newDoc: JsonObject): Classification {
  if (json(oldDoc) === json(newDoc)) return { level: 'none', changes: [] };
  const changes = new ChangeList();
  const cmp = new SchemaComparison(new Resolver(oldDoc), new Resolver(newDoc), changes);

  // Operations.
  const oldOps = operationsOf(cmp.before);
  const newOps = operationsOf(cmp.after);
  const label = (key: string, op: JsonObject) => `${code(key)}${op.operationId ? ` (${code(op.operationId)})` : ''}`;
  for (const [key, { op }] of oldOps)
    if (!newOps.has(key)) changes.add('breaking', `${label(key, op)}: operation removed`);
  for (const [key, { op }] of newOps) if (!oldOps.has(key)) changes.add('feature', `${label(key, op)}: new operation`);
  for (const [key, a] of oldOps) {
    const b = newOps.get(key);
    if (b) compareOperation(cmp, label(key, b.op), { oldPath: a.pathItem, newPath: b.pathItem, old: a.op, new: b.op });
  }

  // Component schemas: each is an exported type (and valibot schema) of the client.
  const oldSchemas: JsonObject = isObject(oldDoc.components?.schemas) ? oldDoc.components.schemas : {};
  const newSchemas: JsonObject = isObject(newDoc.components?.schemas) ? newDoc.components.schemas : {};
  for (const name of Object.keys(oldSchemas))
    if (!(name in newSchemas)) changes.add('breaking', `schema ${code(name)} removed (its exported type goes too)`);
  for (const name of Object.keys(newSchemas))
    if (!(name in oldSchemas)) changes.add('feature', `new schema ${code(name)} (a new exported type)`);
  // Those no operation uses: compared as both request and response.
  for (const name of Object.keys(oldSchemas)) {
    if (name in newSchemas && !cmp.compared(name)) cmp.component(name, 'both');
  }

  // Parts of the document the comparison above does not cover: any change there needs a person.
  const differs = (a: unknown, b: unknown, inMap = false) => json(stripDocs(a, inMap)) !== json(stripDocs(b, inMap));
  for (const key of new Set([...Object.keys(oldDoc), ...Object.keys(newDoc)])) {
    if (isDocKey(key) || ['paths', 'components', 'security'].includes(key)) continue;
    if (differs(oldDoc[key], newDoc[key], MAP_KEYS.has(key)))
      changes.add('breaking', `${code(key)} changed (not classified: review)`);
  }
  const oldComponents: JsonObject = isObject(oldDoc.components) ? oldDoc.components : {};
  const newComponents: JsonObject = isObject(newDoc.components) ? newDoc.components : {};
  for (const key of new Set([...Object.keys(oldComponents), ...Object.keys(newComponents)])) {
    // schemas: compared above; responses, parameters, requestBodies, headers: compared where operations use them.
    if (isDocKey(key) || ['schemas', 'responses', 'parameters', 'requestBodies', 'headers'].includes(key)) continue;
    if (differs(oldComponents[key], newComponents[key], true))
      changes.add('breaking', `${code(`components.${key}`)} changed (not classified: review)`);
  }

  // Documentation, and a structural difference nothing above explained.
  const structural = changes.size;
  const docs = docDifferences(oldDoc, newDoc);
  if (docs.length > 0) {
    const shown = docs.slice(0, 5).map(code).join(', ');
    changes.add(
      'fix',
      `documentation changed in ${docs.length} place${docs.length === 1 ? '' : 's'}: ${shown}${docs.length > 5 ? ', …' : ''}`,
    );
  }
  if (structural === 0 && json(stripDocs(oldDoc)) !== json(stripDocs(newDoc))) {
    const keys = [...new Set([...Object.keys(oldDoc), ...Object.keys(newDoc)])].filter(
      (k) => !isDocKey(k) && differs(oldDoc[k], newDoc[k], MAP_KEYS.has(k)),
    );
    changes.add(
      'breaking',
      `changes this classifier does not recognise, under ${keys.map(code).join(', ') || 'the document'} (review them)`,
    );
  }

  const sorted = changes.sorted();
  return { level: maxLevel(...sorted.map((c) => c.level)), changes: sorted };
}
