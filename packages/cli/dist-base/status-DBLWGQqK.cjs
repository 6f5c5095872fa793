#!/usr/bin/env node
const require_shared = require("./shared-DDDz6-6M.cjs");
//#region src/commands/status.ts
/**
* `docspace-auth status`: whether the saved session works, asked of the portal. Exits 0 when signed in, 4 when
* not (like `gh auth status`).
*/
async function run(options) {
	let target;
	try {
		target = require_shared.resolveTarget(options);
	} catch (error) {
		if (error instanceof require_shared.CliError && error.code === "not_signed_in") return signedOut(options, null, void 0, "no_portal");
		throw error;
	}
	let expiredLocally = false;
	const { auth } = await require_shared.openAuth(target.address, target.file, {
		...target.user ? { userName: target.user } : {},
		onEvent: (event) => {
			if (event.type === "session-expired" && event.reason === "expired") expiredLocally = true;
		}
	});
	const spin = require_shared.spinner(!options.json);
	try {
		const session = await auth.session();
		if (!session) return signedOut(options, auth.portal, target.user, expiredLocally ? "expired" : "no_session");
		spin.start(`Checking the session with ${auth.portal}…`);
		const valid = await auth.isAuthenticated();
		spin.stop();
		if (!valid) return signedOut(options, auth.portal, session.userName, "rejected");
		const expires = session.expires ? session.expires.toISOString() : null;
		if (options.json) require_shared.printJson({
			signedIn: true,
			portal: auth.portal,
			user: session.userName,
			expires
		});
		else {
			const { green, bold } = require_shared.palette(process.stdout);
			require_shared.say(`${green("✓")} Signed in to ${bold(auth.portal)} as ${bold(session.userName)}`);
			require_shared.say(`  token valid ${require_shared.describeExpiry(expires)}; the portal accepts it`);
		}
		return 0;
	} finally {
		spin.stop();
		auth.dispose();
	}
}
const REASONS = {
	no_portal: "no portal given and none remembered",
	no_session: "no saved session",
	expired: "the saved session has expired (it was removed)",
	rejected: "the portal no longer accepts the saved token (it was removed)"
};
function signedOut(options, portal, user, reason) {
	if (options.json) require_shared.printJson({
		signedIn: false,
		portal,
		user: user ?? null,
		reason
	});
	else {
		const { red, bold } = require_shared.palette(process.stdout);
		require_shared.say(`${red("✗")} Not signed in${portal ? ` to ${bold(portal)}` : ""}${user ? ` as ${bold(user)}` : ""}: ${REASONS[reason]}`);
		require_shared.say("  run `docspace-auth login` to sign in");
	}
	return 4;
}
//#endregion
exports.run = run;
