// How @docspace/auth-client is generated from spec/openapi.yaml.
// Run `pnpm generate` after changing the spec or this file; `pnpm generate:check` (part of the test
// command) fails when the committed output under src/generated/ is out of date.
import {
  clientDefaultConfig,
  clientDefaultMeta,
  clientPluginHandler,
  defineConfig,
  definePluginConfig,
} from '@hey-api/openapi-ts';

/**
 * The fetch runtime the operations run on: our own (src/runtime/), not one of hey-api's bundled clients. The
 * generated files import it by this path (relative to src/generated/), and the shared `client` instance goes to
 * `client.gen.ts` as it would with a bundled client.
 */
const RUNTIME = '../runtime/index.js';
const runtimeClient = definePluginConfig({
  ...clientDefaultMeta,
  config: { ...clientDefaultConfig, bundle: false },
  handler: clientPluginHandler,
  name: RUNTIME,
} as unknown as Parameters<typeof definePluginConfig>[0]);

/**
 * Security schemes of the spec that the generated operations do not declare. What @docspace/auth-helpers sends is
 * the session token as `Authorization: Bearer` or the `asc_auth_key` cookie (and setphone's `confirm` header); the
 * client asks the `auth` callback once per declared scheme on every call, so each unused one costs every call. An
 * API key or an OAuth2/OpenID token still goes as `Authorization: Bearer` through the Bearer scheme; Basic is left out.
 */
const UNUSED_SCHEMES = new Set(['ApiKeyBearer', 'Basic', 'OAuth2', 'OpenId']);

type Schema = {
  $ref?: string;
  type?: string;
  allOf?: Schema[];
  properties?: Record<string, unknown>;
  required?: string[];
  [key: string]: unknown;
};

/**
 * `allOf` of object schemas whose properties do not overlap, as one object: valibot then checks it with one
 * `v.object` instead of `v.intersect` over two (the envelope and its payload). Where the parts share a property
 * (ValidationProblemWrapper narrows `status`), the `allOf` stays: merging would drop one of the two constraints.
 */
function flattenAllOf(spec: { components?: { schemas?: Record<string, Schema> } }): void {
  const schemas = spec.components?.schemas ?? {};
  const resolve = (part: Schema): Schema | undefined =>
    part.$ref ? schemas[part.$ref.replace('#/components/schemas/', '')] : part;
  for (const schema of Object.values(schemas)) {
    const parts = schema.allOf?.map(resolve);
    if (!parts || parts.some((part) => part?.type !== 'object' || part.allOf || !part.properties)) continue;
    const names = parts.flatMap((part) => Object.keys(part!.properties!));
    if (new Set(names).size !== names.length) continue;
    const { allOf: _, ...rest } = schema;
    const required = parts.flatMap((part) => part!.required ?? []);
    for (const key of Object.keys(schema)) delete schema[key];
    Object.assign(schema, rest, {
      type: 'object',
      properties: Object.assign({}, ...parts.map((part) => part!.properties)),
      ...(required.length > 0 ? { required } : {}),
    });
  }
}

export default defineConfig({
  input: '../../spec/openapi.yaml',
  parser: {
    patch: {
      input: (spec) => flattenAllOf(spec as Parameters<typeof flattenAllOf>[0]),
      operations: (_method, _path, operation) => {
        const { security } = operation as { security?: Record<string, string[]>[] };
        if (security) {
          (operation as { security?: unknown }).security = security.filter((requirement) =>
            Object.keys(requirement).every((name) => !UNUSED_SCHEMES.has(name)),
          );
        }
      },
    },
  },
  output: {
    // generate:check points this at a scratch folder beside src/generated (same depth, same imports).
    path: process.env.DOCSPACE_GENERATE_OUTPUT ?? 'src/generated',
    // openapi-ts looks for a tsconfig from its own install folder, which under pnpm is never ours,
    // so the import extension that NodeNext needs is set here.
    module: { extension: '.js' },
    header: ({ defaultValue }) => [
      ...defaultValue,
      '// Source: spec/openapi.yaml. Do not edit: change the spec and run `pnpm generate`.',
    ],
  },
  plugins: [
    // Our fetch runtime; its defaults live in src/runtime-config.ts, outside the generated folder.
    runtimeClient({
      runtimeConfigPath: './src/runtime-config.js',
      $hooks: {
        symbols: {
          getFilePath: (symbol: { meta?: { plugin?: unknown } }) =>
            symbol.meta?.plugin === RUNTIME ? 'client' : undefined,
        },
      },
    } as never),
    '@hey-api/typescript',
    'valibot',
    // Responses are validated at run time; requests are not (typed at compile time, and request
    // validation costs about 150 µs a call).
    { name: '@hey-api/sdk', validator: { request: false, response: true } },
  ],
});
