/**
 * The n8n a scenario runs in. `single` is one `n8n start` (regular mode, SQLite) with the packed
 * package installed as a community package, as the end-to-end suite runs it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { Harness, RestClient } from './project';
import type { Topology } from './scenarios';

export const OWNER = { email: 'bench-owner@heygen-bench.local', password: 'Bench-Owner-pass-1' };

export interface RunningN8n {
	url: string;
	/** The owner's REST session (workflows, publishing, stopping executions). */
	rest: RestClient;
	/** A key for n8n's public API (executions). */
	apiKey: string;
	/** The processes whose trees are n8n's memory: the server (in queue mode also workers and webhook process). */
	processRoots(): number[];
	/** Stops and starts every process again on the same database. */
	restart(): Promise<void>;
	stop(): Promise<void>;
}

export interface TopologyOptions {
	harness: Harness;
	tarball: string;
	/** Credentials to import before n8n starts. */
	credentials: unknown[];
	log?: (text: string) => void;
}

async function publicApiKey(rest: RestClient): Promise<string> {
	const key = await rest('/rest/api-keys', {
		method: 'POST',
		body: JSON.stringify({ label: 'bench', scopes: ['execution:read', 'execution:list'], expiresAt: null }),
	});
	const apiKey = key.body?.data?.rawApiKey ?? key.body?.data?.apiKey;
	if (!apiKey) throw new Error(`could not create an n8n API key: ${JSON.stringify(key.body)}`);
	return apiKey;
}

async function startSingle({ harness, tarball, credentials, log }: TopologyOptions): Promise<RunningN8n> {
	const n8n = harness.provision.ensureN8n();
	const userFolder = mkdtempSync(join(tmpdir(), 'heygen-bench-n8n-'));
	harness.n8n.installPackage(userFolder, tarball);
	const port = await harness.n8n.freePort();
	const env = harness.n8n.n8nEnvironment(n8n, { userFolder, port, brokerPort: await harness.n8n.freePort(), owner: OWNER });
	harness.n8n.importCredentials(n8n, env, credentials);
	const instance = await harness.n8n.startN8n(n8n, env, { log });
	try {
		const rest = await harness.n8n.login(instance.url, OWNER);
		return {
			url: instance.url,
			rest,
			apiKey: await publicApiKey(rest),
			processRoots: () => (instance.child.pid === undefined ? [] : [instance.child.pid]),
			restart: () => instance.restart(),
			async stop() {
				await instance.stop();
				rmSync(userFolder, { recursive: true, force: true });
			},
		};
	} catch (error) {
		await instance.stop();
		rmSync(userFolder, { recursive: true, force: true });
		throw error;
	}
}

/**
 * HOOK (queue mode): start n8n's queue mode here (PostgreSQL, Redis, main, two workers, a webhook
 * process, the package in every process) and return it as a RunningN8n whose processRoots() lists
 * every n8n process. Until then the queue rows are reported as skipped.
 */
const startQueue: ((options: TopologyOptions) => Promise<RunningN8n>) | undefined = undefined;

export const TOPOLOGIES: Record<Topology, ((options: TopologyOptions) => Promise<RunningN8n>) | undefined> = {
	single: startSingle,
	queue: startQueue,
};
