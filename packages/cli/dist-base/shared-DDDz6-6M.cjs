#!/usr/bin/env node
let node_util = require("node:util");
let node_fs = require("node:fs");
let node_path = require("node:path");
let node_os = require("node:os");
//#region src/exit-codes.ts
/** Every exit code the command uses. */
const EXIT = {
	/** Done. */
	ok: 0,
	/** Anything else: the portal failed (5xx), an answer that breaks the API, a session file that cannot be read. */
	error: 1,
	/** Bad input: unknown command or flag, a missing value with no terminal to ask, a bad portal URL. */
	usage: 2,
	/** The portal refused the sign-in: wrong user name, password or code; a disabled account. */
	refused: 3,
	/** Not signed in: no saved session, or the portal no longer accepts the saved token. */
	notSignedIn: 4,
	/** Blocked: too many failed sign-ins, or the portal's rate limit. Try again later. */
	blocked: 5,
	/** The portal could not be reached (no answer, or the time ran out). */
	network: 6,
	/** Interrupted at a prompt (Ctrl+C), as shells report SIGINT. */
	cancelled: 130
};
/** The exit code for a `DocSpaceAuthError` code or one of the command's own error codes. */
function exitCodeFor(code) {
	switch (code) {
		case "usage":
		case "missing_input":
		case "invalid_input":
		case "insecure_transport":
		case "second_factor_required": return EXIT.usage;
		case "invalid_credentials":
		case "invalid_code":
		case "user_disabled": return EXIT.refused;
		case "not_signed_in":
		case "session_expired": return EXIT.notSignedIn;
		case "blocked":
		case "rate_limited": return EXIT.blocked;
		case "network":
		case "timeout": return EXIT.network;
		case "cancelled": return EXIT.cancelled;
		default: return EXIT.error;
	}
}
//#endregion
//#region src/errors.ts
/**
* A failure the command reports itself (bad flag, nothing to ask with, not signed in, ...). Like
* `DocSpaceAuthError` it has a stable `code`; its message never holds a secret.
*/
var CliError = class extends Error {
	name = "CliError";
	code;
	exitCode;
	/** A second line for people: what to do about it. */
	hint;
	constructor(code, message, options = {}) {
		super(message);
		this.code = code;
		this.exitCode = options.exitCode ?? exitCodeFor(code);
		this.hint = options.hint;
	}
};
/** A command-line mistake (exit code 2). */
const usageError = (message, hint) => new CliError("usage", message, hint === void 0 ? {} : { hint });
/**
* Something the command needs and cannot ask for because standard input is not a terminal. The message names
* the flag or variable that provides it.
*/
const missingInput = (what, flag, variable) => new CliError("missing_input", `${what} is needed and standard input is not a terminal, so it cannot be asked for`, { hint: flag ? `give ${flag} or set ${variable}` : `set ${variable}` });
const notSignedIn = (message, hint = "run `docspace-auth login`") => new CliError("not_signed_in", message, { hint });
function reportOf(error) {
	if (error instanceof CliError) return {
		code: error.code,
		message: error.message,
		exitCode: error.exitCode,
		hint: error.hint
	};
	const e = error;
	if (e && e.name === "DocSpaceAuthError" && typeof e.code === "string" && typeof e.message === "string") {
		const d = error;
		return {
			code: e.code,
			message: e.message,
			exitCode: exitCodeFor(e.code),
			hint: hintFor(e.code, d.retryAfterMs),
			status: d.status,
			retryAfterMs: d.retryAfterMs,
			serverMessage: d.serverMessage
		};
	}
	return {
		code: "unexpected",
		message: `unexpected error: ${error instanceof Error ? error.message : String(error)}`,
		exitCode: exitCodeFor("unexpected"),
		hint: "set DEBUG=1 for details"
	};
}
function hintFor(code, retryAfterMs) {
	switch (code) {
		case "blocked":
		case "rate_limited": return retryAfterMs === void 0 ? "try again later" : `try again in ${Math.ceil(retryAfterMs / 1e3)} s`;
		case "insecure_transport": return "use the https:// address of the portal (plain http is only allowed to this machine)";
		case "session_expired":
		case "not_signed_in": return "run `docspace-auth login`";
		case "network":
		case "timeout": return "check the portal address and your connection";
		default: return;
	}
}
//#endregion
//#region src/args.ts
const COMMANDS = [
	"login",
	"status",
	"whoami",
	"token",
	"logout"
];
const isCommand = (name) => COMMANDS.includes(name);
const COMMON$1 = {
	portal: { type: "string" },
	user: { type: "string" },
	"config-dir": { type: "string" },
	json: { type: "boolean" },
	help: {
		type: "boolean",
		short: "h"
	}
};
/** Parses a command's flags (node:util parseArgs, strict: unknown flags and stray arguments are errors). */
function parseCommand(command, args) {
	let values;
	try {
		values = (0, node_util.parseArgs)({
			args,
			strict: true,
			allowPositionals: false,
			options: command === "login" ? {
				...COMMON$1,
				code: { type: "string" }
			} : COMMON$1
		}).values;
	} catch (error) {
		const { code } = error;
		throw usageError(code === "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL" ? "unexpected argument: this command takes options only" : error instanceof Error ? error.message.replace(/\. To specify.*$/s, "") : String(error), `run "docspace-auth ${command} --help" for the options`);
	}
	const text = (name) => {
		const value = values[name];
		if (value === void 0) return void 0;
		if (typeof value !== "string" || value.trim() === "") throw usageError(`--${name} needs a non-empty value`);
		return value.trim();
	};
	return {
		portal: text("portal"),
		user: text("user"),
		configDir: text("config-dir"),
		json: values.json === true,
		help: values.help === true,
		code: text("code")
	};
}
//#endregion
//#region src/portal.ts
/**
* The portal address as `@docspace/auth-helpers` keys its sessions: origin plus any path prefix, without a trailing
* slash. The same rule as the SDK's own (which is not exported); it lives here so that `docspace-auth token` finds
* the saved session without loading the SDK. Security checks (https, loopback) stay the SDK's job: `token` sends
* nothing anywhere.
*/
function portalKeyOf(address) {
	let url;
	try {
		url = new URL(address.trim());
	} catch {
		throw usageError(`the portal address ${JSON.stringify(address)} is not a URL`, "give it as https://yourportal.onlyoffice.com");
	}
	if (url.protocol !== "https:" && url.protocol !== "http:") throw usageError(`the portal address must start with https://, not ${url.protocol}`);
	return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
}
/** The store key of one user's session on one portal (the SDK's `docspace-auth:<portal>:<user>`). */
const userKey = (portal, userName) => `docspace-auth:${portal}:${userName.trim().toLowerCase()}`;
/** The store key of a portal's most recent session (the SDK's `docspace-auth:<portal>`). */
const latestKey = (portal) => `docspace-auth:${portal}`;
//#endregion
//#region src/session-file.ts
/** The saved session of `user` on `portal` (of the portal's latest sign-in without `user`), or `null`. */
function readSavedSession(file, portal, user) {
	let text;
	try {
		text = (0, node_fs.readFileSync)(file, "utf8");
	} catch (error) {
		if (error.code === "ENOENT") return null;
		throw new CliError("store_unreadable", `cannot read the session file ${file} (${error.code ?? "error"})`);
	}
	let json;
	try {
		json = JSON.parse(text);
	} catch {
		throw new CliError("store_unreadable", `the session file ${file} is not valid JSON`, { hint: "run `docspace-auth login` to start a new one (the old file is kept beside it)" });
	}
	const doc = json;
	if (!doc || doc.format !== "docspace-auth/sessions" || doc.version !== 1 || typeof doc.sessions !== "object" || doc.sessions === null) throw new CliError("store_unreadable", `the session file ${file} is not a docspace-auth/sessions version 1 file`, { hint: "run `docspace-auth login` to start a new one (the old file is kept beside it)" });
	const s = doc.sessions[user ? userKey(portal, user) : latestKey(portal)];
	if (!s || typeof s.token !== "string" || s.token === "" || typeof s.userName !== "string" || s.portal !== portal) return null;
	if (s.expires !== null && typeof s.expires !== "string") return null;
	return {
		token: s.token,
		expires: s.expires,
		userName: s.userName,
		portal: s.portal,
		obtainedAt: s.obtainedAt
	};
}
/** True when the session's expiry has passed. */
const hasExpired = (session, now = Date.now()) => session.expires !== null && !(Date.parse(session.expires) > now);
//#endregion
//#region src/paths.ts
/**
* Where `docspace-auth` keeps its files, first match wins:
*
* 1. `--config-dir DIR`;
* 2. `DOCSPACE_AUTH_CONFIG_DIR`;
* 3. Windows: `%APPDATA%\docspace-auth`;
* 4. elsewhere (Linux, macOS, ...): `$XDG_CONFIG_HOME/docspace-auth` when `XDG_CONFIG_HOME` is an absolute path
*    (the XDG Base Directory rule), else `~/.config/docspace-auth`.
*/
function configDir(flag, env = process.env) {
	if (flag) return (0, node_path.resolve)(flag);
	if (env.DOCSPACE_AUTH_CONFIG_DIR) return (0, node_path.resolve)(env.DOCSPACE_AUTH_CONFIG_DIR);
	if (process.platform === "win32") return (0, node_path.join)(env.APPDATA || (0, node_path.join)((0, node_os.homedir)(), "AppData", "Roaming"), "docspace-auth");
	const xdg = env.XDG_CONFIG_HOME;
	return (0, node_path.join)(xdg && (0, node_path.isAbsolute)(xdg) ? xdg : (0, node_path.join)((0, node_os.homedir)(), ".config"), "docspace-auth");
}
/** The session store (`@docspace/auth-helpers/file-store` format, mode 0600). */
const sessionsFile = (dir) => (0, node_path.join)(dir, "sessions.json");
/** The remembered portal and user (see config.ts). */
const configFile = (dir) => (0, node_path.join)(dir, "config.json");
//#endregion
//#region src/config.ts
const FORMAT = "docspace-auth/config";
/** The remembered portal and user; an absent or unusable file is read as empty (it only saves typing). */
function readConfig(dir) {
	let json;
	try {
		json = JSON.parse((0, node_fs.readFileSync)(configFile(dir), "utf8"));
	} catch {
		return {};
	}
	const file = json;
	if (!file || file.format !== FORMAT || file.version !== 1) return {};
	return {
		portal: typeof file.portal === "string" && file.portal !== "" ? file.portal : void 0,
		user: typeof file.user === "string" && file.user !== "" ? file.user : void 0
	};
}
/** Writes config.json atomically (temporary file, then rename), mode 0600, in a 0700 folder. */
function writeConfig(dir, config) {
	const path = configFile(dir);
	(0, node_fs.mkdirSync)((0, node_path.dirname)(path), {
		recursive: true,
		mode: 448
	});
	const temporary = (0, node_path.join)((0, node_path.dirname)(path), `.config.json.${process.pid}.${Date.now()}.${Math.random().toString(36).slice(2)}.tmp`);
	const content = {
		format: FORMAT,
		version: 1,
		portal: config.portal,
		user: config.user
	};
	try {
		(0, node_fs.writeFileSync)(temporary, `${JSON.stringify(content, null, 2)}\n`, {
			mode: 384,
			flag: "wx"
		});
		(0, node_fs.chmodSync)(temporary, 384);
		(0, node_fs.renameSync)(temporary, path);
	} catch (error) {
		try {
			(0, node_fs.unlinkSync)(temporary);
		} catch {}
		throw error;
	}
}
//#endregion
//#region src/target.ts
/**
* The portal and user of `status`, `token`, `whoami` and `logout`: `--portal`, else `DOCSPACE_PORTAL`, else the
* portal of the last sign-in (config.json); `--user`, else `DOCSPACE_USER`, else the portal's latest session.
*/
function resolveTarget(options, env = process.env) {
	const dir = configDir(options.configDir, env);
	const address = options.portal ?? (env.DOCSPACE_PORTAL?.trim() || void 0) ?? readConfig(dir).portal;
	if (address === void 0) throw notSignedIn("not signed in: no portal given and none remembered", "run `docspace-auth login`, or give --portal URL (or set DOCSPACE_PORTAL)");
	const user = options.user ?? (env.DOCSPACE_USER?.trim() || void 0);
	return {
		dir,
		file: sessionsFile(dir),
		address,
		portal: portalKeyOf(address),
		user
	};
}
//#endregion
//#region src/ui.ts
/** Whether `stream` gets colours. */
function colours(stream) {
	const { NO_COLOR, TERM } = process.env;
	return stream.isTTY === true && !NO_COLOR && TERM !== "dumb";
}
const style = (on, open, close) => (text) => on ? `\u001b[${open}m${text}\u001b[${close}m` : text;
function palette(stream) {
	const on = colours(stream);
	return {
		bold: style(on, 1, 22),
		dim: style(on, 2, 22),
		red: style(on, 31, 39),
		green: style(on, 32, 39),
		yellow: style(on, 33, 39),
		cyan: style(on, 36, 39)
	};
}
const FRAMES = [
	"⠋",
	"⠙",
	"⠹",
	"⠸",
	"⠼",
	"⠴",
	"⠦",
	"⠧",
	"⠇",
	"⠏"
];
/**
* A spinner on stderr while the portal is asked something; does nothing unless stderr is a terminal. Ctrl+C while it
* spins clears it (and shows the cursor again) before the process ends with 130.
*/
function spinner(enabled = true) {
	const stream = process.stderr;
	if (!enabled || stream.isTTY !== true) return {
		start() {},
		stop() {}
	};
	const { cyan } = palette(stream);
	let timer;
	const interrupted = () => {
		stop();
		process.exit(130);
	};
	const stop = () => {
		if (!timer) return;
		clearInterval(timer);
		timer = void 0;
		process.off("SIGINT", interrupted);
		stream.write("\r\x1B[2K\x1B[?25h");
	};
	process.once("exit", stop);
	return {
		start(text) {
			stop();
			let frame = 0;
			const draw = () => stream.write(`\r\u001b[2K\u001b[?25l${cyan(FRAMES[frame++ % FRAMES.length] ?? "")} ${text}`);
			draw();
			timer = setInterval(draw, 80);
			timer.unref();
			process.on("SIGINT", interrupted);
		},
		stop
	};
}
/** Prints one JSON document on stdout. */
function printJson(value) {
	process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
/** A line of results on stdout. */
function say(line = "") {
	process.stdout.write(`${line}\n`);
}
/** A line for people on stderr (notes, warnings). */
function note(line = "") {
	process.stderr.write(`${line}\n`);
}
/** "until <date> (in 364 days)", for a human. */
function describeExpiry(expires, now = Date.now()) {
	if (expires === null) return "with no expiry reported by the portal";
	const at = typeof expires === "string" ? new Date(expires) : expires;
	const ms = at.getTime() - now;
	const when = at.toISOString().replace(/\.\d{3}Z$/, "Z");
	if (ms <= 0) return `until ${when} (expired)`;
	const minutes = Math.round(ms / 6e4);
	return `until ${when} (in ${minutes < 90 ? `${minutes} min` : minutes < 2880 ? `${Math.round(minutes / 60)} h` : `${Math.round(minutes / 1440)} days`})`;
}
//#endregion
//#region src/help.ts
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
const MAIN_HELP = `Usage: docspace-auth <command> [options]

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
const COMMAND_HELP = {
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
`
};
//#endregion
//#region src/auth.ts
/** `createDocSpaceAuth` on the file store in `file`; store problems are shown on stderr as warnings. */
async function openAuth(portal, file, options = {}) {
	const [{ createDocSpaceAuth }, { fileStore }] = await Promise.all([import("@docspace/auth-helpers"), import("@docspace/auth-helpers/file-store")]);
	const { yellow } = palette(process.stderr);
	const warn = (message) => process.stderr.write(`${yellow("warning:")} ${message}\n`);
	const storeErrors = [];
	return {
		auth: createDocSpaceAuth({
			...options,
			baseUrl: portal,
			store: fileStore(file, { onError: warn }),
			onEvent: (event) => {
				if (event.type === "store-error") {
					storeErrors.push({
						operation: event.operation,
						message: event.message
					});
					warn(`session file ${file}: ${event.message}`);
				}
				options.onEvent?.(event);
			}
		}),
		storeErrors
	};
}
/** Throws when the store failed to save or remove a session: the command's result would not last. */
function checkStore(opened, what) {
	const failed = opened.storeErrors.find((e) => e.operation !== "get");
	if (failed) throw new CliError("store_failed", `${what}, but the session file could not be updated: ${failed.message}`);
}
//#endregion
Object.defineProperty(exports, "COMMAND_HELP", {
	enumerable: true,
	get: function() {
		return COMMAND_HELP;
	}
});
Object.defineProperty(exports, "CliError", {
	enumerable: true,
	get: function() {
		return CliError;
	}
});
Object.defineProperty(exports, "MAIN_HELP", {
	enumerable: true,
	get: function() {
		return MAIN_HELP;
	}
});
Object.defineProperty(exports, "checkStore", {
	enumerable: true,
	get: function() {
		return checkStore;
	}
});
Object.defineProperty(exports, "configDir", {
	enumerable: true,
	get: function() {
		return configDir;
	}
});
Object.defineProperty(exports, "describeExpiry", {
	enumerable: true,
	get: function() {
		return describeExpiry;
	}
});
Object.defineProperty(exports, "hasExpired", {
	enumerable: true,
	get: function() {
		return hasExpired;
	}
});
Object.defineProperty(exports, "isCommand", {
	enumerable: true,
	get: function() {
		return isCommand;
	}
});
Object.defineProperty(exports, "missingInput", {
	enumerable: true,
	get: function() {
		return missingInput;
	}
});
Object.defineProperty(exports, "notSignedIn", {
	enumerable: true,
	get: function() {
		return notSignedIn;
	}
});
Object.defineProperty(exports, "note", {
	enumerable: true,
	get: function() {
		return note;
	}
});
Object.defineProperty(exports, "openAuth", {
	enumerable: true,
	get: function() {
		return openAuth;
	}
});
Object.defineProperty(exports, "palette", {
	enumerable: true,
	get: function() {
		return palette;
	}
});
Object.defineProperty(exports, "parseCommand", {
	enumerable: true,
	get: function() {
		return parseCommand;
	}
});
Object.defineProperty(exports, "printJson", {
	enumerable: true,
	get: function() {
		return printJson;
	}
});
Object.defineProperty(exports, "readConfig", {
	enumerable: true,
	get: function() {
		return readConfig;
	}
});
Object.defineProperty(exports, "readSavedSession", {
	enumerable: true,
	get: function() {
		return readSavedSession;
	}
});
Object.defineProperty(exports, "reportOf", {
	enumerable: true,
	get: function() {
		return reportOf;
	}
});
Object.defineProperty(exports, "resolveTarget", {
	enumerable: true,
	get: function() {
		return resolveTarget;
	}
});
Object.defineProperty(exports, "say", {
	enumerable: true,
	get: function() {
		return say;
	}
});
Object.defineProperty(exports, "sessionsFile", {
	enumerable: true,
	get: function() {
		return sessionsFile;
	}
});
Object.defineProperty(exports, "spinner", {
	enumerable: true,
	get: function() {
		return spinner;
	}
});
Object.defineProperty(exports, "usageError", {
	enumerable: true,
	get: function() {
		return usageError;
	}
});
Object.defineProperty(exports, "writeConfig", {
	enumerable: true,
	get: function() {
		return writeConfig;
	}
});
