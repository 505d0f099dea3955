import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { startManualRun } from '../harness/workflows';
import { createWorkflow, emulator, emulatorRequests, env, executionOutput, publicApi, publish, rest, startReceiver, unpublish, waitFor, webhookEndpoints } from './n8n';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const exampleIds = require('../../scripts/lib/exampleIds.cjs');

let account: unknown;
beforeAll(async () => {
	account = await exampleIds.readAccount({ apiKey: env.emulatorApiKey, baseUrl: env.emulatorUrl });
});

/** An example as `npm start` imports it: its empty pickers filled from the account. */
function example(file: string): Record<string, any> {
	const workflow = JSON.parse(readFileSync(join(__dirname, '..', '..', 'examples', file), 'utf8')) as Record<string, any>;
	exampleIds.fillWorkflow(workflow, account);
	return workflow;
}

/** A copy of an example for the suite: its own name, fresh webhook ids, and optional pinned data. */
function variant(file: string, changes: { pinData?: Record<string, unknown[]>; patch?: (workflow: Record<string, any>) => void } = {}) {
	const workflow = example(file);
	workflow.name = `e2e: ${workflow.name} (${randomUUID().slice(0, 8)})`;
	for (const node of workflow.nodes) if (node.webhookId) node.webhookId = randomUUID();
	workflow.pinData = Object.fromEntries(Object.entries(changes.pinData ?? {}).map(([node, items]) => [node, items.map((json) => ({ json }))]));
	changes.patch?.(workflow);
	return workflow;
}

async function videoCreates() {
	return (await emulatorRequests()).filter((r) => r.method === 'POST' && (r.path === '/v3/videos' || r.path.startsWith('/v3/templates/')) && r.status === 200);
}

async function createVideo(callbackId: string): Promise<string> {
	const response = await fetch(`${env.emulatorUrl}/v3/videos`, {
		method: 'POST',
		headers: { 'x-api-key': env.emulatorApiKey, 'content-type': 'application/json' },
		body: JSON.stringify({ type: 'avatar', avatar_id: 'lk_abigail_office', script: 'Your personal video is ready', callback_id: callbackId }),
	});
	return ((await response.json()) as { data: { video_id: string } }).data.video_id;
}

/** Runs a saved workflow the way the editor's "Execute workflow" does. */
async function runManually(workflowId: string, trigger: string) {
	return await startManualRun(await rest(), workflowId, trigger);
}

async function finishedExecution(workflowId: string, after = 0) {
	return await waitFor(
		`an execution of ${workflowId}`,
		async () => {
			const { data } = await publicApi(`/executions?workflowId=${workflowId}&includeData=true&limit=20`);
			return (data as Array<{ status: string; stoppedAt?: string; startedAt: string; data: any }>).find(
				(run) => run.stoppedAt && Date.parse(run.startedAt) >= after && run.status !== 'running',
			);
		},
		90_000,
	);
}

const CONTACT = { vid: 1501, properties: { firstname: { value: 'Ada' }, company: { value: 'Analytical Engines' }, email: { value: 'ada@example.com' } } };

beforeEach(async () => {
	await emulator('/reset', { method: 'POST' });
});

describe('the HubSpot chain', () => {
	it('a new contact (pinned HubSpot side) starts a personalised template video whose callback_id is the contact id', async () => {
		const id = await createWorkflow(
			variant('hubspot-new-contact-to-video.json', {
				pinData: {
					'New HubSpot contact': [{ contactId: 1501, subscriptionType: 'contact.creation', portalId: 4242, eventId: 77 }],
					'Get contact': [CONTACT],
				},
			}),
		);
		const startedAt = Date.now();
		await runManually(id, 'New HubSpot contact');
		const execution = await finishedExecution(id, startedAt - 1000);
		expect(execution.status).toBe('success');
		const [video] = executionOutput(execution, 'Start personalised video');
		expect(video.json).toMatchObject({ video_id: expect.any(String), callback_id: '1501' });
		const [generate] = await videoCreates();
		expect(generate.path).toBe('/v3/templates/tpl_sales_outreach');
		expect(generate.body).toMatchObject({
			callback_id: '1501',
			title: 'Welcome Ada',
			variables: { first_name: { properties: { content: 'Ada' } }, company: { properties: { content: 'Analytical Engines' } } },
		});
	});

	it('the finished video reaches the HubSpot update with the contact, page URL and status (listening as the editor does)', async () => {
		const id = await createWorkflow(
			variant('hubspot-video-ready-to-contact.json', {
				pinData: { 'Get contact': [CONTACT], 'Save video on contact': [{ vid: 1501, updated: true }] },
			}),
		);
		const startedAt = Date.now();
		const run = await runManually(id, 'HeyGen video ready');
		expect(run.waitingForWebhook).toBe(true);
		const testEndpoint = await waitFor('the test webhook endpoint', async () =>
			(await webhookEndpoints()).find((endpoint) => endpoint.url.includes('/webhook-test/')),
		);
		expect(testEndpoint.url).toContain(`${env.n8nUrl}/webhook-test/`);

		const videoId = await createVideo('1501');
		const execution = await finishedExecution(id, startedAt - 1000);
		expect(execution.status).toBe('success');
		const [fields] = executionOutput(execution, 'Video fields for HubSpot');
		expect(fields.json).toEqual({
			email: 'ada@example.com',
			heygen_video_page_url: `https://app.heygen.com/videos/${videoId}`,
			heygen_video_status: 'completed',
			heygen_video_id: videoId,
		});
		// The editor's listening ends with the run: its endpoint is removed again.
		await waitFor('the test endpoint to go', async () => !(await webhookEndpoints()).some((endpoint) => endpoint.url.includes('/webhook-test/')));
	});
});

describe('the Clay chain', () => {
	it('a row posted by Clay gets {video_id, status} at once, and the finished video is posted back to its row', async () => {
		const receiver = await startReceiver();
		const start = 'hgExClayRowVid01';
		const finish = await createWorkflow(
			variant('clay-video-ready-to-row.json', {
				patch: (workflow) => {
					workflow.nodes.find((node: { name: string }) => node.name === 'Update Clay row').parameters.url = receiver.url;
				},
			}),
		);
		try {
			await publish(start);
			await publish(finish);
			const answer = await fetch(`${env.n8nUrl}/webhook/clay-heygen-video`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ row_key: 'row-17', first_name: 'Grace', company: 'Compilers Inc' }),
			});
			expect(answer.status).toBe(200);
			const body = (await answer.json()) as { row_key: string; video_id: string; status: string };
			expect(body).toEqual({ row_key: 'row-17', video_id: expect.any(String), status: 'waiting' });

			const posted = await waitFor('Clay to receive the video', async () => receiver.received.find((entry) => (entry as { row_key?: string }).row_key === 'row-17'), 90_000);
			expect(posted).toEqual({
				row_key: 'row-17',
				video_id: body.video_id,
				video_page_url: `https://app.heygen.com/videos/${body.video_id}`,
				video_url: expect.stringContaining('/videos/'),
			});
			const [create] = await videoCreates();
			expect(create.body).toMatchObject({ callback_id: 'row-17', script: expect.stringContaining('Hi Grace') });
		} finally {
			await unpublish(start).catch(() => undefined);
			await unpublish(finish).catch(() => undefined);
			receiver.server.close();
		}
	});
});
