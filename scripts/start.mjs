// `npm start`: a real n8n with this package installed, on the built-in HeyGen emulator (or on
// HeyGen itself when HEYGEN_API_KEY is set), with an owner account, the HeyGen API credential and
// the example workflows ready. Ctrl-C stops what this script started, and only that.
import { readdirSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { startEmulatorProcess } from './lib/emulator.cjs';
import { writeExamplesForAccount } from './lib/exampleIds.cjs';
import {
	buildAndPack,
	ensureOwner,
	freePort,
	importCredentials,
	importWorkflows,
	installPackage,
	n8nEnvironment,
	startN8n,
} from './lib/n8n.cjs';
import { CACHE_DIR, ensureN8n, PROJECT_ROOT } from './lib/provision.cjs';

const OWNER = { email: 'owner@heygen-sandbox.local', password: 'HeyGen-sandbox-2026', firstName: 'Sandbox', lastName: 'Owner' };
const CREDENTIAL_ID = 'hgEmulatorCred01';
const started = [];

async function stopAll() {
	for (const service of started.reverse()) await service.stop().catch(() => undefined);
}

async function main() {
	const realKey = process.env.HEYGEN_API_KEY?.trim();
	const port = Number(process.env.N8N_PORT ?? 5678);
	const n8n = ensureN8n();

	console.log('[start] building and packing the package');
	const tarball = buildAndPack();
	const userFolder = join(CACHE_DIR, 'sandbox');
	mkdirSync(userFolder, { recursive: true });
	installPackage(userFolder, tarball);

	let heygen;
	if (realKey) {
		heygen = { apiKey: realKey, baseUrl: process.env.HEYGEN_BASE_URL ?? 'https://api.heygen.com' };
		console.log(`[start] using the real HeyGen API at ${heygen.baseUrl}`);
	} else {
		const emulator = await startEmulatorProcess(['--render-seconds', process.env.HEYGEN_RENDER_SECONDS ?? '8']);
		started.push(emulator);
		heygen = { apiKey: emulator.apiKey, baseUrl: emulator.url };
		console.log(`[start] HeyGen emulator at ${emulator.url} (storage ${emulator.storageUrl})`);
	}

	const env = n8nEnvironment(n8n, { userFolder, port, brokerPort: await freePort(), owner: OWNER });
	console.log('[start] importing the HeyGen API credential and the example workflows');
	importCredentials(n8n, env, [{ id: CREDENTIAL_ID, name: 'HeyGen API', type: 'heyGenApi', data: heygen }]);
	const examples = join(PROJECT_ROOT, 'examples');
	// The committed examples stay account-free; copies with the account's own picks are imported.
	const filled = await writeExamplesForAccount(heygen, examples, join(userFolder, 'examples')).catch((error) => {
		console.log(`[start] could not read the account's avatars and templates (${error.message}); the examples' pickers stay empty`);
		return undefined;
	});
	if (filled) {
		importWorkflows(n8n, env, filled.files);
		for (const note of filled.notes) console.log(`[start] ${note}`);
	} else {
		importWorkflows(
			n8n,
			env,
			readdirSync(examples)
				.filter((file) => file.endsWith('.json'))
				.map((file) => join(examples, file)),
		);
	}

	console.log('[start] starting n8n');
	const instance = await startN8n(n8n, env, { log: (text) => process.stdout.write(text) });
	started.push(instance);
	await ensureOwner(n8n, instance.url, OWNER);
	console.log(`
  n8n is ready with the HeyGen nodes.
    Editor:   ${instance.url}
    Login:    ${OWNER.email}
    Password: ${OWNER.password}
    HeyGen:   ${realKey ? `the real API (${heygen.baseUrl})` : `the emulator at ${heygen.baseUrl}, test key ${heygen.apiKey}`}
  Open a "HeyGen: ..." workflow and press "Execute workflow". Ctrl-C stops n8n${realKey ? '' : ' and the emulator'}.
`);
	instance.child.once('exit', async (code) => {
		console.log(`[start] n8n exited (${code})`);
		await stopAll();
		process.exit(code ?? 1);
	});
}

for (const signal of ['SIGINT', 'SIGTERM']) {
	process.on(signal, async () => {
		console.log(`\n[start] ${signal}: stopping`);
		await stopAll();
		process.exit(0);
	});
}

main().catch(async (error) => {
	console.error(`[start] ${error.message ?? error}`);
	await stopAll();
	process.exit(1);
});
