#!/usr/bin/env node
const require_shared = require("./shared-DDDz6-6M.cjs");
//#region src/commands/token.ts
/** `docspace-auth token`: the saved token and a newline (or `--json`), nothing else on stdout. */
async function run(options) {
	const target = require_shared.resolveTarget(options);
	const saved = require_shared.readSavedSession(target.file, target.portal, target.user);
	if (!saved) throw require_shared.notSignedIn(`not signed in to ${target.portal}${target.user ? ` as ${target.user}` : ""}`);
	if (require_shared.hasExpired(saved)) throw new require_shared.CliError("session_expired", `the session of ${saved.userName} on ${saved.portal} has expired`, { hint: "run `docspace-auth login`" });
	if (options.json) require_shared.printJson({
		token: saved.token,
		portal: saved.portal,
		user: saved.userName,
		expires: saved.expires
	});
	else process.stdout.write(`${saved.token}\n`);
	return 0;
}
//#endregion
//#region src/cli.ts
const commands = {
	login: () => Promise.resolve().then(() => require("./login-BD5d_R3w.cjs")),
	status: () => Promise.resolve().then(() => require("./status-DBLWGQqK.cjs")),
	whoami: () => Promise.resolve().then(() => require("./whoami-CwZ5ofPe.cjs")),
	token: async () => ({ run }),
	logout: () => Promise.resolve().then(() => require("./logout-DjbgLSDr.cjs"))
};
/** Names an unknown command, unless it does not look like one (it might be a password typed in the wrong place). */
const unknownCommand = (name) => require_shared.usageError(/^[a-z][a-z-]{0,30}$/.test(name) ? `unknown command "${name}"` : "unknown command", "run \"docspace-auth --help\" for the commands");
async function main(argv) {
	const [first, ...rest] = argv;
	if (first === void 0) {
		process.stderr.write(require_shared.MAIN_HELP);
		return 2;
	}
	if (first === "-h" || first === "--help") {
		process.stdout.write(require_shared.MAIN_HELP);
		return 0;
	}
	if (first === "-V" || first === "--version") {
		process.stdout.write(`0.0.0\n`);
		return 0;
	}
	if (first === "help") {
		const topic = rest[0];
		if (topic !== void 0 && !require_shared.isCommand(topic)) throw unknownCommand(topic);
		process.stdout.write(topic === void 0 ? require_shared.MAIN_HELP : require_shared.COMMAND_HELP[topic] ?? require_shared.MAIN_HELP);
		return 0;
	}
	if (!require_shared.isCommand(first)) throw unknownCommand(first);
	const options = require_shared.parseCommand(first, rest);
	if (options.help) {
		process.stdout.write(require_shared.COMMAND_HELP[first] ?? require_shared.MAIN_HELP);
		return 0;
	}
	const { run } = await commands[first]();
	return run(options);
}
function fail(error, json) {
	const report = require_shared.reportOf(error);
	if (json) {
		const { exitCode, ...rest } = report;
		require_shared.printJson({ error: {
			...rest,
			exitCode
		} });
	}
	const { red, dim } = require_shared.palette(process.stderr);
	process.stderr.write(`${red("error:")} ${report.message} ${dim(`(${report.code})`)}\n`);
	if (report.serverMessage) process.stderr.write(dim(`  the portal said: ${report.serverMessage}\n`));
	if (report.hint) process.stderr.write(`  ${report.hint}\n`);
	if (process.env.DEBUG && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
	return report.exitCode;
}
/**
* Ends the process once stdout and stderr are flushed: fetch's idle keep-alive connection would otherwise hold
* it open for a while after the work is done.
*/
function exit(code) {
	process.exitCode = code;
	let pending = 2;
	const done = () => {
		if (--pending === 0) process.exit(code);
	};
	process.stdout.write("", done);
	process.stderr.write("", done);
}
const argv = process.argv.slice(2);
main(argv).then(exit, (error) => exit(fail(error, argv.includes("--json"))));
//#endregion
