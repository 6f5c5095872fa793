// @ts-expect-error -- a plain .mjs script of the repository root, typed by JSDoc.
import { ensureSystemDeps, systemDeps } from '../../../../scripts/system-deps.mjs';

/** Installs Debian's redis-server when it is missing (as root), as the test command does. */
export default function setup(): void {
  const redis = (systemDeps as { debianPackage: string }[]).filter((dep) => dep.debianPackage === 'redis-server');
  (ensureSystemDeps as (deps: unknown) => unknown)(redis);
}
