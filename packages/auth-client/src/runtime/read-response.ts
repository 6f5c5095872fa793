// Reading an answer: a success body is JSON checked against the spec; an error body is the portal's own (its
// envelope, or the text of a filter), kept when there is one. Whatever is not usable becomes a DocSpaceAuthError.
import { DocSpaceAuthError } from '../errors/docspace-auth-error.js';
import { type AnsweredRequest, errorFromResponse } from '../errors/error-from-response.js';

/** What an answer came to: its data, or its error. */
export type Reading = { ok: true; data: unknown } | { ok: false; error: unknown };

/** An error body worth handing over: text that is not blank, or a JSON object or array that is not empty. */
function isDeclaredBody(body: unknown): boolean {
  if (typeof body === 'string') return body.trim() !== '';
  return typeof body === 'object' && body !== null && Object.keys(body).length > 0;
}

/**
 * Reads `response`. A success body must be JSON (whatever its content type) that `validate` accepts, else the call
 * fails with `protocol` (the parse or validation error as its `cause`). An error answer keeps its body when it has
 * one (parsed as JSON when it is JSON, else its text); an empty one is mapped by status and by what the request
 * was (`portal_not_found`, `portal_unavailable`, `session_expired` or `invalid_credentials`, ...).
 */
export async function readResponse(
  response: Response,
  validate: ((data: unknown) => Promise<unknown>) | undefined,
  kind: AnsweredRequest = 'call',
): Promise<Reading> {
  const text = await response.text();
  if (response.ok) {
    try {
      const data: unknown = text === '' ? undefined : JSON.parse(text);
      if (validate) await validate(data);
      return { ok: true, data };
    } catch (cause) {
      return {
        ok: false,
        error: new DocSpaceAuthError(
          'protocol',
          `the portal's answer (HTTP ${response.status}) does not match the DocSpace API`,
          {
            status: response.status,
            cause,
          },
        ),
      };
    }
  }
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON: the text itself (a filter's message, a proxy's page).
  }
  return { ok: false, error: isDeclaredBody(body) ? body : errorFromResponse(response, body, kind, Date.now()) };
}
