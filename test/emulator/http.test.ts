import { SEED_IDS, startEmulator } from '../../emulator';
import { Router } from '../../emulator/http/router';
import { assertEveryEndpointHandled } from '../../emulator/routes';
import { ENDPOINTS, type EndpointKey } from '../../nodes/HeyGen/schemas/endpoints';
import {
	avatarVideo,
	call,
	expectError,
	expectValidResponse,
	SAMPLE_FILES,
	upload,
	uploadSample,
	useEmulator,
	waitForSession,
	waitForVideo,
} from './helpers';

const emulator = useEmulator();

describe('authentication', () => {
	it('answers 401 unauthorized without a key', async () => {
		const response = await call(emulator(), 'GET', '/v3/users/me', { apiKey: null });
		expectError(response, 401, 'unauthorized', null);
		expect(response.body.error.message).toBe('Invalid or expired API key. Verify your x-api-key header.');
	});

	it('answers 401 with a wrong key, in X-Api-Key or as a bearer token', async () => {
		expectError(await call(emulator(), 'GET', '/v3/users/me', { apiKey: 'hg_wrong' }), 401, 'unauthorized');
		const bearer = await call(emulator(), 'GET', '/v3/users/me', {
			apiKey: null,
			headers: { Authorization: 'Bearer hg_wrong' },
		});
		expectError(bearer, 401, 'unauthorized');
	});

	it('accepts the key in any header case and as a bearer token', async () => {
		const lower = await call(emulator(), 'GET', '/v3/users/me', {
			apiKey: null,
			headers: { 'x-api-key': emulator().apiKey },
		});
		expect(lower.status).toBe(200);
		const bearer = await call(emulator(), 'GET', '/v3/users/me', {
			apiKey: null,
			headers: { Authorization: `Bearer ${emulator().apiKey}` },
		});
		expect(bearer.status).toBe(200);
	});

	it('honours a custom key', async () => {
		const custom = await startEmulator({ apiKey: 'hg_custom' });
		try {
			expect((await call(custom, 'GET', '/v3/users/me')).status).toBe(200);
			expectError(await call(custom, 'GET', '/v3/users/me', { apiKey: 'hg_emulator_test_key' }), 401, 'unauthorized');
		} finally {
			await custom.close();
		}
	});
});

describe('envelopes and headers', () => {
	it('sends a unique X-Request-Id and JSON content type on every answer', async () => {
		const answers = await Promise.all([
			call(emulator(), 'GET', '/v3/users/me'),
			call(emulator(), 'GET', '/v3/users/me', { apiKey: null }),
			call(emulator(), 'GET', '/v3/nothing-here'),
			call(emulator(), 'GET', '/v3/videos/unknown'),
		]);
		const ids = answers.map((answer) => answer.headers.get('x-request-id'));
		for (const answer of answers) expect(answer.headers.get('content-type')).toBe('application/json');
		expect(ids.every((id) => typeof id === 'string' && id.length > 0)).toBe(true);
		expect(new Set(ids).size).toBe(ids.length);
	});

	it('describes the wallet account', async () => {
		const response = await call(emulator(), 'GET', '/v3/users/me');
		expectValidResponse('getCurrentUser', response.body);
		expect(response.body.data).toMatchObject({
			username: expect.any(String),
			email: expect.any(String),
			billing_type: 'wallet',
			wallet: { currency: 'credits', remaining_balance: 1000 },
		});
	});

	it('answers 501 not_implemented for routes outside ENDPOINTS', async () => {
		for (const [method, path] of [
			['GET', '/v3/brand-kits'],
			['PATCH', '/v3/videos/abc'],
			['POST', '/v1/video.list'],
		]) {
			expectError(await call(emulator(), method, path), 501, 'not_implemented');
		}
	});

	it('rejects malformed JSON with a clear invalid_parameter', async () => {
		const response = await call(emulator(), 'POST', '/v3/videos', {
			rawBody: '{"type": "avatar",',
			headers: { 'Content-Type': 'application/json' },
		});
		expectError(response, 400, 'invalid_parameter', null);
		expect(response.body.error.message).toMatch(/^The request body is not valid JSON/);
	});

	it('rejects a missing or non-object body', async () => {
		expectError(await call(emulator(), 'POST', '/v3/videos'), 400, 'invalid_parameter', null);
		expectError(await call(emulator(), 'POST', '/v3/videos', { body: [1, 2] }), 400, 'invalid_parameter', null);
	});
});

