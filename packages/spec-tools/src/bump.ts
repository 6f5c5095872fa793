// The changesets bump for a change level.
import type { Level } from './level.js';

export type Bump = 'major' | 'minor' | 'patch';

/**
 * The changesets bump for a change level, given the package's current version. From 1.0.0 on: breaking →
 * major, feature → minor, fix → patch. Before 1.0.0 (0.x), one step lower for breaking and feature changes:
 * breaking → minor, feature → patch, fix → patch. changesets itself does no such mapping (a `major` changeset
 * takes 0.4.2 to 1.0.0); the mapping follows what caret ranges do on 0.x: `^0.4.2` takes 0.4.x and never 0.5.0.
 * `note` explains a 0.x bump to the reader of the changeset (empty when there is nothing to explain).
 */
export function bumpFor(level: Level, version: string): { bump: Bump; note: string } | undefined {
  if (level === 'none') return undefined;
  const major = Number(/^(\d+)\./.exec(version)?.[1] ?? Number.NaN);
  if (Number.isNaN(major)) throw new Error(`not a semver version: ${JSON.stringify(version)}`);
  if (major >= 1) {
    return { bump: ({ breaking: 'major', feature: 'minor', fix: 'patch' } as const)[level], note: '' };
  }
  const bump = ({ breaking: 'minor', feature: 'patch', fix: 'patch' } as const)[level];
  const note =
    level === 'fix'
      ? ''
      : `The package is still 0.x (${version}), so ${level === 'breaking' ? 'a breaking change is released as a minor version' : 'a new feature is released as a patch'} (\`^0.y.z\` ranges take patches, never a new minor).`;
  return { bump, note };
}
