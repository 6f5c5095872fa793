// A QR code of the authenticator setup URI, in half-block characters, only when it fits the terminal; otherwise
// why not, and what to do about it.
import { renderUnicodeCompact } from 'uqr';

/** Lines kept free below the code: the key, the URI and the code prompt. */
const BELOW = 8;

/** The QR code as lines of text, or why it is not shown (the terminal too small, or its size unknown). */
export function qrCode(
  text: string,
  columns: number | undefined,
  rows: number | undefined,
): { text: string; why?: undefined } | { text?: undefined; why: string } {
  const rendered = renderUnicodeCompact(text, { ecc: 'L', border: 2 }).replace(/\n+$/, '');
  const lines = rendered.split('\n');
  const width = Math.max(...lines.map((line) => [...line].length)) + 2;
  const height = lines.length + BELOW;
  if (!columns)
    return { why: 'No QR code: the size of the terminal is unknown. Type the setup key into the app instead.' };
  if (width > columns || (rows !== undefined && rows > 0 && height > rows)) {
    return {
      why:
        `No QR code: it needs a terminal of ${width}×${height} characters and this one is ${columns}×${rows ?? '?'}. ` +
        'Make the window larger (or the font smaller) and run `docspace-auth login` again, or type the setup key into the app.',
    };
  }
  return { text: lines.map((line) => `  ${line}`).join('\n') };
}
