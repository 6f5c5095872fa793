// The TypeScript blocks of a README: every fenced block whose info string starts with `ts` or `typescript`.
// Words after the language are attributes; `no-run` marks a block that is type-checked but not executed (it needs a
// browser page, or shows a fragment of a larger program).

/** One TypeScript block of a README. */
export interface ReadmeBlock {
  /** The README, relative to the repository root. */
  readme: string;
  /** 1-based line of the opening fence. */
  line: number;
  /** The code between the fences. */
  code: string;
  /** Attributes after the language, e.g. `['no-run']`. */
  attributes: string[];
  /** Executed by the test (no `no-run` attribute). */
  runnable: boolean;
}

const OPENING = /^ {0,3}(`{3,}|~{3,})\s*([^\s`]*)(.*)$/;
const TYPESCRIPT = new Set(['ts', 'typescript', 'mts']);

/** Every TypeScript block of `markdown` (the text of `readme`), in order. */
export function typescriptBlocks(markdown: string, readme: string): ReadmeBlock[] {
  const lines = markdown.split(/\r?\n/);
  const blocks: ReadmeBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = OPENING.exec(lines[i] ?? '');
    if (!open) continue;
    const fence = open[1] ?? '```';
    const language = (open[2] ?? '').toLowerCase();
    const attributes = (open[3] ?? '').trim().split(/\s+/).filter(Boolean);
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length; j++) {
      const line = lines[j] ?? '';
      if (line.trimStart().startsWith(fence) && line.trim().replaceAll(fence[0] ?? '`', '') === '') break;
      body.push(line);
    }
    if (TYPESCRIPT.has(language)) {
      blocks.push({ readme, line: i + 1, code: body.join('\n'), attributes, runnable: !attributes.includes('no-run') });
    }
    i = j; // skip the block, whatever its language (a fence inside it is text)
  }
  return blocks;
}
