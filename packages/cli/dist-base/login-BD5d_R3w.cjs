#!/usr/bin/env node
const require_shared = require("./shared-DDDz6-6M.cjs");
//#region src/commands/login.ts
/** `docspace-auth login`: asks for what is missing (only on a terminal), signs in, saves the session. */
async function run(options) {
	const env = process.env;
	const prompts = process.stdin.isTTY === true ? await Promise.resolve().then(() => require("./prompts-DFAIKi8S.cjs")) : void 0;
	const dir = require_shared.configDir(options.configDir, env);
	const remembered = require_shared.readConfig(dir);
	const spin = require_shared.spinner(!options.json);
	const address = options.portal ?? (env.DOCSPACE_PORTAL?.trim() || void 0) ?? (prompts ? await prompts.askPortal(remembered.portal) : void 0);
	if (!address) throw require_shared.missingInput("the portal address", "--portal URL", "DOCSPACE_PORTAL");
	let secondFactorUsed = "none";
	const opened = await require_shared.openAuth(address, require_shared.sessionsFile(dir), {
		totpSecret: env.DOCSPACE_TOTP_SECRET?.trim() || void 0,
		secondFactor: async (challenge) => {
			spin.stop();
			if (!prompts) throw noCodeWithoutTerminal(challenge);
			const code = await askForCode(challenge, prompts, spin);
			spin.start(`Checking the code with ${auth.portal}…`);
			return code;
		},
		onEvent: (event) => {
			if (event.type === "signed-in") secondFactorUsed = event.secondFactor;
		}
	});
	const { auth } = opened;
	try {
		const user = options.user ?? (env.DOCSPACE_USER?.trim() || void 0) ?? (prompts ? await prompts.askUser(remembered.portal === auth.portal ? remembered.user : void 0) : void 0);
		if (!user) throw require_shared.missingInput("the user name", "--user NAME", "DOCSPACE_USER");
		const password = env.DOCSPACE_PASSWORD || (prompts ? await prompts.askPassword(user) : void 0);
		if (!password) throw require_shared.missingInput("the password", void 0, "DOCSPACE_PASSWORD");
		spin.start(`Signing in to ${auth.portal}…`);
		const session = await auth.login({
			userName: user,
			password,
			code: options.code
		});
		spin.stop();
		require_shared.checkStore(opened, "signed in");
		require_shared.writeConfig(dir, {
			portal: session.portal,
			user: session.userName
		});
		const result = {
			portal: session.portal,
			user: session.userName,
			expires: session.expires ? session.expires.toISOString() : null,
			secondFactor: secondFactorUsed
		};
		if (options.json) require_shared.printJson({
			signedIn: true,
			...result
		});
		else {
			const { green, bold, dim } = require_shared.palette(process.stdout);
			require_shared.say(`${green("✓")} Signed in to ${bold(result.portal)} as ${bold(result.user)}`);
			require_shared.say(dim(`  token saved in ${require_shared.sessionsFile(dir)}, valid ${require_shared.describeExpiry(result.expires)}`));
		}
		return 0;
	} finally {
		spin.stop();
		auth.dispose();
	}
}
/** What to do when the portal wants a code and there is no terminal to ask for one. */
function noCodeWithoutTerminal(challenge) {
	switch (challenge.kind) {
		case "sms": return new require_shared.CliError("missing_input", `the portal sent a code by SMS to ${challenge.phoneNoise ?? "the phone"}, and standard input is not a terminal to type it in`, { hint: "run `docspace-auth login` in a terminal" });
		case "totp-setup": return new require_shared.CliError("missing_input", `${challenge.userName} must set up an authenticator app first, and standard input is not a terminal to show the setup key on`, { hint: "run `docspace-auth login` in a terminal once, or set DOCSPACE_TOTP_SECRET to the key the portal gave you" });
		default: return new require_shared.CliError("missing_input", "the portal asks for a code from the authenticator app, and standard input is not a terminal to ask for it", { hint: "give --code CODE, or set DOCSPACE_TOTP_SECRET to the app secret so codes are computed" });
	}
}
/** Asks for the code in a terminal: says where it comes from; SMS codes can be sent again with `r`. */
async function askForCode(challenge, prompts, spin) {
	const { bold, cyan, dim, yellow } = require_shared.palette(process.stderr);
	let message;
	if (challenge.kind === "sms") {
		require_shared.note(`A code was sent by SMS to ${bold(challenge.phoneNoise ?? "your phone")}.`);
		message = "Code from the SMS (or r to send a new one)";
	} else if (challenge.kind === "totp-setup") {
		const key = challenge.tfaKey ?? "";
		require_shared.note(`${bold(challenge.userName)} must set up an authenticator app first (Google Authenticator, Authy, 1Password, ...).`);
		require_shared.note("Add this setup key to the app, or scan the QR code:");
		require_shared.note(`  setup key: ${cyan(key.replace(/(.{4})(?=.)/g, "$1 "))}`);
		if (challenge.otpauthUri) {
			require_shared.note(`  URI:       ${dim(challenge.otpauthUri)}`);
			const { qrCode } = await Promise.resolve().then(() => require("./qr-DH_pslnv.cjs"));
			const qr = qrCode(challenge.otpauthUri, process.stderr.columns, process.stderr.rows);
			if (qr) require_shared.note(`\n${qr}\n`);
		}
		require_shared.note(yellow("Keep the key secret: it makes codes for this account."));
		message = "Code the app shows now";
	} else {
		require_shared.note(`The portal asks for the code from the authenticator app of ${bold(challenge.userName)}.`);
		message = "Code from the authenticator app";
	}
	for (;;) {
		const code = await prompts.askCode(message);
		if (challenge.kind !== "sms" || code.toLowerCase() !== "r") return code;
		spin.start("Sending a new code…");
		try {
			await challenge.resend();
			spin.stop();
			require_shared.note(`A new code was sent by SMS to ${bold(challenge.phoneNoise ?? "your phone")}.`);
		} catch (error) {
			spin.stop();
			const reason = error instanceof Error ? error.message : String(error);
			require_shared.note(`${yellow("warning:")} no new code was sent: ${reason}`);
		}
	}
}
//#endregion
exports.run = run;
