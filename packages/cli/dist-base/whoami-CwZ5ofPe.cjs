#!/usr/bin/env node
const require_shared = require("./shared-DDDz6-6M.cjs");
//#region src/commands/whoami.ts
/** `docspace-auth whoami`: the profile from `GET /api/2.0/people/@self`, with the saved token. */
async function run(options) {
	const target = require_shared.resolveTarget(options);
	const [{ auth }, { getSelfProfile }] = await Promise.all([require_shared.openAuth(target.address, target.file, target.user ? { userName: target.user } : {}), import("@docspace/auth-client")]);
	const spin = require_shared.spinner(!options.json);
	try {
		if (!await auth.session()) throw require_shared.notSignedIn(`not signed in to ${auth.portal}${target.user ? ` as ${target.user}` : ""}`);
		spin.start(`Asking ${auth.portal}…`);
		const result = await getSelfProfile({ client: auth.client });
		spin.stop();
		const profile = result.data?.response;
		if (result.error !== void 0 || !profile) {
			if (result.error instanceof Error) throw result.error;
			throw new require_shared.CliError("protocol", `the portal did not send the profile (HTTP ${result.response?.status ?? "no answer"})`);
		}
		const { id, userName, email, displayName, firstName, lastName, isAdmin, status } = profile;
		const shown = {
			id,
			userName,
			email,
			displayName,
			firstName,
			lastName,
			isAdmin,
			status
		};
		if (options.json) require_shared.printJson({
			portal: auth.portal,
			profile: shown
		});
		else {
			const { bold, dim } = require_shared.palette(process.stdout);
			require_shared.say(`${bold(displayName || `${firstName} ${lastName}`.trim() || userName)} ${dim(`(${userName})`)}`);
			require_shared.say(`  email   ${email}`);
			require_shared.say(`  id      ${id}`);
			require_shared.say(`  admin   ${isAdmin ? "yes" : "no"}`);
			require_shared.say(`  portal  ${auth.portal}`);
		}
		return 0;
	} finally {
		spin.stop();
		auth.dispose();
	}
}
//#endregion
exports.run = run;
