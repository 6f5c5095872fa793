// The classifier (src/classify.ts and what it uses), table-tested: each fixture in fixtures/ is the "new" side of
// a pair whose "old" side is fixtures/base.yaml, and must give the right change level, changesets bump (0.x and
// 1.x) and message.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { bumpFor, changesetText, classifySpecChange, mergeSchemas, parseSpec, stripDocs } from '../src/index.js';

const fixture = (name: string) =>
  parseSpec(readFileSync(new URL(`./fixtures/${name}.yaml`, import.meta.url), 'utf8'), name);
const base = () => fixture('base');

type Level = 'none' | 'fix' | 'feature' | 'breaking';
interface Row {
  fixture: string;
  level: Level;
  /** The bump while the package is 0.x, and from 1.0.0 on. */
  bump0: 'minor' | 'patch';
  bump1: 'major' | 'minor' | 'patch';
  message: RegExp;
}

const table: Row[] = [
  // breaking
  {
    fixture: 'breaking-removed-operation',
    level: 'breaking',
    bump0: 'minor',
    bump1: 'major',
    message: /^`DELETE \/items\/\{id\}` \(`deleteItem`\): operation removed$/,
  },
  {
    fixture: 'breaking-removed-response-field',
    level: 'breaking',
    bump0: 'minor',
    bump1: 'major',
    message: /^schema `Envelope` \(in responses\): field `count` removed$/,
  },
  {
    fixture: 'breaking-removed-field-named-description',
    level: 'breaking',
    bump0: 'minor',
    bump1: 'major',
    message: /^schema `Item` \(in responses\): field `description` removed$/,
  },
  {
    fixture: 'breaking-retyped-field',
    level: 'breaking',
    bump0: 'minor',
    bump1: 'major',
    message: /^schema `Item` \(in responses\): field `count`: type changed from `integer` to `string`$/,
  },
  {
    fixture: 'breaking-new-required-request-field',
    level: 'breaking',
    bump0: 'minor',
    bump1: 'major',
    message: /^schema `NewItem` \(in requests\): new required field `owner`$/,
  },
  {
    fixture: 'breaking-narrowed-enum',
    level: 'breaking',
    bump0: 'minor',
    bump1: 'major',
    message: /^schema `Item` \(in responses\): field `state`: enum narrowed, no longer "archived"$/,
  },
  // feature
  {
    fixture: 'feature-new-operation',
    level: 'feature',
    bump0: 'patch',
    bump1: 'minor',
    message: /^`GET \/items\/\{id\}\/history` \(`getItemHistory`\): new operation$/,
  },
  {
    fixture: 'feature-new-optional-field',
    level: 'feature',
    bump0: 'patch',
    bump1: 'minor',
    message: /^schema `NewItem` \(in requests\): new optional field `tags`$/,
  },
  // fix
  {
    fixture: 'fix-description-only',
    level: 'fix',
    bump0: 'patch',
    bump1: 'patch',
    message: /^documentation changed in 4 places: /,
  },
  // a change the classifier does not know is never taken for documentation
  {
    fixture: 'unrecognised-servers',
    level: 'breaking',
    bump0: 'minor',
    bump1: 'major',
    message: /^`servers` changed \(not classified: review\)$/,
  },
];

