import { waitFor, type RestClient } from './n8nApi';

export const FINISHED = ['success', 'error', 'crashed', 'canceled'];

/** A workflow that makes `count` personalised avatar videos (Manual Trigger, a Code node, HeyGen). */
export function videoWorkflow(name: string, count: number, credentialId: string, heyGen: Record<string, unknown>) {
	return {
		name,
		nodes: [
			{ parameters: {}, id: 'f1d0a000-0000-4000-8000-000000000001', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0] },
			{
				parameters: { jsCode: `return Array.from({ length: ${count} }, (_, i) => ({ json: { id: 'lead-' + i, name: 'Lead ' + i } }));` },
				id: 'f1d0a000-0000-4000-8000-000000000002',
				name: 'Leads',
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				position: [240, 0],
			},
			{
				parameters: {
					resource: 'video',
					operation: 'createAvatarVideo',
					avatar_id: { __rl: true, mode: 'id', value: 'lk_abigail_office' },
					script: '=Hello {{ $json.name }}',
					voice_id: { __rl: true, mode: 'list', value: '' },
					callback_id: '={{ $json.id }}',
					waitForCompletion: true,
					...heyGen,
				},
				id: 'f1d0a000-0000-4000-8000-000000000003',
				name: 'Create videos',
				type: 'n8n-nodes-heygen-video.heyGen',
				typeVersion: 1,
				position: [480, 0],
				credentials: { heyGenApi: { id: credentialId, name: 'HeyGen API' } },
			},
		],
		connections: {
			Start: { main: [[{ node: 'Leads', type: 'main', index: 0 }]] },
			Leads: { main: [[{ node: 'Create videos', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}

/**
 * Starts a saved workflow from `trigger`, as the editor's Execute workflow does; answers n8n's reply
 * (`executionId`, or `waitingForWebhook` while a trigger listens). n8n 1.x runs the workflow the
 * editor sends it; n8n 2.x runs the saved one and ignores what is sent.
 */
export async function startManualRun(api: RestClient, workflowId: string, trigger: string): Promise<{ executionId?: string; waitingForWebhook?: boolean }> {
	const saved = await api(`/rest/workflows/${workflowId}`);
	if (saved.status !== 200) throw new Error(`reading ${workflowId}: ${saved.status} ${JSON.stringify(saved.body)}`);
	const started = await api(`/rest/workflows/${workflowId}/run`, {
		method: 'POST',
		body: JSON.stringify({ workflowData: saved.body.data, triggerToStartFrom: { name: trigger } }),
	});
	if (started.status !== 200) throw new Error(`starting ${workflowId}: ${started.status} ${JSON.stringify(started.body)}`);
	return started.body.data;
}

/** Starts a saved workflow from its Manual Trigger in the running n8n; answers the execution's id. */
export async function runFromEditor(api: RestClient, workflowId: string, trigger = 'Start'): Promise<string> {
	return String((await startManualRun(api, workflowId, trigger)).executionId);
}

/** Waits until an execution reaches one of `wanted` (default: finished); one that ends otherwise fails at once. */
export async function executionStatus(
	publicApi: (path: string) => Promise<any>,
	id: string,
	wanted: string[] = FINISHED,
	timeoutMs = 120_000,
): Promise<{ status: string; data: any }> {
	return await waitFor(
		`execution ${id} to be ${wanted.join(' or ')}`,
		async () => {
			const found = await publicApi(`/executions/${id}?includeData=true`);
			if (!wanted.includes(found.status) && FINISHED.includes(found.status)) {
				throw new Error(`execution ${id} ended ${found.status}: ${JSON.stringify(found.data?.resultData?.error?.message ?? '')}`);
			}
			return wanted.includes(found.status) ? found : undefined;
		},
		timeoutMs,
	);
}
