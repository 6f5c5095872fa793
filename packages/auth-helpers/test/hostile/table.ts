// The hostile-portal table: for each fault a portal can throw at each operation, what the SDK does, as data. The
// tests are generated from it (hostile-portal.test.ts), and the README's "Hostile portals" section is rendered from it
// (a test fails when the README differs).
import { FAULTS, type Fault, OPERATIONS, type Operation } from './portal.js';

/**
 * `ok`: the operation succeeds; a code: it fails with that `DocSpaceAuthError` code; `answer N`: the call returns the
 * body of the portal's HTTP N answer as `error` (an authorised call hands a declared error body to the caller; an
 * empty one is a DocSpaceAuthError); `-`: does not apply (only a sign-in or a code step receives a token).
 */
export type Outcome = string;

const all = (outcome: Outcome): Record<Operation, Outcome> => ({
  'sign-in': outcome,
  code: outcome,
  'authorised GET': outcome,
  logout: outcome,
});
const row = (signIn: Outcome, code: Outcome, get: Outcome, logout: Outcome): Record<Operation, Outcome> => ({
  'sign-in': signIn,
  code,
  'authorised GET': get,
  logout,
});

export const EXPECTED: Record<Fault, Record<Operation, Outcome>> = {
  'huge body': all('protocol'),
  'huge error body': all('protocol'),
  'huge declared body': all('protocol'),
  'endless body': all('timeout'),
  silence: all('timeout'),
  reset: all('network'),
  'redirect same origin': all('ok'),
  'redirect other origin': row('redirect_refused', 'redirect_refused', 'session_expired', 'redirect_refused'),
  'redirect to http': all('redirect_refused'),
  'redirect loop': all('redirect_refused'),
  '429 Retry-After seconds': all('rate_limited'),
  '429 Retry-After date': all('rate_limited'),
  '429 Retry-After past the timeout': all('rate_limited'),
  '502 HTML': row('server_error', 'server_error', 'answer 502', 'server_error'),
  '503': all('server_error'),
  'malformed JSON': all('protocol'),
  'schema-breaking 200': all('protocol'),
  'token with CR/LF': row('protocol', 'protocol', '-', '-'),
  'token with escape': row('protocol', 'protocol', '-', '-'),
  'oversized token': row('protocol', 'protocol', '-', '-'),
};

/** What each fault is, for the README. */
export const FAULT_DESCRIPTIONS: Record<Fault, string> = {
  'huge body': '200, a body streamed on and on (no length)',
  'huge error body': '500, a body streamed on and on (no length)',
  'huge declared body': '502 declaring a 2.1 GiB body',
  'endless body': '200, then a byte every 50 ms, forever',
  silence: 'the connection is accepted, nothing is answered',
  reset: 'the connection is reset after the request',
  'redirect same origin': '307 to another path of the portal',
  'redirect other origin': '307 to another origin',
  'redirect to http': 'https portal, 308 to plain http',
  'redirect loop': '307 to itself, forever',
  '429 Retry-After seconds': '429, `Retry-After: 1`',
  '429 Retry-After date': '429, `Retry-After` as an HTTP date 2 s ahead',
  '429 Retry-After past the timeout': '429, `Retry-After: 3600` (the call has 3 s)',
  '502 HTML': "a proxy's HTML error page",
  '503': '503, no body',
  'malformed JSON': '200, truncated JSON',
  'schema-breaking 200': '200, JSON that breaks the spec',
  'token with CR/LF': 'a token holding CR, LF and NUL',
  'token with escape': 'a token holding terminal escape sequences',
  'oversized token': 'a 64 KiB token',
};

/** The README section: one row per fault, one column per operation. */
export function renderTable(): string {
  const lines = [
    `| fault | ${OPERATIONS.join(' | ')} |`,
    `| --- | ${OPERATIONS.map(() => '---').join(' | ')} |`,
    ...FAULTS.map(
      (fault) =>
        `| ${fault}: ${FAULT_DESCRIPTIONS[fault]} | ${OPERATIONS.map((op) => EXPECTED[fault][op])
          .map((o) => (o === 'ok' || o === '-' || o.startsWith('answer') ? o : `\`${o}\``))
          .join(' | ')} |`,
    ),
  ];
  return lines.join('\n');
}