describe('fixture pairs (base.yaml -> <fixture>.yaml)', () => {
  it.each(table)('$fixture: $level, 0.x $bump0, 1.x $bump1', (row) => {
    const result = classifySpecChange(base(), fixture(row.fixture));
    expect(result.level).toBe(row.level);
    // Exactly one change of that level, with the expected message: nothing else is reported.
    expect(result.changes).toHaveLength(1);
    expect(result.changes[0]!.level).toBe(row.level);
    expect(result.changes[0]!.message).toMatch(row.message);
    expect(bumpFor(row.level, '0.3.1')?.bump).toBe(row.bump0);
    expect(bumpFor(row.level, '1.2.0')?.bump).toBe(row.bump1);
  });

  it('the same document, reformatted, with keys reordered and comments: no change', () => {
    const text = readFileSync(new URL('./fixtures/base.yaml', import.meta.url), 'utf8');
    const doc = parse(text);
    const reordered = Object.fromEntries(Object.entries(doc).reverse());
    const result = classifySpecChange(base(), parseSpec(`# a comment\n${JSON.stringify(reordered, null, 1)}`));
    expect(result).toEqual({ level: 'none', changes: [] });
    expect(bumpFor('none', '0.3.1')).toBeUndefined();
  });

  it('reports an unclassified part next to a classified change', () => {
    const doc = fixture('feature-new-operation');
    doc.servers = [{ url: 'https://example.com' }];
    doc.components.securitySchemes = { key: { type: 'apiKey', in: 'header', name: 'X-Key' } };
    const messages = classifySpecChange(base(), doc).changes.map((c: { message: string }) => c.message);
    expect(messages).toEqual([
      '`servers` changed (not classified: review)',
      '`components.securitySchemes` changed (not classified: review)',
      '`GET /items/{id}/history` (`getItemHistory`): new operation',
    ]);
  });

  it('a change nothing else explains is "review", never documentation', () => {
    const doc = base();
    doc.paths['/items'].servers = [{ url: 'https://example.com' }];
    const result = classifySpecChange(base(), doc);
    expect(result.level).toBe('breaking');
    expect(result.changes.map((c: { message: string }) => c.message)).toEqual([
      'changes this classifier does not recognise, under `paths` (review them)',
    ]);
  });

  it('also reports the documentation next to a structural change', () => {
    const doc = fixture('breaking-removed-operation');
    doc.paths['/items'].post.summary = 'Make an item';
    const result = classifySpecChange(base(), doc);
    expect(result.level).toBe('breaking');
    expect(result.changes.map((c: { level: string }) => c.level)).toEqual(['breaking', 'fix']);
  });
});

