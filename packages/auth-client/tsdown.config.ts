import { fileURLToPath } from 'node:url';
import { defineConfig } from 'tsdown';

/**
 * Marks every valibot call in the generated schemas as free of side effects (`@__PURE__`), so that a
 * consumer's bundler drops the schemas of operations the consumer never calls. The generated source is
 * left untouched; only the build output carries the annotations.
 */
function pureSchemas() {
  const plugin = {
    name: 'docspace:pure-valibot-schemas',
    transform(code: string, id: string) {
      if (!id.endsWith('/generated/valibot.gen.ts')) return null;
      return { code: code.replace(/(?<![\w$.])v\.(\w+)\(/g, '/* @__PURE__ */ v.$1('), map: null };
    },
  };
  return plugin;
}

/**
 * Loads hey-api's Server-Sent Events client only when a stream is first read. `createClient` references it for
 * `client.sse.*`, which no DocSpace operation uses, so without this every bundle carried it (about 2 kB minified).
 * The generated `client.gen.ts` imports a stand-in with the same contract instead: `createSseClient(options)` still
 * returns `{ stream }` at once, and the real client starts on the stream's first `next()`, exactly when its own
 * generator would start. Only the JavaScript build is redirected; the declarations still describe the real module.
 */
function lazyServerSentEvents() {
  const real = fileURLToPath(new URL('./src/generated/core/serverSentEvents.gen.ts', import.meta.url));
  const standIn = '\0docspace:lazy-server-sent-events';
  const plugin = {
    name: 'docspace:lazy-server-sent-events',
    resolveId: {
      filter: { id: /^\.\.\/core\/serverSentEvents\.gen\.js$/ },
      handler(_source: string, importer: string | undefined) {
        return importer?.replaceAll('\\', '/').endsWith('/generated/client/client.gen.ts') ? standIn : null;
      },
    },
    load: {
      filter: { id: /^\0docspace:lazy-server-sent-events$/ },
      handler: () =>
        [
          'export const createSseClient = (options) => ({',
          '  stream: (async function* () {',
          `    const { createSseClient } = await import(${JSON.stringify(real)});`,
          '    yield* createSseClient(options).stream;',
          '  })(),',
          '});',
        ].join('\n'),
    },
  };
  return plugin;
}

export default defineConfig({
  entry: ['src/index.ts', 'src/schemas.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  platform: 'neutral',
  target: 'es2022',
  sourcemap: false,
  plugins: [pureSchemas(), lazyServerSentEvents()],
});
