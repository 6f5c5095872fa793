// Test pages are built the way a browser app's bundler builds them: esbuild, browser platform, ESM, resolving
// `@docspace/auth-helpers` through its package.json `exports` to the published ESM build (dist/), not to src/.
import { build } from 'esbuild';

/** Options of {@link bundlePage}. */
export interface BundlePageOptions {
  /** Minify like a production build. Default `false` (readable stack traces). */
  minify?: boolean;
}

/** Bundles one entry module (and everything it imports) into a single ESM script for `<script type="module">`. */
export async function bundlePage(entry: string, options: BundlePageOptions = {}): Promise<string> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    minify: options.minify ?? false,
    sourcemap: false,
    logLevel: 'silent',
  });
  const [file] = result.outputFiles;
  if (!file) throw new Error(`esbuild produced nothing for ${entry}`);
  return file.text;
}

/** A minimal HTML page that loads `scriptPath` as a module. */
export function pageHtml(scriptPath: string, title = 'docspace-auth browser test'): string {
  return `<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>${title}</title></head><body><script type="module" src="${scriptPath}"></script></body></html>`;
}
