#!/usr/bin/env node
const require_shared = require("./shared-DDDz6-6M.cjs");
//#region src/commands/logout.ts
/** `docspace-auth logout`: the portal ends the session, and the token is removed from the session file. */
async function run(options) {
	const target = require_shared.resolveTarget(options);
	const opened = await require_shared.openAuth(target.address, target.file, target.user ? { userName: target.user } : {});
	const { auth } = opened;
	const spin = require_shared.spinner(!options.json);
	try {
		const session = await auth.session();
		if (!session) throw require_shared.notSignedIn(`not signed in to ${auth.portal}${target.user ? ` as ${target.user}` : ""}`);
		spin.start(`Signing out of ${auth.portal}…`);
		try {
			await auth.logout();
		} catch (error) {
			spin.stop();
			require_shared.note(`The token was removed from ${target.file}, but the portal did not confirm the sign-out:`);
			throw error;
		}
		spin.stop();
		require_shared.checkStore(opened, "signed out at the portal");
		if (options.json) require_shared.printJson({
			signedOut: true,
			portal: auth.portal,
			user: session.userName
		});
		else {
			const { green, bold } = require_shared.palette(process.stdout);
			require_shared.say(`${green("✓")} Signed out of ${bold(auth.portal)} (${bold(session.userName)}); the token no longer works`);
		}
		return 0;
	} finally {
		spin.stop();
		auth.dispose();
	}
}
//#endregion
exports.run = run;
