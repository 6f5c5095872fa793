// Help texts: plain strings, so that `--help` loads nothing else.

const COMMON = `  --portal URL       the portal, e.g. yourportal.onlyoffice.com (a bare host means https://)
                     (default: $DOCSPACE_PORTAL, then the default portal: last sign-in or switch)
  --user NAME        an account: user name, e-mail or display name (default: $DOCSPACE_USER,
                     then the portal's active account)
  --insecure-http    allow plain http:// to a portal that is not this machine (remembered for
                     that portal; a warning every time)
  --config-dir DIR   where the sessions are kept (default: $DOCSPACE_AUTH_CONFIG_DIR,
                     then $XDG_CONFIG_HOME/docspace-auth or ~/.config/docspace-auth)
  --json             one JSON document on stdout, for scripts (errors too: then nothing on stderr)
  -h, --help         show this help`;

const EXIT_CODES = `Exit codes: 0 ok, 1 other error, 2 bad input, 3 sign-in refused, 4 not signed in,
5 blocked (too many attempts), 6 portal unreachable, 7 no portal at the address (suspended, removed,
mistyped), 8 portal being restored, 9 IP-restricted, 130 cancelled.
The same condition gives the same code from every command.`;

const ACCOUNTS = `Accounts: every sign-in is saved; each portal has one active account (used without --user)
and one portal is the default (used without --portal). "status" lists them all; "switch"
changes them; "logout" of the active account makes the next one of the portal active.`;

const PORTALS = `Portals: the address is checked before anything is asked (a DocSpace portal answers
GET /api/2.0/authentication): a page of a portal, a site that is not DocSpace and a host that
does not answer each get their own message. Plain http is allowed to this machine only, or
with --insecure-http.`;

const API_KEY = `With DOCSPACE_API_KEY set (an API key, sk-...), status, whoami and token use that key
instead of any saved session (as gh uses GH_TOKEN), on --portal, $DOCSPACE_PORTAL or the default
portal; the saved sessions are left as they are.`;

const ENVIRONMENT = `Environment:
  DOCSPACE_API_KEY          an API key (sk-...): status, whoami and token use it instead of any saved
                            session (precedence: the variable, then the saved session); login and
                            switch still save, and say so; logout refuses while it is set (exit 2);
                            login --with-api-key checks it and saves it as a session
  DOCSPACE_PORTAL           the portal (like --portal)
  DOCSPACE_USER             an account: user name, e-mail or display name (like --user)
  DOCSPACE_PASSWORD         the password, for login
  DOCSPACE_TOTP_SECRET      the authenticator app's Base32 secret, for login
  DOCSPACE_AUTH_CONFIG_DIR  where the sessions are kept (like --config-dir)
  NO_COLOR, DEBUG           no colours; the stack trace of an error`;

export const MAIN_HELP = `Usage: docspace-auth <command> [options]

Sign in to an ONLYOFFICE DocSpace portal from a terminal or a script, and use the token elsewhere.

Commands:
  login     sign in (asks for what is missing: password, authenticator-app or SMS code)
  status    the saved accounts, per portal, the active ones marked; each checked with its portal
  switch    make a saved account the active one (and its portal the default)
  whoami    the profile of the signed-in user
  token     print the token, for curl -H "Authorization: Bearer $(docspace-auth token)"
  logout    sign out: the portal revokes the token and this machine forgets it

Options of every command:
${COMMON}
  -V, --version      show the version

${ACCOUNTS}

${PORTALS}

${ENVIRONMENT}

${EXIT_CODES}
Run "docspace-auth <command> --help" for more.
`;