describe('rules by direction and keyword', () => {
  const change = (mutate: (doc: any) => void) => {
    const doc = base();
    mutate(doc);
    return classifySpecChange(base(), doc);
  };
  const schemas = (doc: any) => doc.components.schemas;

  const rows: [name: string, mutate: (doc: any) => unknown, level: Level, message: RegExp][] = [
    [
      'request field made required',
      (d: any) => schemas(d).NewItem.required.push('description'),
      'breaking',
      /`NewItem` \(in requests\): field `description` is now required/,
    ],
    [
      'request field made optional',
      (d: any) => (schemas(d).NewItem.required = []),
      'feature',
      /`NewItem` \(in requests\): field `name` is now optional$/,
    ],
    [
      'response field made optional',
      (d: any) => (schemas(d).Item.required = ['id']),
      'breaking',
      /`Item` \(in responses\): field `name` is now optional \(may be missing\)/,
    ],
    [
      'new response field',
      (d: any) => (schemas(d).Item.properties.owner = { type: 'string' }),
      'feature',
      /`Item` \(in responses\): new field `owner`/,
    ],
    [
      'request type widened',
      (d: any) => (schemas(d).NewItem.properties.name.type = ['string', 'null']),
      'feature',
      /type changed from `string` to `null \| string`/,
    ],
    [
      'response type widened',
      (d: any) => (schemas(d).Item.properties.name.type = ['string', 'null']),
      'breaking',
      /type changed from `string` to `null \| string`/,
    ],
    [
      'response enum value added',
      (d: any) => schemas(d).Item.properties.state.enum.push('deleted'),
      'feature',
      /enum gained "deleted"/,
    ],
    [
      'request constraint tightened',
      (d: any) => (schemas(d).NewItem.properties.name.minLength = 3),
      'breaking',
      /`minLength` tightened \(1 → 3\)/,
    ],
    [
      'request constraint loosened',
      (d: any) => delete schemas(d).NewItem.properties.name.minLength,
      'feature',
      /`minLength` loosened \(1 → none\)/,
    ],
    [
      'operation renamed',
      (d: any) => (d.paths['/items'].post.operationId = 'makeItem'),
      'breaking',
      /operationId `createItem` → `makeItem`/,
    ],
    [
      'operation deprecated',
      (d: any) => (d.paths['/items'].post.deprecated = true),
      'feature',
      /`POST \/items` \(`createItem`\): deprecated/,
    ],
    [
      'new required query parameter',
      (d: any) =>
        (d.paths['/items/{id}'].get.parameters = [
          { name: 'v', in: 'query', required: true, schema: { type: 'string' } },
        ]),
      'breaking',
      /new required query parameter `v`/,
    ],
    [
      'new optional query parameter',
      (d: any) => (d.paths['/items/{id}'].get.parameters = [{ name: 'v', in: 'query', schema: { type: 'string' } }]),
      'feature',
      /new optional query parameter `v`/,
    ],
    [
      'path parameter removed',
      (d: any) => (d.paths['/items/{id}'].parameters = []),
      'breaking',
      /path parameter `id` removed/,
    ],
    [
      'response code removed',
      (d: any) => delete d.paths['/items/{id}'].delete.responses['204'],
      'breaking',
      /response `204` removed/,
    ],
    [
      'new response code',
      (d: any) => (d.paths['/items/{id}'].delete.responses['404'] = { description: 'Not found.' }),
      'feature',
      /new response `404`/,
    ],
    [
      'schema removed',
      (d: any) => {
        delete schemas(d).NewItem;
        d.paths['/items'].post.requestBody.content['application/json'].schema = { type: 'object' };
      },
      'breaking',
      /schema `NewItem` removed \(its exported type goes too\)/,
    ],
    [
      'new schema',
      (d: any) => (schemas(d).Extra = { type: 'string' }),
      'feature',
      /new schema `Extra` \(a new exported type\)/,
    ],
    [
      'credentials now required',
      (d: any) => {
        d.security = [{ key: [] }];
      },
      'breaking',
      /`GET \/items\/\{id\}` \(`getItem`\): no longer accepts anonymous calls/,
    ],
    [
      'credentials accepted, not required',
      (d: any) => {
        d.paths['/items'].post.security = [{}, { key: [] }];
      },
      'feature',
      /`POST \/items` \(`createItem`\): also accepts `key`$/,
    ],
  ];
  it.each(rows)('%s', (_name, mutate, level, message) => {
    const result = change(mutate);
    expect(result.level).toBe(level);
    expect(result.changes.map((c: { message: string }) => c.message).join('\n')).toMatch(message);
  });

  it('follows $ref chains and merges allOf written inline (not by name)', () => {
    const inline = (doc: any) => {
      // The envelope written out as an inline allOf of two inline schemas, reached through a $ref alias.
      schemas(doc).Alias = { $ref: '#/components/schemas/Inline' };
      schemas(doc).Inline = {
        allOf: [
          { type: 'object', properties: { a: { type: 'string' } } },
          { properties: { b: { type: 'integer' } }, required: ['b'] },
        ],
      };
      doc.paths['/items/{id}'].get.responses['200'].content['application/json'].schema = {
        $ref: '#/components/schemas/Alias',
      };
    };
    const before = base();
    inline(before);
    const after = base();
    inline(after);
    after.components.schemas.Inline.allOf[1].properties.b.type = 'string';
    const result = classifySpecChange(before, after);
    expect(result.level).toBe('breaking');
    expect(result.changes[0]!.message).toBe(
      'schema `Inline` (in responses): field `b`: type changed from `integer` to `string`',
    );
  });

  it('survives recursive schemas', () => {
    const recursive = (doc: any) => {
      schemas(doc).Node = {
        type: 'object',
        properties: {
          name: { type: 'string' },
          children: { type: 'array', items: { $ref: '#/components/schemas/Node' } },
        },
      };
      doc.paths['/items/{id}'].get.responses['200'].content['application/json'].schema = {
        $ref: '#/components/schemas/Node',
      };
    };
    const before = base();
    recursive(before);
    const after = base();
    recursive(after);
    delete after.components.schemas.Node.properties.name;
    expect(classifySpecChange(before, after).changes.map((c: { message: string }) => c.message)).toContain(
      'schema `Node` (in responses): field `name` removed',
    );
  });

  it('refuses external $refs and documents that are not OpenAPI 3', () => {
    const doc = base();
    doc.paths['/items'].post.requestBody.content['application/json'].schema = { $ref: 'other.yaml#/X' };
    expect(() => classifySpecChange(base(), doc)).toThrow(/external \$ref/);
    expect(() => parseSpec('swagger: "2.0"\npaths: {}\n')).toThrow(/not an OpenAPI 3/);
    expect(() => parseSpec('openapi: 3.1.0\npaths: [\n')).toThrow(/not valid YAML or JSON/);
  });

  it('merges allOf like JSON Schema: properties united, required joined, enums and types intersected', () => {
    expect(
      mergeSchemas(
        { type: ['string', 'null'], enum: ['a', 'b', null], properties: { x: { type: 'string' } }, required: ['x'] },
        { type: 'string', enum: ['b', 'c'], properties: { y: { type: 'integer' } }, required: ['y'] },
      ),
    ).toEqual({
      type: 'string',
      enum: ['b'],
      properties: { x: { type: 'string' }, y: { type: 'integer' } },
      required: ['x', 'y'],
    });
  });

  it('strips documentation but keeps fields that are called like documentation keywords', () => {
    expect(
      stripDocs({ description: 'd', properties: { description: { type: 'string', description: 'x' } }, 'x-y': 1 }),
    ).toEqual({
      properties: { description: { type: 'string' } },
    });
  });
});

