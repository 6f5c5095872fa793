// Help texts: plain strings, so that `--help` loads nothing else.

const COMMON = `  --portal URL       the portal, e.g. https://yourportal.onlyoffice.com
                     (default: $DOCSPACE_PORTAL, then the portal of the last sign-in)
  --user NAME        the user name or email (default: $DOCSPACE_USER, then the last user
                     signed in to the portal)
  --config-dir DIR   where the session is kept (default: $DOCSPACE_AUTH_CONFIG_DIR,
                     then $XDG_CONFIG_HOME/docspace-auth or ~/.config/docspace-auth)
  --json             one JSON document on stdout, for scripts
  -h, --help         show this help`;

const EXIT_CODES = `Exit codes: 0 ok, 1 other error, 2 bad input, 3 sign-in refused, 4 not signed in,
5 blocked (too many attempts), 6 portal unreachable, 130 cancelled.`;

export const MAIN_HELP = `Usage: docspace-auth <command> [options]

Sign in to an ONLYOFFICE DocSpace portal from a terminal or a script, and use the token elsewhere.

Commands:
  login     sign in (asks for what is missing: password, authenticator-app or SMS code)
  status    whether you are signed in: to which portal, as whom, until when (asks the portal)
  whoami    the profile of the signed-in user
  token     print the saved token, for curl -H "Authorization: $(docspace-auth token)"
  logout    sign out: the portal revokes the token and this machine forgets it

Options of every command:
${COMMON}
  -V, --version      show the version

${EXIT_CODES}
Run "docspace-auth <command> --help" for more.
`;

export const COMMAND_HELP: Record<string, string> = {
  login: `Usage: docspace-auth login [--portal URL] [--user NAME] [--code CODE] [options]

Signs in and saves the token (sessions.json in the config folder, mode 0600). In a terminal it asks for
whatever is missing: the portal, the user, the password (hidden), and the code when the portal wants one
(from the authenticator app, or sent by SMS: type r at the code prompt to have it sent again). An account
that must set up an authenticator app first is shown the setup key, as text and as a QR code.

Without a terminal (CI, pipes) it never asks: give everything through the environment and flags.

Options:
  --code CODE        the code from the authenticator app (or a backup code), when the portal asks for one
${COMMON}

Environment:
  DOCSPACE_PORTAL        the portal (like --portal)
  DOCSPACE_USER          the user name or email (like --user)
  DOCSPACE_PASSWORD      the password
  DOCSPACE_TOTP_SECRET   the authenticator app's Base32 secret: codes are computed from it

Examples:
  docspace-auth login --portal https://yourportal.onlyoffice.com
  DOCSPACE_PASSWORD=... DOCSPACE_TOTP_SECRET=... docspace-auth login --portal URL --user bot@example.com

${EXIT_CODES}
`,
  status: `Usage: docspace-auth status [options]

Shows whether you are signed in: the portal, the user and until when the token lasts. It asks the portal
whether the saved token still works; a token the portal refuses is forgotten. Exits with 4 when not signed in.

Options:
${COMMON}

${EXIT_CODES}
`,
  whoami: `Usage: docspace-auth whoami [options]

Shows the profile of the signed-in user, as the portal reports it (GET /api/2.0/people/@self).

Options:
${COMMON}

${EXIT_CODES}
`,
  token: `Usage: docspace-auth token [options]

Prints the saved token and a newline, nothing else, for other programs:

  curl -H "Authorization: $(docspace-auth token)" https://yourportal.onlyoffice.com/api/2.0/people/@self

It reads the saved session only (it does not ask the portal; "docspace-auth status" does). With --json it
prints {"token", "portal", "user", "expires"}. Exits with 4 when not signed in or the token has expired.

Options:
${COMMON}

${EXIT_CODES}
`,
  logout: `Usage: docspace-auth logout [options]

Signs out: the portal ends the session (the token stops working everywhere) and the token is removed from
this machine. Exits with 4 when not signed in.

Options:
${COMMON}

${EXIT_CODES}
`,
};
