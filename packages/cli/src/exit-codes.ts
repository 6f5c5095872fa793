// The exit codes of `docspace-auth`, documented in the README. Scripts branch on these, so they never change.

/** Every exit code the command uses. */
export const EXIT = {
  /** Done. */
  ok: 0,
  /** Anything else: the portal failed (5xx), an answer that breaks the API, a session file that cannot be read (every command but login). */
  error: 1,
  /**
   * Bad input: unknown command or flag, a missing value with no terminal to ask, a bad portal URL, an address that
   * is not a DocSpace portal (or a page of one), plain http without --insecure-http, a --user that matches several
   * accounts, a DOCSPACE_API_KEY that is not a key (or with no portal), `logout` while DOCSPACE_API_KEY is set.
   */
  usage: 2,
  /** The portal refused the sign-in: wrong user name, password, code or API key; a disabled account. */
  refused: 3,
  /** Not signed in: no saved session, or the portal no longer accepts the saved token. */
  notSignedIn: 4,
  /** Blocked: too many failed sign-ins, or the portal's rate limit. Try again later. */
  blocked: 5,
  /** The portal could not be reached (no answer, or the time ran out). */
  network: 6,
  /** No portal answers at the address: it is suspended or removed, or the address is wrong. */
  portalNotFound: 7,
  /** The portal is being restored, transferred or encrypted. Try again later. */
  portalUnavailable: 8,
  /** The portal's IP restrictions do not admit this address (sign-in works, calls with the token do not). */
  accessRestricted: 9,
  /** Interrupted at a prompt (Ctrl+C), as shells report SIGINT. */
  cancelled: 130,
} as const;

/** The exit code for a `DocSpaceAuthError` code or one of the command's own error codes. */
export function exitCodeFor(code: string): number {
  switch (code) {
    case 'usage':
    case 'missing_input':
    case 'invalid_input':
    case 'insecure_transport':
    case 'second_factor_required':
    case 'wrong_portal_path':
    case 'not_docspace':
    case 'ambiguous_user':
    case 'env_api_key':
      return EXIT.usage;
    case 'invalid_credentials':
    case 'invalid_code':
    case 'invalid_api_key':
    case 'user_disabled':
      return EXIT.refused;
    case 'not_signed_in':
    case 'session_expired':
      return EXIT.notSignedIn;
    case 'blocked':
    case 'rate_limited':
      return EXIT.blocked;
    case 'network':
    case 'timeout':
      return EXIT.network;
    case 'portal_not_found':
      return EXIT.portalNotFound;
    case 'portal_unavailable':
      return EXIT.portalUnavailable;
    case 'access_restricted':
      return EXIT.accessRestricted;
    case 'cancelled':
      return EXIT.cancelled;
    default:
      return EXIT.error;
  }
}
