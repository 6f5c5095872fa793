/** The system error code behind a fetch failure (`TypeError: fetch failed` wraps it in `cause`), if any. */
export function networkErrorCode(error: unknown): string | undefined {
  let link: unknown = error;
  for (let depth = 0; depth < 4 && typeof link === 'object' && link !== null; depth++) {
    const code = (link as { code?: unknown }).code;
    if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) return code;
    link = (link as { cause?: unknown }).cause;
  }
  return undefined;
}
