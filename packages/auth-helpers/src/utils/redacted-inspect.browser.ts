// The browser build's `redactInspection` (see redacted-inspect.ts): browsers have no inspect hook to give, so the
// request or answer is returned as it is.
export function redactInspection<T extends Request | Response>(message: T): T {
  return message;
}
