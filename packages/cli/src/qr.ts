// A QR code of the authenticator setup URI, in half-block characters, only when it fits the terminal.
import { renderUnicodeCompact } from 'uqr';

/** The QR code as lines of text, or `undefined` when the terminal is too small (or its size unknown). */
export function qrCode(text: string, columns: number | undefined, rows: number | undefined): string | undefined {
  if (!columns) return undefined;
  const rendered = renderUnicodeCompact(text, { ecc: 'L', border: 2 }).replace(/\n+$/, '');
  const lines = rendered.split('\n');
  const width = Math.max(...lines.map((line) => [...line].length));
  // Leave room for the key, the URI and the code prompt below it.
  if (width + 2 > columns || (rows !== undefined && rows > 0 && lines.length + 8 > rows)) return undefined;
  return lines.map((line) => `  ${line}`).join('\n');
}
