import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { startControl } from '../harness/control';
import { LOG_DIR, QUEUE_CACHE_DIR, STATE_FILE, type QueueEnvironment } from './environment';

/* eslint-disable @typescript-eslint/no-require-imports */
const provision = require('../../scripts/lib/provision.cjs');
const harness = require('../../scripts/lib/n8n.cjs');
const queue = require('../../scripts/lib/queue.cjs');
const emulatorLib = require('../../scripts/lib/emulator.cjs');
const exampleIds = require('../../scripts/lib/exampleIds.cjs');

const OWNER = { email: 'queue-owner@heygen-e2e.local', password: 'Queue-Owner-pass-1' };
const CREDENTIAL_ID = 'hgEmulatorCred01';
const ROOT = join(__dirname, '..', '..');

const seconds = (ms: number) => `${(ms / 1000).toFixed(0)} s`;

/**
 * Starts the emulator and n8n in queue mode (PostgreSQL, Redis, main, two workers, a webhook
 * process), once for the whole suite. Whatever fails half-way, everything started is stopped.
 */
export default async function globalSetup(): Promise<void> {
	const started = Date.now();
	// Queue mode is tested on n8n 2.x only, whatever N8N_LINE says.
	const release = provision.RELEASES[2];
	const n8n = provision.ensureN8n(release);
	// Its own pack folder: the regular suite's may belong to a run from another checkout.
	const tarball = harness.buildAndPack({ dir: join(QUEUE_CACHE_DIR, 'queue-pack') });
	const packed = Date.now();
	const stops: Array<() => Promise<void>> = [];
	const stopAll = async () => {
		for (const stop of stops.splice(0).reverse()) await stop().catch((error: Error) => console.error(`[queue] ${error.message}`));
		rmSync(STATE_FILE, { force: true });
	};
	try {
		const emulator = await emulatorLib.startEmulatorProcess(['--render-seconds', '2']);
		stops.push(() => emulator.stop());
		// The example as `npm start` imports it: its avatar picked from the emulator's account.
		const examplesDir = join(QUEUE_CACHE_DIR, 'examples');
		await exampleIds.writeExamplesForAccount({ apiKey: emulator.apiKey, baseUrl: emulator.url }, join(ROOT, 'examples'), examplesDir);
		const stack = await queue.startQueueStack({
			n8n,
			tarball,
			owner: OWNER,
			credentials: [{ id: CREDENTIAL_ID, name: 'HeyGen API', type: 'heyGenApi', data: { apiKey: emulator.apiKey, baseUrl: emulator.url } }],
			workflowFiles: [join(examplesDir, 'create-avatar-video-and-download.json'), join(ROOT, 'test', 'e2e', 'workflows', 'trigger-probe.json')],
			workers: 2,
			logDir: LOG_DIR,
		});
		stops.push(() => stack.stop());
		const control = await startControl((name) => stack.restart(name));
		stops.push(() => control.close());

		const sessionCookie = await harness.sessionCookie(stack.mainUrl, OWNER);
		const apiKey = await harness.createApiKey(harness.restClient(stack.mainUrl, sessionCookie), 'queue');
		const state: QueueEnvironment = {
			n8nUrl: stack.mainUrl,
			webhookUrl: stack.webhookUrl,
			owner: OWNER,
			sessionCookie,
			apiKey,
			emulatorUrl: emulator.url,
			emulatorApiKey: emulator.apiKey,
			credentialId: CREDENTIAL_ID,
			postgres: stack.postgres,
			processes: stack.processes,
			controlUrl: control.url,
			n8nVersion: release.version,
		};
		mkdirSync(QUEUE_CACHE_DIR, { recursive: true });
		writeFileSync(STATE_FILE, JSON.stringify(state, null, 2));
		const t = stack.timings;
		console.log(
			`\n[queue] n8n ${release.version} in queue mode ready in ${seconds(Date.now() - started)}: ` +
				`build and pack ${seconds(packed - started)}, PostgreSQL and Redis install ${seconds(t.install)}, start ${seconds(t.databases)}, ` +
				`import ${seconds(t.import)}, main + ${stack.processes.length - 2} workers + webhook process ${seconds(t.n8n)}`,
		);
	} catch (error) {
		await stopAll();
		throw error;
	}
	(globalThis as Record<string, unknown>).__HEYGEN_QUEUE__ = { stop: stopAll };
}
