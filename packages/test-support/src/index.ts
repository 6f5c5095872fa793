/**
 * `@docspace/test-support`: test helpers shared between the workspace's packages (private, never published).
 *
 * @packageDocumentation
 */
export { cleanEnv, KEEP_NPM_CONFIG } from './env.js';
export { startJanitor } from './janitor.js';
export { pnpmShim } from './pnpm.js';
export { CommandError, run, type RunOptions, type RunResult } from './run.js';
export { copyWorkingTree } from './working-tree.js';
