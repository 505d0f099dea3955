'use strict';
// Finds Chromium for the browser test, installing Debian's package when it is missing and this
// machine can (root with apt-get). Browsers are never downloaded by a test tool.
const { existsSync } = require('node:fs');

const { aptInstall, canUseApt } = require('./apt.cjs');

const DEFAULT_PATH = '/usr/bin/chromium';

function chromiumPath() {
	return process.env.CHROMIUM_PATH || DEFAULT_PATH;
}

function ensureChromium() {
	const path = chromiumPath();
	if (existsSync(path)) return path;
	if (!canUseApt()) {
		throw new Error(`Chromium was not found at ${path}. Install Debian's "chromium" package, or set CHROMIUM_PATH.`);
	}
	aptInstall(['chromium']);
	if (!existsSync(path)) throw new Error(`apt-get installed chromium, but ${path} does not exist`);
	return path;
}

if (require.main === module) console.log(`[setup] Chromium: ${ensureChromium()}`);

module.exports = { ensureChromium, chromiumPath };
