#!/usr/bin/env node
let uqr = require("uqr");
//#region src/qr.ts
/** The QR code as lines of text, or `undefined` when the terminal is too small (or its size unknown). */
function qrCode(text, columns, rows) {
	if (!columns) return void 0;
	const lines = (0, uqr.renderUnicodeCompact)(text, {
		ecc: "L",
		border: 2
	}).replace(/\n+$/, "").split("\n");
	if (Math.max(...lines.map((line) => [...line].length)) + 2 > columns || rows !== void 0 && rows > 0 && lines.length + 8 > rows) return void 0;
	return lines.map((line) => `  ${line}`).join("\n");
}
//#endregion
exports.qrCode = qrCode;
