import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { HeyGenTrigger } from '../../nodes/HeyGen/HeyGenTrigger.node';
import { signBody } from '../../nodes/HeyGen/trigger/signature';
import { readBinary, runWebhookDelivery, runWebhookMethod } from '../harness/engine';
import { SEED_IDS } from '../../emulator';
import { apiCalls, credentialTypes, credentialsFor, items, locator, runHeyGen, useEmulator } from './heygen';

const emulator = useEmulator();
const trigger = new HeyGenTrigger();
const TRIGGER_TYPE = 'n8n-nodes-heygen-video.heyGenTrigger';

/** One lifecycle call as n8n makes it on publish or unpublish, with the static data n8n kept. */
async function lifecycle(method: 'checkExists' | 'create' | 'delete', staticData: IDataObject = {}, events = ['avatar_video.success', 'avatar_video.fail'], typeVersion = 1) {
	return await runWebhookMethod({
		nodeType: trigger,
		nodeTypeName: TRIGGER_TYPE,
		typeVersion,
		credentialTypes,
		credentials: credentialsFor(emulator),
		parameters: { events },
		staticData,
		method,
	});
}

/** The endpoints HeyGen (the emulator) holds, read through its public API. */
async function endpoints(): Promise<Array<{ endpoint_id: string; url: string; events: string[] | null }>> {
	const response = await fetch(`${emulator.url}/v3/webhooks/endpoints`, { headers: { 'X-Api-Key': emulator.apiKey } });
	return ((await response.json()) as { data: Array<{ endpoint_id: string; url: string; events: string[] | null }> }).data;
}

const nodeState = (staticData: IDataObject) => (staticData['node:Trigger'] ?? {}) as IDataObject;

describe('HeyGen Trigger → webhook lifecycle through n8n-core', () => {
	it('publish registers the node URL and events and keeps the id and secret; unpublish removes it', async () => {
		const missing = await lifecycle('checkExists');
		expect(missing.result).toBe(false);

		const created = await lifecycle('create');
		expect(created.result).toBe(true);
		expect(created.webhookUrl).toMatch(/\/webhook\/[0-9a-f-]+\/webhook$/);
		const [endpoint] = await endpoints();
		expect(endpoint).toMatchObject({ url: created.webhookUrl, events: ['avatar_video.success', 'avatar_video.fail'] });
		expect(nodeState(created.staticData)).toMatchObject({ endpointId: endpoint.endpoint_id, secret: expect.stringMatching(/.{16,}/) });
		expect(apiCalls(emulator, 'POST', '/v3/webhooks/endpoints')[0].headers['x-api-key']).toBe(emulator.apiKey);

		expect((await lifecycle('checkExists', created.staticData)).result).toBe(true);

		const deleted = await lifecycle('delete', created.staticData);
		expect(deleted.result).toBe(true);
		expect(await endpoints()).toEqual([]);
		expect(nodeState(deleted.staticData)).toEqual({});
	});

	it('an endpoint removed in HeyGen meanwhile: check clears the stale state, and delete takes the 404 as removed', async () => {
		const created = await lifecycle('create');
		const endpointId = String(nodeState(created.staticData).endpointId);
		const removed = await fetch(`${emulator.url}/v3/webhooks/endpoints/${endpointId}`, { method: 'DELETE', headers: { 'X-Api-Key': emulator.apiKey } });
		expect(removed.status).toBe(200);

		const checked = await lifecycle('checkExists', created.staticData);
		expect(checked.result).toBe(false);
		expect(nodeState(checked.staticData).secret).toBeUndefined();

		const deleted = await lifecycle('delete', created.staticData);
		expect(deleted.result).toBe(true);
		// HeyGen answered the stored id with 404: nothing left to remove, so unpublishing succeeds.
		expect(apiCalls(emulator, 'DELETE', `/v3/webhooks/endpoints/${endpointId}`).map((call) => call.status)).toEqual([200, 404]);
		expect(nodeState(deleted.staticData)).toEqual({});
	});

	it('a delete HeyGen refuses is reported, not taken as done, and the endpoint stays', async () => {
		const created = await lifecycle('create');
		emulator.addFault({ match: { endpoint: 'deleteWebhookEndpoint' }, action: { type: 'status', status: 403 } });
		await expect(lifecycle('delete', created.staticData)).rejects.toThrow('The HeyGen API key is not allowed to do this');
		expect(await endpoints()).toHaveLength(1);
	});
});

