// The text of the changeset file `spec:update` writes for a classified change.
import { bumpFor } from './bump.js';
import type { Change, Level } from './level.js';

const SECTIONS = [
  ['breaking', 'Breaking changes'],
  ['feature', 'New'],
  ['fix', 'Documentation'],
] as const;

const describeLevel = (level: Level): string =>
  ({
    breaking: 'breaking changes',
    feature: 'new features, nothing removed',
    fix: 'documentation only',
    none: 'no change',
  })[level];

export interface ChangesetInput {
  packageName: string;
  /** The package's current version (decides the bump, see `bumpFor`). */
  version: string;
  level: Level;
  changes: Change[];
  /** `info.version` of the old and the new document, shown when they differ. */
  oldTitle?: string | undefined;
  newTitle?: string | undefined;
}

/** The changeset file's text: frontmatter with the bump, a summary, and the changes by section. */
export function changesetText(input: ChangesetInput, maxPerSection = 40): string {
  const bump = bumpFor(input.level, input.version);
  if (!bump) throw new Error('no change: no changeset');
  const lines = ['---', `"${input.packageName}": ${bump.bump}`, '---', ''];
  const versions =
    input.oldTitle && input.newTitle && input.oldTitle !== input.newTitle
      ? ` (API description ${input.oldTitle} → ${input.newTitle})`
      : '';
  lines.push(
    `Regenerated from a new \`spec/openapi.yaml\`${versions}: ${describeLevel(input.level)}.${bump.note ? ` ${bump.note}` : ''}`,
  );
  for (const [level, title] of SECTIONS) {
    const items = input.changes.filter((c) => c.level === level);
    if (items.length === 0) continue;
    lines.push('', `${title}:`, '');
    for (const item of items.slice(0, maxPerSection)) lines.push(`- ${item.message}`);
    if (items.length > maxPerSection) lines.push(`- … and ${items.length - maxPerSection} more`);
  }
  return `${lines.join('\n')}\n`;
}