describe('routing', () => {
	it('has a handler for every ENDPOINTS key', () => {
		expect(() => assertEveryEndpointHandled()).not.toThrow();
		expect(() => assertEveryEndpointHandled({})).toThrow(/no handler for: getCurrentUser/);
	});

	it('prefers static segments over {param} segments', () => {
		const router = new Router();
		expect(router.match('GET', '/v3/avatars/looks')).toEqual({ key: 'listAvatarLooks', params: {} });
		expect(router.match('GET', '/v3/avatars/ag_x')).toEqual({ key: 'getAvatarGroup', params: { group_id: 'ag_x' } });
		expect(router.match('GET', '/v3/avatars/looks/lk_1')).toEqual({
			key: 'getAvatarLook',
			params: { look_id: 'lk_1' },
		});
		expect(router.match('GET', '/v3/videos/a%20b')).toEqual({ key: 'getVideo', params: { video_id: 'a b' } });
		expect(router.match('PUT', '/v3/videos')).toBeUndefined();
		expect(router.match('GET', '/v3/video-agents/styles')?.key).toBe('listAgentStyles');
		expect(router.match('GET', '/v3/video-agents/s1')).toEqual({
			key: 'getAgentSession',
			params: { session_id: 's1' },
		});
		expect(router.match('POST', '/v3/video-agents/s1')?.key).toBe('sendAgentMessage');
		expect(router.match('GET', '/v3/video-translations/languages')?.key).toBe('listTranslationLanguages');
		expect(router.match('POST', '/v3/voices/speech')?.key).toBe('createSpeech');
		expect(router.match('GET', '/v3/voices/speech')).toEqual({ key: 'getVoice', params: { voice_id: 'speech' } });
		expect(router.match('GET', '/v3/videos/statuses')?.key).toBe('getVideoStatuses');
		expect(router.match('POST', '/v3/videos/batches')?.key).toBe('createVideoBatch');
		expect(router.match('GET', '/v3/videos/batches/b1')).toEqual({ key: 'getVideoBatch', params: { batch_id: 'b1' } });
		expect(router.match('GET', '/v3/video-translations/statuses')?.key).toBe('getTranslationStatuses');
		expect(router.match('POST', '/v3/video-translations/batches')?.key).toBe('createTranslationBatch');
		expect(router.match('POST', '/v3/video-translations/proofreads')?.key).toBe('createProofread');
		expect(router.match('PUT', '/v3/video-translations/proofreads/p1/srt')).toEqual({ key: 'uploadProofreadSrt', params: { proofread_id: 'p1' } });
		expect(router.match('GET', '/v3/video-translations/batches/b2')).toEqual({
			key: 'getTranslationBatch',
			params: { batch_id: 'b2' },
		});
	});
});

