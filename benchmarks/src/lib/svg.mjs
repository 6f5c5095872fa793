// The chart of RESULTS.md: bundle sizes (gzip) and per-call ratios to raw fetch, as a plain SVG file.
import { GOALS } from './report.mjs';

const escape = (text) => String(text).replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
const COLORS = { ours: '#1f6feb', floor: '#8c959f', peer: '#d0d7de', reference: '#eaeef2' };

function barPanel({ top, title, rows, max, format, goal, goalLabel, whiskers }) {
  const left = 300;
  const width = 420;
  const barHeight = 18;
  const gap = 8;
  const x = (value) => left + (Math.min(value, max) / max) * width;
  const parts = [`<text x="20" y="${top}" font-size="15" font-weight="600">${escape(title)}</text>`];
  rows.forEach((row, i) => {
    const y = top + 16 + i * (barHeight + gap);
    parts.push(
      `<text x="${left - 8}" y="${y + 13}" font-size="12" text-anchor="end">${escape(row.label)}</text>`,
      `<rect x="${left}" y="${y}" width="${(x(row.value) - left).toFixed(1)}" height="${barHeight}" fill="${COLORS[row.kind] ?? COLORS.peer}"${row.kind === 'reference' ? ' stroke="#8c959f" stroke-dasharray="3 2"' : ''}/>`,
    );
    if (whiskers && row.low !== undefined) {
      const mid = y + barHeight / 2;
      parts.push(
        `<path d="M${x(row.low).toFixed(1)} ${mid}H${x(row.high).toFixed(1)}M${x(row.low).toFixed(1)} ${mid - 4}v8M${x(row.high).toFixed(1)} ${mid - 4}v8" stroke="#24292f" stroke-width="1"/>`,
      );
    }
    const labelX = Math.min(x(whiskers && row.high !== undefined ? row.high : row.value) + 6, left + width + 6);
    parts.push(`<text x="${labelX.toFixed(1)}" y="${y + 13}" font-size="12">${escape(format(row.value))}</text>`);
  });
  const bottom = top + 16 + rows.length * (barHeight + gap);
  if (goal !== undefined) {
    parts.push(
      `<line x1="${x(goal).toFixed(1)}" y1="${top + 8}" x2="${x(goal).toFixed(1)}" y2="${bottom}" stroke="#cf222e" stroke-dasharray="5 3"/>`,
      `<text x="${(x(goal) + 4).toFixed(1)}" y="${bottom + 12}" font-size="11" fill="#cf222e">${escape(goalLabel)}</text>`,
    );
  }
  return { svg: parts.join('\n'), bottom: bottom + 24 };
}

/** The SVG document for the size and per-call results. */
export function chart({ size, instructions, date }) {
  const sizeRows = size.rows.map((row) => ({
    label: row.name.replace(/ \(.*\)$/, ''),
    value: row.gzip,
    kind: row.kind,
  }));
  const first = barPanel({
    top: 30,
    title: 'Browser: everything loaded first for a two-step sign-in + one call, gzip bytes',
    rows: sizeRows,
    max: Math.max(...sizeRows.map((r) => r.value)) * 1.05,
    format: (v) => `${(v / 1000).toFixed(1)} kB`,
    goal: GOALS.bundleGzip,
    goalLabel: 'budget 10 kB',
  });
  const callRows = instructions.rows
    .filter((row) => !row.name.startsWith('the fetch stand-in'))
    .map((row) => ({
      label: row.name,
      value: row.instructions.median / 1000,
      low: row.instructions.p25 / 1000,
      high: row.instructions.p75 / 1000,
      kind: row.kind,
    }));
  const openapi = callRows.find((row) => row.label === 'openapi-fetch');
  const second = barPanel({
    top: first.bottom + 20,
    title: 'Instructions per authorised call in Node (callgrind, thousands; median, p25–p75 of blocks)',
    rows: callRows,
    max: Math.max(...callRows.map((r) => r.high)) * 1.05,
    format: (v) => `${v.toFixed(0)}k`,
    goal: openapi.value,
    goalLabel: 'openapi-fetch',
    whiskers: true,
  });
  const height = second.bottom + 22;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="${height}" viewBox="0 0 800 ${height}" font-family="-apple-system, 'Segoe UI', Helvetica, Arial, sans-serif" fill="#24292f">`,
    `<rect width="800" height="${height}" fill="#ffffff"/>`,
    first.svg,
    second.svg,
    `<text x="780" y="${height - 8}" font-size="10" text-anchor="end" fill="#57606a">pnpm bench, ${escape(date)}; dashed: not a candidate</text>`,
    '</svg>',
    '',
  ].join('\n');
}