/** The trigger published for these events, and a receiver for what the emulator really sent. */
async function published(events: string[], options: INodeParameters = {}, typeVersion = 1) {
	const { staticData } = await lifecycle('create', {}, events, typeVersion);
	let state = staticData;
	const deliver = async (delivery: { headers: Record<string, string>; body: string }) => {
		const outcome = await runWebhookDelivery({
			nodeType: trigger,
			nodeTypeName: TRIGGER_TYPE,
			typeVersion,
			credentialTypes,
			credentials: credentialsFor(emulator),
			parameters: { events, options },
			staticData: state,
			request: { headers: delivery.headers, rawBody: delivery.body },
		});
		state = outcome.staticData;
		return outcome;
	};
	/** A delivery HeyGen would sign with this endpoint's secret, for events the emulator does not make. */
	const signed = (body: string) => ({
		body,
		headers: { 'heygen-signature': signBody(String(nodeState(staticData).secret), body), 'heygen-timestamp': String(Math.floor(Date.now() / 1000)) },
	});
	return { deliver, signed };
}

const firstDelivery = async (eventType: string) =>
	(await emulator.waitForDeliveries(1, { where: (attempt) => attempt.event_type === eventType && attempt.target === 'endpoint' }))[0];

describe('HeyGen Trigger → deliveries through n8n-core', () => {
	it('a finished translation: the signed event, re-read fresh and downloaded; its retry runs nothing', async () => {
		const { deliver } = await published(['video_translate.success'], { fetchResource: true, downloadVideo: true });
		const translated = await runHeyGen(
			emulator,
			{ resource: 'translation', operation: 'create', videoSource: 'url', video_url: 'https://media.example.com/a.mp4', output_languages: ['French'], mode: 'speed', callback_id: '={{ $json.row }}', waitForCompletion: true },
			{ items: items({ row: 'row-7' }) },
		);
		const translationId = String(translated.output[0].json.video_translation_id);
		const attempt = await firstDelivery('video_translate.success');
		expect(attempt.signed).toBe(true);

		const run = await deliver(attempt);
		expect(run.response).toEqual({ status: 200, body: { received: true } });
		const [item] = run.items ?? [];
		expect(item.json).toMatchObject({
			event_type: 'video_translate.success',
			event_id: attempt.event_id,
			video_translate_id: translationId,
			video_translation_id: translationId,
			callback_id: 'row-7',
			output_language: 'French',
			status: 'completed',
			video_url: expect.stringContaining(emulator.storageUrl),
		});
		expect(apiCalls(emulator, 'GET', `/v3/video-translations/${translationId}`).length).toBeGreaterThan(0);
		expect(item.binary?.data).toMatchObject({ mimeType: 'video/mp4', fileName: 'row-7.French.mp4' });
		expect((await readBinary(item.binary!.data)).length).toBe(emulator.config.videoSizeBytes);

		const retried = await deliver(attempt);
		expect(retried.response).toEqual({ status: 200, body: { received: true, duplicate: true } });
		expect(retried.items).toBeUndefined();
	});

	it('a finished video agent session: the event carries the session and callback ids, and the fresh video', async () => {
		const { deliver } = await published(['video_agent.success'], { fetchResource: true });
		await runHeyGen(emulator, { resource: 'videoAgent', operation: 'create', prompt: 'A short welcome', mode: 'generate', callback_id: 'lead-3', waitForCompletion: true });
		const attempt = await firstDelivery('video_agent.success');

		const run = await deliver(attempt);
		const [item] = run.items ?? [];
		expect(item.json).toMatchObject({
			event_type: 'video_agent.success',
			session_id: expect.any(String),
			video_id: expect.any(String),
			callback_id: 'lead-3',
			status: 'completed',
			video_page_url: expect.any(String),
		});
		expect(apiCalls(emulator, 'GET', `/v3/videos/${String(item.json.video_id)}`).length).toBeGreaterThan(0);
	});

	it('a finished proofread: the event carries its id and language, and Fetch Fresh Resource reads the proofread', async () => {
		const { deliver } = await published(['proofread_creation.success'], { fetchResource: true });
		const made = await runHeyGen(emulator, { resource: 'translation', operation: 'createProofread', videoSource: 'url', video_url: 'https://media.example.com/a.mp4', output_languages: ['German'], title: 'Demo', waitForCompletion: true });
		const proofreadId = String(made.output[0].json.proofread_id);
		const attempt = await firstDelivery('proofread_creation.success');
		const reads = () => apiCalls(emulator, 'GET', `/v3/video-translations/proofreads/${proofreadId}`).length;
		const readsBefore = reads();
		const run = await deliver(attempt);
		const [item] = run.items ?? [];
		expect(item.json).toMatchObject({
			event_type: 'proofread_creation.success',
			event_id: attempt.event_id,
			proofread_id: proofreadId,
			output_language: 'German',
			title: 'Demo',
			status: 'completed',
		});
		expect(reads()).toBe(readsBefore + 1);
	});

	it('a delivery signed with another secret, or re-dated, gets 401 and starts nothing', async () => {
		const { deliver } = await published(['avatar_video.success']);
		await runHeyGen(emulator, {
			resource: 'template',
			operation: 'generate',
			template_id: { __rl: true, mode: 'id', value: 'tpl_product_demo' },
			variables: { mappingMode: 'defineBelow', value: { product_name: 'Acme' }, matchingColumns: [], schema: [], attemptToConvertTypes: false, convertFieldsToString: false },
			waitForCompletion: true,
		});
		const attempt = await firstDelivery('avatar_video.success');
		const forged = await deliver({ ...attempt, headers: { ...attempt.headers, 'heygen-signature': 'f'.repeat(64) } });
		expect(forged.response).toEqual({ status: 401, body: { error: 'Signature does not match' } });
		expect(forged.items).toBeUndefined();
		const stale = await deliver({ ...attempt, headers: { ...attempt.headers, 'heygen-timestamp': String(Math.floor(Date.now() / 1000) - 600) } });
		expect(stale.response).toEqual({ status: 401, body: { error: 'Heygen-Timestamp is more than five minutes old' } });
		const genuine = await deliver(attempt);
		expect(genuine.items?.[0].json).toMatchObject({ event_type: 'avatar_video.success', video_id: expect.any(String) });
	});
});