describe('every success response matches its ENDPOINTS schema', () => {
	it('covers all endpoints', async () => {
		const created = await call(emulator(), 'POST', '/v3/videos', {
			body: avatarVideo({ caption: { file_format: 'srt' } }),
		});
		const videoId: string = created.body.data.video_id;
		await waitForVideo(emulator(), videoId);
		const deletable = await call(emulator(), 'POST', '/v3/videos', { body: avatarVideo() });
		const uploaded = await upload(emulator(), SAMPLE_FILES.mp4, { filename: 'clip.mp4' });
		const assetId: string = uploaded.body.data.asset_id;
		const deletableAsset = await uploadSample(emulator(), 'png');
		const translation = await call(emulator(), 'POST', '/v3/video-translations', {
			body: { video: { type: 'asset_id', asset_id: assetId }, output_languages: ['French'] },
		});
		const lipsync = await call(emulator(), 'POST', '/v3/lipsyncs', {
			body: { video: { type: 'asset_id', asset_id: assetId }, audio: { type: 'url', url: 'https://example.com/voice.mp3' } },
		});
		const lipsyncId: string = lipsync.body.data.lipsync_id;
		const session = await call(emulator(), 'POST', '/v3/video-agents', { body: { prompt: 'Hello', mode: 'chat' } });
		const sessionId: string = session.body.data.session_id;
		await waitForSession(emulator(), sessionId);
		const videoBatch = await call(emulator(), 'POST', '/v3/videos/batches', { body: { videos: [avatarVideo()] } });
		const translationBatch = await call(emulator(), 'POST', '/v3/video-translations/batches', {
			body: { video_translations: [{ video: { type: 'asset_id', asset_id: assetId }, output_languages: ['German'] }] },
		});
		expect([videoBatch.status, translationBatch.status]).toEqual([202, 202]);
		const hyperframes = await call(emulator(), 'POST', '/v3/hyperframes/renders', { body: { project: { type: 'url', url: 'https://cdn.example.com/p.zip' } } });
		const renderId: string = hyperframes.body.data.render_id;

		const calls: Array<[EndpointKey, string, string, unknown?]> = [
			['getCurrentUser', 'GET', '/v3/users/me'],
			['listVideos', 'GET', '/v3/videos'],
			['getVideo', 'GET', `/v3/videos/${videoId}`],
			['deleteVideo', 'DELETE', `/v3/videos/${deletable.body.data.video_id}`],
			['listAvatarGroups', 'GET', '/v3/avatars'],
			['getAvatarGroup', 'GET', `/v3/avatars/${SEED_IDS.studioGroup}`],
			['listAvatarLooks', 'GET', '/v3/avatars/looks'],
			['getAvatarLook', 'GET', `/v3/avatars/looks/${SEED_IDS.studioLook}`],
			['listVoices', 'GET', '/v3/voices'],
			['getVoice', 'GET', `/v3/voices/${SEED_IDS.englishFemaleVoice}`],
			['createSpeech', 'POST', '/v3/voices/speech', { text: 'Hello there', voice_id: SEED_IDS.starfishVoice }],
			['listTemplates', 'GET', '/v3/templates'],
			['getTemplate', 'GET', `/v3/templates/${SEED_IDS.salesTemplate}`],
			['generateTemplateVideo', 'POST', `/v3/templates/${SEED_IDS.salesTemplate}`, { variables: {} }],
			['listTranslationLanguages', 'GET', '/v3/video-translations/languages'],
			['listTranslations', 'GET', '/v3/video-translations'],
			['getTranslation', 'GET', `/v3/video-translations/${translation.body.data.video_translation_ids[0]}`],
			['listLipsyncs', 'GET', '/v3/lipsyncs'],
			['getLipsync', 'GET', `/v3/lipsyncs/${lipsyncId}`],
			['getLipsyncStatuses', 'GET', `/v3/lipsyncs/statuses?lipsync_ids=${lipsyncId}`],
			['listAgentStyles', 'GET', '/v3/video-agents/styles'],
			['getAgentSession', 'GET', `/v3/video-agents/${sessionId}`],
			['sendAgentMessage', 'POST', `/v3/video-agents/${sessionId}`, { message: 'For developers.' }],
			['getAsset', 'GET', `/v3/assets/${assetId}`],
			['deleteAsset', 'DELETE', `/v3/assets/${deletableAsset}`],
			['getVideoBatch', 'GET', `/v3/videos/batches/${videoBatch.body.data.batch_id}`],
			['getVideoStatuses', 'GET', `/v3/videos/statuses?video_ids=${videoId}&batch_ids=${videoBatch.body.data.batch_id}`],
			['getTranslationBatch', 'GET', `/v3/video-translations/batches/${translationBatch.body.data.batch_id}`],
			['listHyperframesRenders', 'GET', '/v3/hyperframes/renders'],
			['getHyperframesRender', 'GET', `/v3/hyperframes/renders/${renderId}`],
			['deleteHyperframesRender', 'DELETE', `/v3/hyperframes/renders/${renderId}`],
			[
				'getTranslationStatuses',
				'GET',
				`/v3/video-translations/statuses?batch_ids=${translationBatch.body.data.batch_id}`,
			],
		];
		const endpoint = await call(emulator(), 'POST', '/v3/webhooks/endpoints', {
			body: { url: 'http://127.0.0.1:9/hook', events: ['avatar_video.success'] },
		});
		const endpointId: string = endpoint.body.data.endpoint_id;
		calls.push(
			['listWebhookEndpoints', 'GET', '/v3/webhooks/endpoints'],
			['updateWebhookEndpoint', 'PATCH', `/v3/webhooks/endpoints/${endpointId}`, { events: ['avatar_video.fail'] }],
			['rotateWebhookSecret', 'POST', `/v3/webhooks/endpoints/${endpointId}/rotate-secret`],
			['listWebhookEventTypes', 'GET', '/v3/webhooks/event-types'],
			['listWebhookEvents', 'GET', '/v3/webhooks/events'],
			['deleteWebhookEndpoint', 'DELETE', `/v3/webhooks/endpoints/${endpointId}`],
		);
		// A proofread read, edited and generated from once its subtitles are made; a second one is created in the loop.
		const proofreadBody = { video: { type: 'asset_id', asset_id: assetId }, output_languages: ['French'], title: 'Coverage' };
		const proofread = await call(emulator(), 'POST', '/v3/video-translations/proofreads', { body: proofreadBody });
		const proofreadPath = `/v3/video-translations/proofreads/${proofread.body.data.proofread_ids[0]}`;
		const editedSrt = await uploadSample(emulator(), 'srt');
		for (let tries = 0; tries < 100 && (await call(emulator(), 'GET', proofreadPath)).body.data.status === 'processing'; tries++) {
			await new Promise((resolve) => setTimeout(resolve, 20));
		}
		calls.push(
			['createProofread', 'POST', '/v3/video-translations/proofreads', proofreadBody],
			['getProofread', 'GET', proofreadPath],
			['getProofreadSrt', 'GET', `${proofreadPath}/srt`],
			['uploadProofreadSrt', 'PUT', `${proofreadPath}/srt`, { srt: { type: 'asset_id', asset_id: editedSrt } }],
			['generateFromProofread', 'POST', `${proofreadPath}/generate`, { captions: true }],
		);
		expectValidResponse('createWebhookEndpoint', endpoint.body);
		expectValidResponse('createVideo', created.body);
		expectValidResponse('uploadAsset', uploaded.body);
		expectValidResponse('createTranslation', translation.body);
		expectValidResponse('createAgentSession', session.body);
		expectValidResponse('createLipsync', lipsync.body);
		expectValidResponse('createVideoBatch', videoBatch.body);
		expectValidResponse('createTranslationBatch', translationBatch.body);
		expectValidResponse('createHyperframesRender', hyperframes.body);
		const covered = new Set<EndpointKey>([
			'createVideoBatch',
			'createTranslationBatch',
			'createVideo',
			'uploadAsset',
			'createTranslation',
			'createAgentSession',
			'createLipsync',
			'createWebhookEndpoint',
			'createHyperframesRender',
		]);
		for (const [key, method, path, body] of calls) {
			const response = await call(emulator(), method, path, { body });
			expect({ key, status: response.status }).toEqual({ key, status: 200 });
			expectValidResponse(key, response.body);
			covered.add(key);
		}
		expect([...covered].sort()).toEqual(Object.keys(ENDPOINTS).sort());
	});
});

describe('request recording', () => {
	it('records method, path, query, lower-cased headers, body, endpoint and status in order', async () => {
		await call(emulator(), 'GET', '/v3/voices?limit=5&language=English');
		await call(emulator(), 'POST', '/v3/videos', { body: avatarVideo({ title: 'recorded' }) });
		await call(emulator(), 'GET', '/v3/unknown');
		const [voices, create, unknown] = emulator().requests;
		expect(voices).toMatchObject({
			id: 1,
			server: 'api',
			method: 'GET',
			path: '/v3/voices',
			query: { limit: '5', language: 'English' },
			endpoint: 'listVoices',
			status: 200,
		});
		expect(voices.headers['x-api-key']).toBe(emulator().apiKey);
		expect(create).toMatchObject({ id: 2, endpoint: 'createVideo', status: 200, body: { title: 'recorded' } });
		expect(create.finishedAt).toBeGreaterThanOrEqual(create.receivedAt);
		expect(unknown).toMatchObject({ id: 3, status: 501 });
		expect(unknown.endpoint).toBeUndefined();
	});
});
