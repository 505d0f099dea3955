import { spawnSync } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';

import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { e2eEnvironment, N8N_LOG_FILE } from './environment';

/* eslint-disable @typescript-eslint/no-require-imports */
const harness = require('../../scripts/lib/n8n.cjs');

export const env = e2eEnvironment();
export const NODE_TYPE = 'n8n-nodes-heygen-video.heyGen';

export interface Execution {
	exitCode: number;
	/** The run data n8n printed (its IRun). */
	run: {
		data: {
			resultData: {
				runData: Record<string, Array<{ data?: { main: INodeExecutionData[][] }; error?: IDataObject; executionStatus?: string }>>;
				error?: { message: string; description?: string; node?: { name: string } };
			};
		};
		status?: string;
	};
	stdout: string;
}

/** `n8n execute --id <id>`: runs a saved workflow in the real n8n CLI. */
export function execute(workflowId: string): Execution {
	const result = harness.executeWorkflow({ node: { nodeBin: env.nodeBin }, n8nBin: env.n8nBin }, env.cliEnv, workflowId);
	appendFileSync(N8N_LOG_FILE, `${result.stdout}\n${result.stderr}\n`);
	if (!result.data) throw new Error(`n8n execute printed no run data (exit ${result.exitCode}):\n${result.stdout}\n${result.stderr}`.slice(-6000));
	return { exitCode: result.exitCode, run: result.data, stdout: result.stdout };
}

/** The items a node put on its first output in an execution. */
export function nodeOutput(execution: Execution, nodeName: string): INodeExecutionData[] {
	const runs = execution.run.data.resultData.runData[nodeName];
	if (!runs) throw new Error(`node "${nodeName}" did not run; ran: ${Object.keys(execution.run.data.resultData.runData).join(', ')}`);
	return runs[runs.length - 1].data?.main[0] ?? [];
}

/** n8n's REST API, logged in as the owner. */
export async function rest(): Promise<(path: string, init?: RequestInit) => Promise<{ status: number; body: any }>> {
	return harness.restClient(env.n8nUrl, env.sessionCookie);
}

/** The emulator's control API. */
export async function emulator(path: string, init: { method?: string; body?: unknown } = {}): Promise<any> {
	const response = await fetch(`${env.emulatorUrl}/__emulator${path}`, {
		method: init.method ?? 'GET',
		headers: { 'content-type': 'application/json' },
		body: init.body === undefined ? undefined : JSON.stringify(init.body),
	});
	return (await response.json()) as unknown;
}

export async function emulatorRequests(): Promise<
	Array<{ method: string; path: string; query: Record<string, string>; status?: number; headers: Record<string, string>; body?: any; server: string }>
> {
	return ((await emulator('/requests')) as { data: never[] }).data;
}

export function n8nVersionInstalled(): string {
	const result = spawnSync(env.nodeBin, [env.n8nBin, '--version'], { encoding: 'utf8', env: env.cliEnv });
	return result.stdout.trim().split('\n').pop() ?? '';
}

/**
 * Stops n8n and starts it again on the same user folder, database and port, as an operator would;
 * resolves once it answers its health check (published workflows are then activated again).
 */
export async function restartN8n(): Promise<void> {
	const response = await fetch(`${env.controlUrl}/restart`, { method: 'POST' });
	if (!response.ok) throw new Error(`restarting n8n failed: ${response.status} ${await response.text()}`);
}

/** n8n's public API (`/api/v1`), with the suite's API key. */
export async function publicApi(path: string): Promise<any> {
	const response = await fetch(`${env.n8nUrl}/api/v1${path}`, { headers: { 'X-N8N-API-KEY': env.apiKey, accept: 'application/json' } });
	if (!response.ok) throw new Error(`GET /api/v1${path}: ${response.status} ${await response.text()}`);
	return await response.json();
}

