// Text that came from a portal (a token, "the portal said: ...", a profile's names), made safe to print on a terminal:
// control characters (C0, DEL, C1: escape sequences, carriage returns, bells) are removed, so a portal cannot move the
// cursor, rewrite what was printed before, set the window title or hide text.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

/** `text` without control characters (a newline or tab too: one value, one line). */
export function printable(text: string): string {
  return text.replace(CONTROL, '');
}