describe('HeyGen Trigger versions through n8n-core', () => {
	const avatarVideo = { resource: 'video', operation: 'createAvatarVideo', avatar_id: locator(SEED_IDS.studioLook), speechSource: 'script', script: 'Hi', voice_id: locator(SEED_IDS.englishFemaleVoice), waitForCompletion: true };
	const optionValues = (version: number) => {
		const parameter = trigger.description.properties.find(
			(property) => property.name === 'events' && JSON.stringify(property.displayOptions?.show?.['@version']).includes(version === 1 ? '[1]' : '"gte":2'),
		);
		return (parameter?.options as Array<{ value: string }>).map((option) => option.value).filter((value) => value !== '*');
	};

	it('version 2 registers every event of its list as HeyGen event types', async () => {
		const events = optionValues(2);
		expect(events).toHaveLength(12);
		const created = await lifecycle('create', {}, events, 2);
		expect(created.result).toBe(true);
		const [endpoint] = await endpoints();
		expect([...(endpoint.events ?? [])].sort()).toEqual([...events].sort());
		expect((await lifecycle('checkExists', created.staticData, events, 2)).result).toBe(true);
		await lifecycle('delete', created.staticData, events, 2);
	});

	it('a value HeyGen has no event for is refused before anything is registered', async () => {
		await expect(lifecycle('create', {}, ['avatar_video.success', 'video.finished'], 2)).rejects.toThrow('"Events" holds "video.finished", which HeyGen has no event for');
		expect(apiCalls(emulator, 'POST', '/v3/webhooks/endpoints')).toHaveLength(0);
	});

	it('a version-1 trigger saved with events only its list offers registers them and runs; its dates stay Unix seconds', async () => {
		const events = ['avatar_video.success', 'instant_avatar.success', 'avatar_video_gif.success'];
		expect(optionValues(1)).toEqual(expect.arrayContaining(events));
		const { deliver, signed } = await published(events, { fetchResource: true });
		const [endpoint] = await endpoints();
		expect(endpoint.events).toEqual(events);

		await runHeyGen(emulator, { ...avatarVideo, callback_id: 'crm-1', waitForCompletion: true });
		const run = await deliver(await firstDelivery('avatar_video.success'));
		const [item] = run.items ?? [];
		expect(item.json).toMatchObject({ event_type: 'avatar_video.success', callback_id: 'crm-1', status: 'completed', created_at: expect.any(Number), completed_at: expect.any(Number) });
		expect(item.json.url).toEqual(expect.any(String));
		expect(item.json.video_page_url).toEqual(expect.stringContaining(String(item.json.video_id)));

		const avatar = await deliver(signed(JSON.stringify({ event_type: 'instant_avatar.success', event_data: { avatar_id: 'av_1' } })));
		expect(avatar.response).toEqual({ status: 200, body: { received: true } });
		expect(avatar.items?.[0].json).toEqual({ event_type: 'instant_avatar.success', event_id: null, avatar_id: 'av_1' });
	});

	it('version 2: a finished video carries the node’s field names and ISO 8601 dates', async () => {
		const { deliver } = await published(['avatar_video.success'], { fetchResource: true }, 2);
		await runHeyGen(emulator, { ...avatarVideo, callback_id: 'crm-2', waitForCompletion: true });
		const attempt = await firstDelivery('avatar_video.success');
		const sent = JSON.parse(attempt.body) as { event_data: Record<string, unknown> };
		const [item] = (await deliver(attempt)).items ?? [];
		expect(item.json).toMatchObject({
			event_type: 'avatar_video.success',
			video_id: sent.event_data.video_id,
			url: sent.event_data.url,
			video_share_page_url: sent.event_data.video_share_page_url,
			video_page_url: sent.event_data.video_share_page_url,
			callback_id: 'crm-2',
			status: 'completed',
			created_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.000Z$/),
			completed_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
		});
		expect(Date.parse(String(item.json.completed_at))).toBeGreaterThanOrEqual(Date.parse(String(item.json.created_at)));
	});
});
