'use strict';
// Starts the HeyGen emulator (compiled by `npm run build:dev`) as a child process.
const { spawn } = require('node:child_process');
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const { createInterface } = require('node:readline');

const { PROJECT_ROOT } = require('./provision.cjs');

const EMULATOR_CLI = join(PROJECT_ROOT, '.build', 'emulator', 'cli.js');

async function startEmulatorProcess(args = []) {
	if (!existsSync(EMULATOR_CLI)) throw new Error(`${EMULATOR_CLI} is missing: run npm run build:dev first`);
	const child = spawn(process.execPath, [EMULATOR_CLI, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
	const lines = createInterface({ input: child.stdout });
	const found = {};
	for await (const line of lines) {
		const match = /^(HeyGen emulator API|HeyGen emulator storage|Test API key):\s+(\S+)/.exec(line);
		if (match) found[match[1]] = match[2];
		if (Object.keys(found).length === 3) break;
	}
	if (Object.keys(found).length < 3) throw new Error('the HeyGen emulator did not start');
	const url = found['HeyGen emulator API'];
	return {
		url,
		storageUrl: found['HeyGen emulator storage'],
		apiKey: found['Test API key'],
		child,
		/** Calls the emulator's control API (`/__emulator/...`). */
		async control(path, init = {}) {
			const response = await fetch(`${url}/__emulator${path}`, {
				...init,
				headers: { 'content-type': 'application/json', ...(init.headers ?? {}) },
				body: init.body === undefined ? undefined : JSON.stringify(init.body),
			});
			return await response.json();
		},
		async stop() {
			if (child.exitCode !== null) return;
			child.kill('SIGTERM');
			await new Promise((resolve) => child.once('exit', resolve));
		},
	};
}

module.exports = { EMULATOR_CLI, startEmulatorProcess };
