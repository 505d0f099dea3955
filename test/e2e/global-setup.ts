import { appendFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

import { startControl } from '../harness/control';
import { N8N_LOG_FILE, PACK_DIR, RELEASE, STATE_FILE, type E2eEnvironment } from './environment';

/* eslint-disable @typescript-eslint/no-require-imports */
const provision = require('../../scripts/lib/provision.cjs');
const harness = require('../../scripts/lib/n8n.cjs');
const emulatorLib = require('../../scripts/lib/emulator.cjs');
const chromium = require('../../scripts/lib/chromium.cjs');
const exampleIds = require('../../scripts/lib/exampleIds.cjs');

const OWNER = { email: 'e2e-owner@heygen-e2e.local', password: 'E2e-Owner-pass-1' };
const CREDENTIAL_ID = 'hgEmulatorCred01';
const WRONG_KEY_CREDENTIAL_ID = 'hgWrongKeyCred01';

/**
 * Starts the emulator and a real n8n with the packed package installed, once for the whole suite.
 * Whatever fails half-way, everything started is stopped.
 */
export default async function globalSetup(): Promise<void> {
	const started = Date.now();
	const n8n = provision.ensureN8n(RELEASE);
	chromium.ensureChromium();
	const tarball = harness.buildAndPack({ dir: PACK_DIR });
	const userFolder = mkdtempSync(join(tmpdir(), 'heygen-e2e-n8n-'));
	const stops: Array<() => Promise<void>> = [async () => rmSync(userFolder, { recursive: true, force: true })];
	const stopAll = async () => {
		for (const stop of stops.splice(0).reverse()) await stop().catch((error: Error) => console.error(`[e2e] ${error.message}`));
		rmSync(STATE_FILE, { force: true });
	};
	try {
		harness.installPackage(userFolder, tarball);
		const emulator = await emulatorLib.startEmulatorProcess(['--render-seconds', '2']);
		stops.push(() => emulator.stop());
		const port = await harness.freePort();
		const env = harness.n8nEnvironment(n8n, { userFolder, port, brokerPort: await harness.freePort(), owner: OWNER });
		harness.importCredentials(n8n, env, [
			{ id: CREDENTIAL_ID, name: 'HeyGen API', type: 'heyGenApi', data: { apiKey: emulator.apiKey, baseUrl: emulator.url } },
			{ id: WRONG_KEY_CREDENTIAL_ID, name: 'HeyGen API (wrong key)', type: 'heyGenApi', data: { apiKey: 'hg_wrong_key', baseUrl: emulator.url } },
			// The HubSpot examples' nodes are pinned in the suite; their credentials only have to exist.
			{ id: 'hsAppTokenCred01', name: 'HubSpot App Token', type: 'hubspotAppToken', data: { appToken: 'pat-na1-e2e-not-used' } },
			{ id: 'hsDeveloperCred01', name: 'HubSpot Developer API', type: 'hubspotDeveloperApi', data: { clientId: 'e2e', clientSecret: 'e2e', apiKey: 'e2e', appId: '1' } },
		]);
		const workflowFiles = (dir: string) =>
			readdirSync(dir)
				.filter((file) => file.endsWith('.json'))
				.map((file) => join(dir, file));
		// The examples as a user's `npm start` gets them: their empty pickers filled from the account.
		const examples = await exampleIds.writeExamplesForAccount(
			{ apiKey: emulator.apiKey, baseUrl: emulator.url },
			join(__dirname, '..', '..', 'examples'),
			join(userFolder, 'examples'),
		);
		harness.importWorkflows(n8n, env, [...examples.files, ...workflowFiles(join(__dirname, 'workflows'))]);

		writeFileSync(N8N_LOG_FILE, '');
		const instance = await harness.startN8n(n8n, { ...env, N8N_LOG_LEVEL: 'debug' }, { log: (text: string) => appendFileSync(N8N_LOG_FILE, text) });
		stops.push(() => instance.stop());
		await harness.ensureOwner(n8n, instance.url, OWNER);
		const control = await startControl((_name, downForMs) => instance.restart({ downForMs }));
		stops.push(() => control.close());
		// The CLI runs beside the server: its own task-runner broker port.
		const cliEnv = { ...env, N8N_RUNNERS_BROKER_PORT: String(await harness.freePort()) };
		const sessionCookie = await harness.sessionCookie(instance.url, OWNER);
		const apiKey = await harness.createApiKey(harness.restClient(instance.url, sessionCookie), 'e2e');
		const state: E2eEnvironment = {
			n8nUrl: instance.url,
			owner: OWNER,
			sessionCookie,
			apiKey,
			emulatorUrl: emulator.url,
			emulatorApiKey: emulator.apiKey,
			cliEnv,
			n8nBin: n8n.n8nBin,
			nodeBin: n8n.node.nodeBin,
			n8nVersion: RELEASE.version,
			n8nLine: RELEASE.line,
			credentialId: CREDENTIAL_ID,
			wrongKeyCredentialId: WRONG_KEY_CREDENTIAL_ID,
			controlUrl: control.url,
		};
		mkdirSync(dirname(STATE_FILE), { recursive: true });
		writeFileSync(STATE_FILE, JSON.stringify(state, null, 2));
	} catch (error) {
		await stopAll();
		throw error;
	}
	(globalThis as Record<string, unknown>).__HEYGEN_E2E__ = { stop: stopAll };
	console.log(`\n[e2e] n8n ${RELEASE.version} (node ${n8n.node.version}) and the emulator ready in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}
