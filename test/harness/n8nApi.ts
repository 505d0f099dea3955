import type { INodeExecutionData } from 'n8n-workflow';

/* eslint-disable @typescript-eslint/no-require-imports */
const harness = require('../../scripts/lib/n8n.cjs');

/** Where a running n8n and its emulator answer, and how to sign in to each. */
export interface N8nTarget {
	n8nUrl: string;
	/** The owner's session (n8n limits logins per minute, so a suite logs in once). */
	sessionCookie: string;
	/** A key for n8n's public API (executions with their data). */
	apiKey: string;
	emulatorUrl: string;
	emulatorApiKey: string;
	/** n8n's release line (1 or 2; 2 when not said). */
	n8nLine?: number;
}

export type RestClient = (path: string, init?: RequestInit) => Promise<{ status: number; body: any }>;

export interface EmulatorRequest {
	method: string;
	path: string;
	query: Record<string, string>;
	status?: number;
	headers: Record<string, string>;
	body?: any;
	server: string;
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

/** The items a node put out in an execution read from the public API. */
export function executionOutput(execution: { data: any }, nodeName: string): INodeExecutionData[] {
	const runs = execution.data?.resultData?.runData?.[nodeName];
	if (!runs) throw new Error(`node "${nodeName}" did not run in execution`);
	return runs[runs.length - 1].data?.main?.[0] ?? [];
}

/** n8n's REST and public APIs and the emulator's control API, for one running n8n. */
export function n8nApi(target: N8nTarget) {
	/** n8n's REST API, logged in as the owner. */
	async function rest(): Promise<RestClient> {
		return harness.restClient(target.n8nUrl, target.sessionCookie);
	}

	/** The emulator's control API. */
	async function emulator(path: string, init: { method?: string; body?: unknown } = {}): Promise<any> {
		const response = await fetch(`${target.emulatorUrl}/__emulator${path}`, {
			method: init.method ?? 'GET',
			headers: { 'content-type': 'application/json' },
			body: init.body === undefined ? undefined : JSON.stringify(init.body),
		});
		return (await response.json()) as unknown;
	}

	async function emulatorRequests(): Promise<EmulatorRequest[]> {
		return ((await emulator('/requests')) as { data: never[] }).data;
	}

	/** n8n's public API (`/api/v1`), with the suite's API key. */
	async function publicApi(path: string): Promise<any> {
		const response = await fetch(`${target.n8nUrl}/api/v1${path}`, { headers: { 'X-N8N-API-KEY': target.apiKey, accept: 'application/json' } });
		if (!response.ok) throw new Error(`GET /api/v1${path}: ${response.status} ${await response.text()}`);
		return await response.json();
	}

	/** Executions of a workflow, newest first, with their run data. */
	async function executionsOf(workflowId: string): Promise<Array<{ id: string; status: string; mode: string; data: any }>> {
		const page = await publicApi(`/executions?workflowId=${encodeURIComponent(workflowId)}&includeData=true&limit=100`);
		return page.data;
	}

	/**
	 * n8n 2.x publishes in the background; this waits until it reports the workflow's triggers settled.
	 * n8n 1.x activates before it answers (a trigger that fails fails the request): its answer is final.
	 */
	async function publicationSettled(workflowId: string, status: 'published' | 'not_published'): Promise<void> {
		const api = await rest();
		if ((target.n8nLine ?? 2) < 2) {
			const { body } = await api(`/rest/workflows/${workflowId}`);
			if (body.data.active !== (status === 'published')) throw new Error(`workflow ${workflowId} is not ${status}: active is ${body.data.active}`);
			return;
		}
		await waitFor(`workflow ${workflowId} to be ${status}`, async () => {
			const { body } = await api(`/rest/workflows/${workflowId}/publication-status`);
			const errors = (body.data.triggers ?? []).filter((trigger: { errorMessage?: string | null }) => trigger.errorMessage);
			if (errors.length > 0) throw new Error(`publishing ${workflowId} failed: ${JSON.stringify(errors)}`);
			return body.data.status === status;
		});
	}

	/** Publishes (activates) a workflow, as the editor's Publish button does, and waits until it is live. */
	async function publish(workflowId: string): Promise<void> {
		const api = await rest();
		const workflow = await api(`/rest/workflows/${workflowId}`);
		const result = await api(`/rest/workflows/${workflowId}/activate`, {
			method: 'POST',
			body: JSON.stringify({ versionId: workflow.body.data.versionId }),
		});
		if (result.status !== 200) throw new Error(`publishing ${workflowId} failed: ${result.status} ${JSON.stringify(result.body)}`);
		await publicationSettled(workflowId, 'published');
	}

	async function unpublish(workflowId: string): Promise<void> {
		const api = await rest();
		const result = await api(`/rest/workflows/${workflowId}/deactivate`, { method: 'POST', body: JSON.stringify({}) });
		if (result.status !== 200) throw new Error(`unpublishing ${workflowId} failed: ${result.status} ${JSON.stringify(result.body)}`);
		await publicationSettled(workflowId, 'not_published');
	}

	/** The webhook endpoints registered in the emulator, read through HeyGen's own API. */
	async function webhookEndpoints(): Promise<Array<{ endpoint_id: string; url: string; events: string[] | null }>> {
		const response = await fetch(`${target.emulatorUrl}/v3/webhooks/endpoints?limit=100`, { headers: { 'x-api-key': target.emulatorApiKey } });
		return ((await response.json()) as { data: Array<{ endpoint_id: string; url: string; events: string[] | null }> }).data;
	}

	/** Saves a new workflow through the REST API (as the editor does) and returns its id. */
	async function createWorkflow(workflow: Record<string, unknown>): Promise<string> {
		const api = await rest();
		const { id: _id, active: _active, ...definition } = workflow;
		// n8n 1.x stores `active` as sent and refuses a workflow without it; n8n 2.x sets it itself.
		const body = (target.n8nLine ?? 2) < 2 ? { ...definition, active: false } : definition;
		const result = await api('/rest/workflows', { method: 'POST', body: JSON.stringify(body) });
		if (result.status !== 200) throw new Error(`creating a workflow failed: ${result.status} ${JSON.stringify(result.body)}`);
		return result.body.data.id;
	}

	return { rest, emulator, emulatorRequests, publicApi, executionsOf, publish, unpublish, webhookEndpoints, createWorkflow };
}