/** Executions of a workflow, newest first, with their run data. */
export async function executionsOf(workflowId: string): Promise<Array<{ id: string; status: string; mode: string; data: any }>> {
	const page = await publicApi(`/executions?workflowId=${encodeURIComponent(workflowId)}&includeData=true&limit=100`);
	return page.data;
}

/** The items a node put out in an execution read from the public API. */
export function executionOutput(execution: { data: any }, nodeName: string): INodeExecutionData[] {
	const runs = execution.data?.resultData?.runData?.[nodeName];
	if (!runs) throw new Error(`node "${nodeName}" did not run in execution`);
	return runs[runs.length - 1].data?.main?.[0] ?? [];
}

export async function waitFor<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 60_000): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await probe();
		if (value) return value;
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
}

/** n8n publishes in the background; this waits until it reports the workflow's triggers settled. */
async function publicationSettled(workflowId: string, status: 'published' | 'not_published'): Promise<void> {
	const api = await rest();
	await waitFor(`workflow ${workflowId} to be ${status}`, async () => {
		const { body } = await api(`/rest/workflows/${workflowId}/publication-status`);
		const errors = (body.data.triggers ?? []).filter((trigger: { errorMessage?: string | null }) => trigger.errorMessage);
		if (errors.length > 0) throw new Error(`publishing ${workflowId} failed: ${JSON.stringify(errors)}`);
		return body.data.status === status;
	});
}

/** Publishes (activates) a workflow, as the editor's Publish button does, and waits until it is live. */
export async function publish(workflowId: string): Promise<void> {
	const api = await rest();
	const workflow = await api(`/rest/workflows/${workflowId}`);
	const result = await api(`/rest/workflows/${workflowId}/activate`, {
		method: 'POST',
		body: JSON.stringify({ versionId: workflow.body.data.versionId }),
	});
	if (result.status !== 200) throw new Error(`publishing ${workflowId} failed: ${result.status} ${JSON.stringify(result.body)}`);
	await publicationSettled(workflowId, 'published');
}

export async function unpublish(workflowId: string): Promise<void> {
	const api = await rest();
	const result = await api(`/rest/workflows/${workflowId}/deactivate`, { method: 'POST', body: JSON.stringify({}) });
	if (result.status !== 200) throw new Error(`unpublishing ${workflowId} failed: ${result.status} ${JSON.stringify(result.body)}`);
	await publicationSettled(workflowId, 'not_published');
}

/** The webhook endpoints registered in the emulator, read through HeyGen's own API. */
export async function webhookEndpoints(): Promise<Array<{ endpoint_id: string; url: string; events: string[] | null }>> {
	const response = await fetch(`${env.emulatorUrl}/v3/webhooks/endpoints?limit=100`, { headers: { 'x-api-key': env.emulatorApiKey } });
	return ((await response.json()) as { data: Array<{ endpoint_id: string; url: string; events: string[] | null }> }).data;
}

/** Saves a new workflow through the REST API (as the editor does) and returns its id. */
export async function createWorkflow(workflow: Record<string, unknown>): Promise<string> {
	const api = await rest();
	const { id: _id, active: _active, ...definition } = workflow;
	const result = await api('/rest/workflows', { method: 'POST', body: JSON.stringify(definition) });
	if (result.status !== 200) throw new Error(`creating a workflow failed: ${result.status} ${JSON.stringify(result.body)}`);
	return result.body.data.id;
}

/** Plays a third party's inbound webhook (Clay's table webhook): records every JSON body posted to it. */
export function startReceiver(): Promise<{ url: string; received: unknown[]; server: Server }> {
	const received: unknown[] = [];
	const server = createServer((req: IncomingMessage, res) => {
		let text = '';
		req.on('data', (chunk) => (text += chunk));
		req.on('end', () => {
			received.push(JSON.parse(text || '{}'));
			res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
		});
	});
	return new Promise((resolve) =>
		server.listen(0, '127.0.0.1', () =>
			resolve({ url: `http://127.0.0.1:${(server.address() as { port: number }).port}/clay/table-webhook`, received, server }),
		),
	);
}