describe('the changeset', () => {
  it('0.x: breaking is a minor, with the reason, and the list grouped by kind', () => {
    const doc = fixture('breaking-removed-operation');
    doc.components.schemas.NewItem.properties.tags = { type: 'array', items: { type: 'string' } };
    doc.info.description = 'Now with a description.';
    const result = classifySpecChange(base(), doc);
    const text = changesetText({
      packageName: '@docspace/auth-client',
      version: '0.4.2',
      ...result,
      oldTitle: '1.0.0',
      newTitle: '1.1.0',
    });
    expect(text).toBe(
      [
        '---',
        '"@docspace/auth-client": minor',
        '---',
        '',
        'Regenerated from a new `spec/openapi.yaml` (API description 1.0.0 → 1.1.0): breaking changes. The package is still 0.x (0.4.2), so a breaking change is released as a minor version (`^0.y.z` ranges take patches, never a new minor).',
        '',
        'Breaking changes:',
        '',
        '- `DELETE /items/{id}` (`deleteItem`): operation removed',
        '',
        'New:',
        '',
        '- schema `NewItem` (in requests): new optional field `tags`',
        '',
        'Documentation:',
        '',
        '- documentation changed in 1 place: `/info`',
        '',
      ].join('\n'),
    );
  });

  it('1.x: major, minor, patch', () => {
    const text = changesetText({
      packageName: '@docspace/auth-client',
      version: '1.0.0',
      ...classifySpecChange(base(), fixture('feature-new-operation')),
    });
    expect(text.split('\n').slice(0, 5)).toEqual([
      '---',
      '"@docspace/auth-client": minor',
      '---',
      '',
      'Regenerated from a new `spec/openapi.yaml`: new features, nothing removed.',
    ]);
  });

  it('no change, no changeset', () => {
    expect(() =>
      changesetText({ packageName: '@docspace/auth-client', version: '0.1.0', level: 'none', changes: [] }),
    ).toThrow(/no changeset/);
  });
});
