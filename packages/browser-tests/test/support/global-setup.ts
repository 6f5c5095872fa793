// @ts-expect-error -- a plain .mjs script of the repository root, typed by JSDoc.
import { ensureSystemDeps } from '../../../../scripts/system-deps.mjs';

export default function setup(): void {
  (ensureSystemDeps as () => unknown)();
}