export const COMMAND_HELP: Record<string, string> = {
  login: `Usage: docspace-auth login [--portal URL] [--user NAME] [--code CODE] [--password-stdin] [options]
       docspace-auth login --with-api-key [--portal URL] [options] < key.txt

Checks that the address is a DocSpace portal, then signs in and saves the token (sessions.json in the
config folder, mode 0600) as the portal's active account. In a terminal it asks for whatever is missing:
the portal, the user, the password (hidden), and the code when the portal wants one (from the
authenticator app, or sent by SMS: type r at the code prompt to have it sent again). A refused password
or code is asked again, three tries in all; Ctrl+C ends with 130. An account that must set up an
authenticator app first is shown the setup key, as text and as a QR code.

Without a terminal (CI, pipes) it never asks: give everything through the environment and flags (the
portal of the last sign-in is used when none is given). There is no --password: a command line is seen
in ps and kept in the shell history.

A new sign-in of a saved account revokes the token it replaces.

Options:
  --code CODE        the code from the authenticator app (or a backup code), when the portal asks for one
  --password-stdin   read the password from the first line of standard input
  --with-api-key     sign in with an API key (sk-...) from DOCSPACE_API_KEY or the first line of
                     standard input; it is checked with the portal and saved like a session
${COMMON}

Environment:
  DOCSPACE_PORTAL        the portal (like --portal)
  DOCSPACE_USER          the user name or email (like --user)
  DOCSPACE_PASSWORD      the password
  DOCSPACE_TOTP_SECRET   the authenticator app's Base32 secret: codes are computed from it
  DOCSPACE_API_KEY       the API key, for --with-api-key (without it, a sign-in still saves the
                         session, and notes that status, whoami and token use the key meanwhile)

Examples:
  docspace-auth login --portal https://yourportal.onlyoffice.com
  DOCSPACE_PASSWORD=... DOCSPACE_TOTP_SECRET=... docspace-auth login --portal URL --user bot@example.com

${EXIT_CODES}
`,
  status: `Usage: docspace-auth status [options]

Shows whether you are signed in (the default portal's active account, or --portal/--user): the portal, the
user and until when the token lasts, then every saved account per portal, * marking each portal's active
one. It asks each portal whether its token still works; a token the portal refuses is forgotten. Tokens
left for revocation by a sign-out while their portal was down are revoked now. Exits with 4 when not
signed in.

${API_KEY}
Then status checks the key with the portal and says "using DOCSPACE_API_KEY" (--json: "source":
"env"; never the key); the saved accounts are listed, not checked. A key the portal rejects exits
with 3 (invalid_api_key).

Options:
${COMMON}

${ACCOUNTS}

${EXIT_CODES}
`,
  switch: `Usage: docspace-auth switch [--portal URL] [--user NAME] [options]

Makes a saved account the active one of its portal, and its portal the default, so that the other commands
use it without --portal and --user. --user matches the user name, the e-mail or the display name; a name
that matches several accounts is an error listing them. Without --user: the portal's other account when it
has exactly two, otherwise a list to choose from at a terminal; with --portal only: that portal's active
account (the portal becomes the default).

Examples:
  docspace-auth switch --user bob
  docspace-auth switch --portal other.example.com --user "Alice Anderson"

Options:
${COMMON}

${ACCOUNTS}

${EXIT_CODES}
`,
  whoami: `Usage: docspace-auth whoami [options]

Shows the profile of the signed-in user, as the portal reports it (GET /api/2.0/people/@self).

${API_KEY}
A key the portal rejects exits with 3 (invalid_api_key).

Options:
${COMMON}

${EXIT_CODES}
`,
  token: `Usage: docspace-auth token [options]

Prints the saved token and a newline, nothing else, for other programs:

  curl -H "Authorization: Bearer $(docspace-auth token)" https://yourportal.onlyoffice.com/api/2.0/people/@self

It reads the saved session only (it does not ask the portal; "docspace-auth status" does). With --json it
prints {"token", "portal", "user", "expires", "source"}. Exits with 4 when not signed in or the token has
expired.

${API_KEY}
Then token prints the key ("source": "env", "user": null), without asking the portal. The portal
takes an API key as "Authorization: Bearer sk-..." (and a session token with or without "Bearer").

Options:
${COMMON}

${EXIT_CODES}
`,
  logout: `Usage: docspace-auth logout [options]

Signs out: the portal ends the session (the token stops working everywhere) and the token is removed from
this machine. Signing out of the active account makes the next saved account of the portal active (of the
default portal's last account: another portal with accounts becomes the default). When
the portal cannot be reached the token is kept marked for revocation, the next command that reaches the
portal revokes it, and logout exits with 6. Exits with 4 when not signed in.

With DOCSPACE_API_KEY set, logout refuses (exit 2, env_api_key) and changes nothing: the other
commands use that key, which signing out cannot end (an API key is revoked in the portal's
settings). Unset it to sign out of a saved account.

Options:
${COMMON}

${EXIT_CODES}
`,
};
