// How @docspace/auth-client is generated from spec/openapi.yaml.
// Run `pnpm generate` after changing the spec or this file; `pnpm generate:check` (part of the test
// command) fails when the committed output under src/generated/ is out of date.
import { defineConfig } from '@hey-api/openapi-ts';

export default defineConfig({
  input: '../../spec/openapi.yaml',
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
    // The bundled fetch client; its defaults live in src/runtime-config.ts, outside the generated folder.
    { name: '@hey-api/client-fetch', runtimeConfigPath: './src/runtime-config.js' },
    '@hey-api/typescript',
    'valibot',
    // Responses are validated at run time; requests are not (typed at compile time, and request
    // validation costs about 150 µs a call).
    { name: '@hey-api/sdk', validator: { request: false, response: true } },
  ],
});
