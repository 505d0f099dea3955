/**
 * The workflows the benchmark imports into n8n. Each starts from a production Webhook (answering at
 * once, so the run goes on inside the n8n server, whose memory is measured), turns `{ count }` from
 * the request body into that many contacts (`warmUp: true` names them apart), and hands them to the
 * mode under test.
 */
import { randomUUID } from 'node:crypto';

export interface WorkflowNode {
	id: string;
	name: string;
	type: string;
	typeVersion: number;
	position: [number, number];
	parameters: Record<string, unknown>;
	credentials?: Record<string, { id: string; name: string }>;
	webhookId?: string;
}

export interface Workflow {
	name: string;
	nodes: WorkflowNode[];
	connections: Record<string, { main: Array<Array<{ node: string; type: 'main'; index: number }>> }>;
	settings: Record<string, unknown>;
}

export interface BuildContext {
	/** The Webhook's path (unique per workflow). */
	webhookPath: string;
	/** The emulator's API origin (the DIY loop writes it into its URLs, as users write api.heygen.com). */
	apiUrl: string;
	credential: { id: string; name: string };
}

export const TRIGGER = 'Start benchmark';
export const CONTACTS = 'Contacts';
const AVATAR_ID = 'lk_abigail_office';

function node(name: string, type: string, typeVersion: number, x: number, parameters: Record<string, unknown>, extra: Partial<WorkflowNode> = {}): WorkflowNode {
	return { id: randomUUID(), name, type, typeVersion, position: [x, 0], parameters, ...extra };
}

/** Webhook → Contacts: the start every benchmark workflow shares. */
function start(ctx: BuildContext): WorkflowNode[] {
	return [
		node(
			TRIGGER,
			'n8n-nodes-base.webhook',
			2,
			0,
			{ httpMethod: 'POST', path: ctx.webhookPath, responseMode: 'onReceived', options: {} },
			{ webhookId: randomUUID() },
		),
		node(CONTACTS, 'n8n-nodes-base.code', 2, 220, {
			jsCode: [
				'const count = Number($json.body.count) || 0;',
				"const prefix = $json.body.warmUp ? 'warm-up' : 'contact';",
				'return Array.from({ length: count }, (_, i) => ({ json: { contactId: `${prefix}-${i}`, name: `Person ${i}` } }));',
			].join('\n'),
		}),
	];
}

function chain(names: string[]): Workflow['connections'] {
	const connections: Workflow['connections'] = {};
	for (let i = 0; i + 1 < names.length; i++) connections[names[i]] = { main: [[{ node: names[i + 1], type: 'main', index: 0 }]] };
	return connections;
}

function workflow(name: string, nodes: WorkflowNode[], connections: Workflow['connections']): Workflow {
	return { name, nodes, connections, settings: { executionOrder: 'v1' } };
}

export const HEYGEN_NODE = 'Create videos';

/** Webhook → Contacts → HeyGen Create Avatar Video, waiting, with `parameters` on top (wait mode, download). */
export function heyGenWorkflow(name: string, ctx: BuildContext, parameters: Record<string, unknown> = {}): Workflow {
	const heyGen = node(
		HEYGEN_NODE,
		'n8n-nodes-heygen-video.heyGen',
		1,
		440,
		{
			resource: 'video',
			operation: 'createAvatarVideo',
			avatar_id: { __rl: true, mode: 'id', value: AVATAR_ID },
			speechSource: 'script',
			script: '={{ "Hi " + $json.name + ", here is your personal demo." }}',
			voice_id: { __rl: true, mode: 'list', value: '' },
			callback_id: '={{ $json.contactId }}',
			waitForCompletion: true,
			...parameters,
			options: { maxConcurrentJobs: 10, ...((parameters.options as object | undefined) ?? {}) },
		},
		{ credentials: { heyGenApi: ctx.credential } },
	);
	const nodes = [...start(ctx), heyGen];
	return workflow(name, nodes, chain(nodes.map((n) => n.name)));
}

export const DIY_DONE = 'Video ready';
export const DIY_WAIT_SECONDS = 20;

/**
 * The loop users build from published templates: HTTP Request create → Wait 20 s → HTTP Request
 * status → IF completed or failed → done, else back to Wait. Stock settings throughout, as the
 * templates ship them: no batching, no retries, no error output.
 */
export function diyWorkflow(name: string, ctx: BuildContext): Workflow {
	const auth = { authentication: 'predefinedCredentialType', nodeCredentialType: 'heyGenApi' };
	const credentials = { heyGenApi: ctx.credential };
	const create = node(
		'Create video',
		'n8n-nodes-base.httpRequest',
		4.2,
		440,
		{
			method: 'POST',
			url: `${ctx.apiUrl}/v3/videos`,
			...auth,
			sendBody: true,
			specifyBody: 'json',
			jsonBody: `={\n  "type": "avatar",\n  "avatar_id": "${AVATAR_ID}",\n  "script": "Hi {{ $json.name }}, here is your personal demo.",\n  "callback_id": "{{ $json.contactId }}"\n}`,
			options: {},
		},
		{ credentials },
	);
	const wait = node('Wait 20 s', 'n8n-nodes-base.wait', 1.1, 660, { amount: DIY_WAIT_SECONDS, unit: 'seconds' }, { webhookId: randomUUID() });
	const status = node(
		'Get video status',
		'n8n-nodes-base.httpRequest',
		4.2,
		880,
		// The first pass carries the create answer (video_id), later passes the status answer (id).
		{ method: 'GET', url: `=${ctx.apiUrl}/v3/videos/{{ $json.data.video_id || $json.data.id }}`, ...auth, options: {} },
		{ credentials },
	);
	const condition = (value: string) => ({
		id: randomUUID(),
		leftValue: '={{ $json.data.status }}',
		rightValue: value,
		operator: { type: 'string', operation: 'equals' },
	});
	const finished = node('Finished?', 'n8n-nodes-base.if', 2.2, 1100, {
		conditions: {
			options: { caseSensitive: true, leftValue: '', typeValidation: 'strict', version: 2 },
			conditions: [condition('completed'), condition('failed')],
			combinator: 'or',
		},
		options: {},
	});
	const done = node(DIY_DONE, 'n8n-nodes-base.noOp', 1, 1320, {});
	const nodes = [...start(ctx), create, wait, status, finished, done];
	const connections = chain(nodes.slice(0, 6).map((n) => n.name));
	connections[finished.name] = {
		main: [[{ node: done.name, type: 'main', index: 0 }], [{ node: wait.name, type: 'main', index: 0 }]],
	};
	return workflow(name, nodes, connections);
}
