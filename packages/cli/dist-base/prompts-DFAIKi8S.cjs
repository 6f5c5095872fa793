#!/usr/bin/env node
const require_shared = require("./shared-DDDz6-6M.cjs");
//#region src/prompts.ts
const clack = () => import("@clack/prompts");
const io = {
	input: process.stdin,
	output: process.stderr
};
function answer(value) {
	if (typeof value === "symbol") throw new require_shared.CliError("cancelled", "cancelled");
	return value.trim();
}
const required = (what) => (value) => value?.trim() ? void 0 : `enter ${what}`;
/** Asks for the portal; Enter alone takes the remembered one (shown as the placeholder). */
async function askPortal(remembered) {
	const { text } = await clack();
	return answer(await text({
		...io,
		message: "Portal address",
		placeholder: remembered ?? "https://yourportal.onlyoffice.com",
		...remembered ? { defaultValue: remembered } : {},
		validate: (value) => {
			if (!value?.trim()) return remembered ? void 0 : "enter the portal address";
			return /^https?:\/\//i.test(value.trim()) ? void 0 : "start it with https://";
		}
	}));
}
/** Asks for the user; Enter alone takes the remembered one. */
async function askUser(remembered) {
	const { text } = await clack();
	return answer(await text({
		...io,
		message: "User name or email",
		...remembered ? {
			placeholder: remembered,
			defaultValue: remembered
		} : {},
		validate: (value) => value?.trim() || remembered ? void 0 : "enter the user name or email"
	}));
}
/** The password: nothing is echoed, not even its length. */
async function askPassword(user) {
	const { isCancel, password } = await clack();
	const value = await password({
		...io,
		message: `Password for ${user}`,
		mask: "",
		validate: required("the password")
	});
	if (isCancel(value)) throw new require_shared.CliError("cancelled", "cancelled");
	return value;
}
/** A second-factor code: shown as dots (codes are secrets too, if short-lived ones). */
async function askCode(message) {
	const { password } = await clack();
	return answer(await password({
		...io,
		message,
		mask: "•",
		validate: required("the code")
	}));
}
//#endregion
exports.askCode = askCode;
exports.askPassword = askPassword;
exports.askPortal = askPortal;
exports.askUser = askUser;
