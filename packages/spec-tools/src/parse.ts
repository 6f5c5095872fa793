// Reading an OpenAPI 3.x document from YAML or JSON text.
import { parse } from 'yaml';
import { isObject, type JsonObject } from './json.js';

/** Parses a YAML or JSON text and checks that it is an OpenAPI 3.x document with `paths`. */
export function parseSpec(text: string, name = 'the document'): JsonObject {
  let doc: unknown;
  try {
    doc = parse(text, { maxAliasCount: -1 });
  } catch (error) {
    throw new Error(`${name} is not valid YAML or JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!isObject(doc) || typeof doc.openapi !== 'string' || !/^3\./.test(doc.openapi)) {
    throw new Error(`${name} is not an OpenAPI 3.x document (no "openapi: 3.x" at the top)`);
  }
  if (!isObject(doc.paths)) throw new Error(`${name} has no "paths"`);
  return doc;
}
