// @ts-expect-error -- a plain .mjs script of the repository root, typed by JSDoc.
import { ensureSystemDeps } from '../../../../scripts/system-deps.mjs';

/** Installs Debian's chromium when it is missing (as root), like the test command does. */
export default function setup(): void {
  (ensureSystemDeps as () => unknown)();
}
