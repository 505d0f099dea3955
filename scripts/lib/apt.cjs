'use strict';
// Installs Debian packages the test harness needs, when this machine can (root with apt-get).
// apt-get is told not to start any system service: the harness runs private instances itself.
const { execFileSync, spawnSync } = require('node:child_process');
const { existsSync, rmSync, writeFileSync } = require('node:fs');

// Debian's hook for package scripts: exit code 101 means "do not start services now".
const POLICY_RC_D = '/usr/sbin/policy-rc.d';

function canUseApt() {
	return typeof process.getuid === 'function' && process.getuid() === 0 && spawnSync('apt-get', ['--version']).status === 0;
}

/** `apt-get update` then `apt-get install` of `packages`, with service starts refused while it runs. */
function aptInstall(packages) {
	console.log(`[setup] installing Debian packages: apt-get install ${packages.join(' ')}`);
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	const ownPolicy = !existsSync(POLICY_RC_D);
	if (ownPolicy) writeFileSync(POLICY_RC_D, '#!/bin/sh\nexit 101\n', { mode: 0o755 });
	try {
		execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
		execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages], { stdio: 'inherit', env });
	} finally {
		if (ownPolicy) rmSync(POLICY_RC_D, { force: true });
	}
}

module.exports = { canUseApt, aptInstall };
