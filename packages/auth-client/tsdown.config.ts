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

export default defineConfig({
  entry: { index: 'src/index.ts', schemas: 'src/schemas.ts', errors: 'src/errors/index.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  platform: 'neutral',
  target: 'es2022',
  sourcemap: false,
  plugins: [pureSchemas()],
});
