/**
 * `@docspace/spec-tools` (private): compares two versions of the API description and classifies the change by
 * what it does to the generated `@docspace/auth-client`; `pnpm spec:update` (spec-update.ts) is built on it.
 *
 * @packageDocumentation
 */
export { type Bump, bumpFor } from './bump.js';
export { type ChangesetInput, changesetText } from './changeset.js';
export { type Classification, classifySpecChange } from './classify.js';
export { stripDocs } from './documentation.js';
export { type Change, type ChangeLevel, type Level, LEVELS, maxLevel } from './level.js';
export { parseSpec } from './parse.js';
export { mergeSchemas } from './resolve.js';
