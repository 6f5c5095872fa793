/**
 * Contract checks: every answer of the emulator must match spec/openapi.yaml for its operation, status and
 * content type. Answers with no declared content must have an empty body; paths that are not operations of
 * the spec (unknown routes, wrong methods) must answer with an empty body too. `/__emulator/` calls never
 * reach this check (they are not part of the API), and neither do answers bent by an injected fault other
 * than a delay (breaking the contract is their purpose).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { parse } from 'yaml';
import type { ResponseRecord } from '../../src/index.js';

type Json = Record<string, unknown>;

const SPEC_PATH = fileURLToPath(new URL('../../../../spec/openapi.yaml', import.meta.url));
const SPEC_ID = 'https://docspace-auth.invalid/openapi';

// ajv-formats is CommonJS with a default export; under NodeNext the callable is on `.default`.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (
  ajv: Ajv2020,
) => Ajv2020;

/** Rewrites `#/components/schemas/X` to `$defs` of one registered schema, so Ajv can resolve refs. */
function rewriteRefs(node: unknown, prefix: string): unknown {
  if (Array.isArray(node)) return node.map((item) => rewriteRefs(item, prefix));
  if (node && typeof node === 'object') {
    const out: Json = {};
    for (const [key, value] of Object.entries(node)) {
      out[key] =
        key === '$ref' && typeof value === 'string' && value.startsWith('#/components/schemas/')
          ? `${prefix}#/$defs/${value.slice('#/components/schemas/'.length)}`
          : rewriteRefs(value, prefix);
    }
    return out;
  }
  return node;
}

interface Operation {
  id: string;
  method: string;
  template: string;
  regex: RegExp;
  literalSegments: number;
  responses: Json;
}

export interface Violation {
  method: string;
  path: string;
  status: number;
  problem: string;
}

export class Contract {
  readonly spec: Json;
  readonly operations: Operation[] = [];
  private readonly ajv: Ajv2020;
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(specPath = SPEC_PATH) {
    this.spec = parse(readFileSync(specPath, 'utf8')) as Json;
    this.ajv = new Ajv2020({ allErrors: true, strict: true });
    this.ajv.addVocabulary(['x-enum-varnames', 'example', 'discriminator', 'xml', 'externalDocs']);
    addFormats(this.ajv);
    const schemas = ((this.spec.components as Json | undefined)?.schemas ?? {}) as Json;
    this.ajv.addSchema({ $id: SPEC_ID, $defs: rewriteRefs(schemas, SPEC_ID) as Json });
    for (const [template, item] of Object.entries((this.spec.paths ?? {}) as Json)) {
      for (const [method, op] of Object.entries(item as Json)) {
        if (!['get', 'post', 'put', 'delete', 'patch'].includes(method)) continue;
        const operation = op as Json;
        const segments = template.split('/');
        const source = segments
          .map((s) => (s.startsWith('{') ? '[^/]+' : s.replace(/[.*+?^${}()|[\]\\@]/g, '\\$&')))
          .join('/');
        this.operations.push({
          id: String(operation.operationId),
          method: method.toUpperCase(),
          template,
          regex: new RegExp(`^${source}/?$`, 'i'),
          literalSegments: segments.filter((s) => !s.startsWith('{')).length,
          responses: operation.responses as Json,
        });
      }
    }
    // Literal paths win over templated ones (`/logout` before `/{code}`).
    this.operations.sort((a, b) => b.literalSegments - a.literalSegments);
  }

  /** The operation a request belongs to. */
  operationFor(method: string, path: string): Operation | undefined {
    return this.operations.find((op) => op.method === method.toUpperCase() && op.regex.test(path));
  }

  private resolveResponse(response: Json): Json {
    const ref = response.$ref;
    if (typeof ref === 'string') {
      const name = ref.replace('#/components/responses/', '');
      return ((this.spec.components as Json).responses as Json)[name] as Json;
    }
    return response;
  }

  private validator(key: string, schema: unknown): ValidateFunction {
    let validate = this.validators.get(key);
    if (!validate) {
      validate = this.ajv.compile(rewriteRefs(schema, SPEC_ID) as Json);
      this.validators.set(key, validate);
    }
    return validate;
  }

  /** Problems of one answer (empty when it honours the contract). */
  check(record: Pick<ResponseRecord, 'method' | 'path' | 'status' | 'headers' | 'body' | 'fault'>): Violation[] {
    const { method, path, status, body } = record;
    const problems: Violation[] = [];
    const fail = (problem: string) => problems.push({ method, path, status, problem });
    if (path.startsWith('/__emulator')) return problems;
    if (record.fault && record.fault.kind !== 'delay') return problems;
    const operation = this.operationFor(method, path);
    if (!operation) {
      if (body !== '') fail('a path outside the spec answered with a body');
      return problems;
    }
    const declared = operation.responses[String(status)] as Json | undefined;
    if (!declared) {
      fail(`status ${status} is not declared for ${operation.id}`);
      return problems;
    }
    const response = this.resolveResponse(declared);
    const content = response.content as Json | undefined;
    if (!content) {
      if (body !== '') fail(`${operation.id} ${status} declares no body but got ${JSON.stringify(body.slice(0, 200))}`);
      return problems;
    }
    const header = record.headers['content-type'];
    // `x-may-be-empty`: the same status also comes with no body at all (a server filter's bare status code).
    if (body === '' && header === undefined && response['x-may-be-empty'] === true) return problems;
    const contentType = String(Array.isArray(header) ? header[0] : (header ?? ''))
      .split(';')[0]!
      .trim()
      .toLowerCase();
    const media = content[contentType] as Json | undefined;
    if (!media) {
      fail(
        `${operation.id} ${status}: content type ${JSON.stringify(contentType)} is not one of ${Object.keys(content).join(', ')}`,
      );
      return problems;
    }
    let value: unknown = body;
    if (contentType === 'application/json') {
      try {
        value = JSON.parse(body);
      } catch {
        fail(`${operation.id} ${status}: body is not JSON: ${JSON.stringify(body.slice(0, 200))}`);
        return problems;
      }
    }
    const validate = this.validator(`${operation.id} ${status} ${contentType}`, media.schema);
    if (!validate(value)) {
      fail(`${operation.id} ${status}: ${this.ajv.errorsText(validate.errors)} in ${body.slice(0, 400)}`);
    }
    return problems;
  }
}

let shared: Contract | undefined;

/** The contract of spec/openapi.yaml, loaded once per test file. */
export function contract(): Contract {
  shared ??= new Contract();
  return shared;
}
