'use strict';
// Finds Chromium for the browser test, installing Debian's package when it is missing and this
// machine can (root with apt-get). Browsers are never downloaded by a test tool.
const { execFileSync, spawnSync } = require('node:child_process');
const { existsSync } = require('node:fs');

const DEFAULT_PATH = '/usr/bin/chromium';

function chromiumPath() {
	return process.env.CHROMIUM_PATH || DEFAULT_PATH;
}

function canUseApt() {
	return typeof process.getuid === 'function' && process.getuid() === 0 && spawnSync('apt-get', ['--version']).status === 0;
}

function ensureChromium() {
	const path = chromiumPath();
	if (existsSync(path)) return path;
	if (!canUseApt()) {
		throw new Error(`Chromium was not found at ${path}. Install Debian's "chromium" package, or set CHROMIUM_PATH.`);
	}
	console.log('[setup] installing Chromium from Debian packages (apt-get install chromium)');
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
	execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'chromium'], { stdio: 'inherit', env });
	if (!existsSync(path)) throw new Error(`apt-get installed chromium, but ${path} does not exist`);
	return path;
}

if (require.main === module) console.log(`[setup] Chromium: ${ensureChromium()}`);

module.exports = { ensureChromium, chromiumPath };
