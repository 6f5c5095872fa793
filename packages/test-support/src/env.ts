// The environment for the commands a test runs in a throwaway copy of the repository.
import { delimiter, isAbsolute, relative } from 'node:path';

/** npm settings from the environment that say how to reach the registry (a mirror, a proxy, a CA): kept. */
export const KEEP_NPM_CONFIG =
  /^npm_config_(registry|proxy|https?_proxy|no_?proxy|cafile|ca|strict_ssl|fetch_[a-z_]+|maxsockets|globalconfig)$/i;

/**
 * The environment for every command of the test: the caller's, minus what the pnpm/npm/turbo/vitest/git that
 * started this test put there (npm_config_* would change how npm and pnpm behave, GIT_DIR would point git at the
 * real repository, ...) but with the registry connection settings, minus PATH entries inside the workspace (its
 * node_modules/.bin folders), and with npm's user configuration replaced, so that ~/.npmrc is neither read nor
 * written.
 */
export function cleanEnv(options: {
  repoRoot: string;
  userconfig: string;
  cache: string;
  binDir: string;
}): NodeJS.ProcessEnv {
  const injected = /^(npm_|pnpm_config_|pnpm_script_|turbo_|vitest|git_)/i;
  const dropped = new Set(['NODE_ENV', 'NODE_OPTIONS', 'NODE', 'INIT_CWD', 'TEST', 'COREPACK_ROOT']);
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined || dropped.has(key)) continue;
    if (injected.test(key) && !KEEP_NPM_CONFIG.test(key)) continue;
    env[key] = value;
  }
  const inside = (dir: string) => {
    const rel = relative(options.repoRoot, dir);
    return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
  };
  const path = (process.env.PATH ?? '').split(delimiter).filter((dir) => dir !== '' && !inside(dir));
  env.PATH = [options.binDir, ...path].join(delimiter);
  Object.assign(env, {
    npm_config_userconfig: options.userconfig,
    npm_config_cache: options.cache,
    npm_config_update_notifier: 'false',
    npm_config_fund: 'false',
    npm_config_audit: 'false',
    npm_config_loglevel: 'warn',
    TURBO_TELEMETRY_DISABLED: '1',
    TURBO_NO_UPDATE_NOTIFIER: '1',
    DO_NOT_TRACK: '1',
    NO_UPDATE_NOTIFIER: '1',
    NO_COLOR: '1',
  });
  return env;
}
