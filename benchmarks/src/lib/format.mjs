// Number formatting and tables, for the console and for RESULTS.md.

const grouping = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** 12345 -> "12,345". */
export const int = (value) => (Number.isFinite(value) ? grouping.format(Math.round(value)) : 'n/a');

/** Fixed decimals; "n/a" for missing values. */
export const fixed = (value, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');

/** A ratio as "1.07×". */
export const ratio = (value, digits = 2) => (Number.isFinite(value) ? `${value.toFixed(digits)}×` : 'n/a');

/** A ratio with its interquartile range: "1.07× [1.02–1.11]". */
export const ratioRange = (r, digits = 2) =>
  Number.isFinite(r?.median)
    ? `${r.median.toFixed(digits)}× [${r.p25.toFixed(digits)}–${r.p75.toFixed(digits)}]`
    : 'n/a';

/** Milliseconds with one decimal. */
export const ms = (value) => (Number.isFinite(value) ? `${value.toFixed(1)} ms` : 'n/a');

/**
 * A table as GitHub Markdown. `columns` is a list of `{ title, align }` (align 'right' for numbers), `rows` a list
 * of arrays of strings.
 */
export function markdownTable(columns, rows) {
  const escape = (cell) => String(cell).replaceAll('|', '\\|');
  const head = `| ${columns.map((c) => escape(c.title)).join(' | ')} |`;
  const rule = `|${columns.map((c) => (c.align === 'right' ? '---:' : '---')).join('|')}|`;
  return [head, rule, ...rows.map((row) => `| ${row.map(escape).join(' | ')} |`)].join('\n');
}

/** The same table as aligned plain text, for the terminal. */
export function textTable(columns, rows) {
  const widths = columns.map((c, i) => Math.max(c.title.length, ...rows.map((row) => String(row[i]).length)));
  const line = (cells) =>
    cells
      .map((cell, i) =>
        columns[i].align === 'right' ? String(cell).padStart(widths[i]) : String(cell).padEnd(widths[i]),
      )
      .join('  ');
  return [line(columns.map((c) => c.title)), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
