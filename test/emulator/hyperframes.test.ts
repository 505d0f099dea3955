import { makeZip, sampleProject } from '../harness/zip';
import { avatarVideo, call, expectError, expectValidResponse, sleep, upload, uploadSample, useEmulator, type Json, expectLifecycle } from './helpers';
import { useReceiver } from './receiver';
import { FAST_WEBHOOKS, QUIET_MS, subscribe, verify } from './webhookHelpers';

const VIDEO_SIZE = 4096;
// Slow enough that every status is seen by a poll even on a busy machine.
const emulator = useEmulator({ videoSizeBytes: VIDEO_SIZE, concurrencyLimit: 3, webhooks: FAST_WEBHOOKS, timings: { pendingMs: 120, processingMs: 200 } });
const receiver = useReceiver();

const OUTSIDE = { type: 'url', url: 'https://cdn.example.com/launch.zip' };

function render(body: Record<string, unknown>, idempotencyKey?: string) {
	return call(emulator(), 'POST', '/v3/hyperframes/renders', { body, idempotencyKey });
}

async function renderId(body: Record<string, unknown>): Promise<string> {
	const response = await render(body);
	if (response.status !== 200) throw new Error(`render failed: ${JSON.stringify(response.body)}`);
	return response.body.data.render_id;
}

async function uploadZip(bytes: Buffer): Promise<string> {
	const response = await upload(emulator(), bytes, { filename: 'project.zip', contentType: 'application/zip' });
	if (response.status !== 200) throw new Error(`upload failed: ${JSON.stringify(response.body)}`);
	return response.body.data.asset_id;
}

/** Polls a render until it is completed or failed, collecting every status seen. */
async function waitForRender(id: string, timeoutMs = 5000): Promise<{ detail: Json; seen: string[] }> {
	const seen: string[] = [];
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		const response = await call(emulator(), 'GET', `/v3/hyperframes/renders/${id}`);
		expectValidResponse('getHyperframesRender', response.body);
		const { status } = response.body.data;
		if (seen[seen.length - 1] !== status) seen.push(status);
		if (status === 'completed' || status === 'failed') return { detail: response.body.data, seen };
		await sleep(15);
	}
	throw new Error(`render ${id} did not finish within ${timeoutMs} ms (saw ${seen.join(' → ')})`);
}

describe('POST /v3/hyperframes/renders', () => {
	it('renders an uploaded project: queued → rendering → completed, with HeyGen’s fields', async () => {
		const assetId = await uploadZip(sampleProject());
		const created = await render({
			project: { type: 'asset_id', asset_id: assetId },
			fps: 60,
			quality: 'high',
			format: 'mp4',
			aspect_ratio: '9:16',
			variables: { headline: 'Q3 results', count: 3 },
			title: 'Launch teaser',
			callback_id: 'row-1',
		});
		expect(created.status).toBe(200);
		expectValidResponse('createHyperframesRender', created.body);
		expect(created.body.data).toEqual({ render_id: expect.stringMatching(/^[0-9a-f]{32}$/) });

		const first = (await call(emulator(), 'GET', `/v3/hyperframes/renders/${created.body.data.render_id}`)).body.data;
		expect(first).toMatchObject({ status: 'queued', video_url: null, thumbnail_url: null, duration: null, completed_at: null });
		expect(first).not.toHaveProperty('failure_message');

		const { detail, seen } = await waitForRender(created.body.data.render_id);
		expectLifecycle(seen, ['queued', 'rendering', 'completed']);
		expect(detail).toEqual({
			render_id: created.body.data.render_id,
			status: 'completed',
			title: 'Launch teaser',
			callback_id: 'row-1',
			video_url: expect.stringMatching(new RegExp(`^${emulator().storageUrl}/hyperframes/[0-9a-f]{32}\\.mp4\\?Expires=\\d+&Signature=`)),
			thumbnail_url: expect.stringContaining('.png?Expires='),
			duration: expect.any(Number),
			fps: 60,
			quality: 'high',
			format: 'mp4',
			resolution: '1080p',
			aspect_ratio: '9:16',
			composition: 'index.html',
			created_at: expect.any(Number),
			completed_at: expect.any(Number),
		});
		const file = await fetch(detail.video_url);
		expect(file.status).toBe(200);
		expect(file.headers.get('content-type')).toBe('video/mp4');
		const bytes = Buffer.from(await file.arrayBuffer());
		expect(bytes.length).toBe(VIDEO_SIZE);
		expect(bytes.toString('latin1', 4, 12)).toBe('ftypisom');
		expect((await fetch(detail.video_url.split('?')[0])).status).toBe(403);
	});

	it.each([
		['webm', 'video/webm', (bytes: Buffer) => expect(bytes.subarray(0, 4)).toEqual(Buffer.from([0x1a, 0x45, 0xdf, 0xa3]))],
		['mov', 'video/quicktime', (bytes: Buffer) => expect(bytes.toString('latin1', 4, 12)).toBe('ftypqt  ')],
	])('serves a %s render in its own container, and only in it', async (format, type, check) => {
		const { detail } = await waitForRender(await renderId({ project: OUTSIDE, format }));
		expect(detail.video_url).toContain(`.${format}?`);
		const file = await fetch(detail.video_url);
		expect(file.headers.get('content-type')).toBe(type);
		check(Buffer.from(await file.arrayBuffer()));
		const asMp4 = await fetch(detail.video_url.replace(`.${format}?`, '.mp4?'));
		expect(asMp4.status).toBe(403);
	});

	it('stores an uploaded .zip as an archive, whatever type the upload declares', async () => {
		const response = await upload(emulator(), sampleProject(), { filename: 'launch.zip', contentType: 'application/octet-stream' });
		expect(response.body.data).toMatchObject({ mime_type: 'application/zip', url: expect.stringContaining('.zip?') });
		const asset = await call(emulator(), 'GET', `/v3/assets/${response.body.data.asset_id}`);
		expect(asset.body.data).toMatchObject({ type: 'archive', name: 'launch.zip' });
	});

	it('takes the project inline as base64, and checks it there too', async () => {
		const data = sampleProject().toString('base64');
		expect((await render({ project: { type: 'base64', media_type: 'application/zip', data } })).status).toBe(200);
		const flat = await render({ project: { type: 'base64', media_type: 'application/zip', data: Buffer.from('<html></html>').toString('base64') } });
		expectError(flat, 400, 'hyperframes_project_invalid', 'project.data');
		expect(flat.body.error.message).toBe('The project is not a zip file.');
	});

	it('refuses an uploaded project HeyGen could not render, naming why', async () => {
		const folder = await uploadZip(makeZip({ 'launch/': '', 'launch/index.html': 'x' }));
		const refused = await render({ project: { type: 'asset_id', asset_id: folder } });
		expectError(refused, 400, 'hyperframes_project_invalid', 'project.asset_id');
		expect(refused.body.error.message).toBe("The project has launch/index.html, not index.html at the top of the zip: zip the project folder's contents, not the folder.");

		const png = await uploadSample(emulator(), 'png');
		expect((await render({ project: { type: 'asset_id', asset_id: png } })).body.error.message).toBe('The project is not a zip file.');
		expectError(await render({ project: { type: 'asset_id', asset_id: 'f'.repeat(32) } }), 404, 'asset_not_found', 'project.asset_id');
		expect(emulator().state.renders.size).toBe(0);
	});

	it('opens the named composition instead of index.html', async () => {
		const assetId = await uploadZip(makeZip({ 'compositions/intro.html': '<p>intro</p>' }));
		expectError(await render({ project: { type: 'asset_id', asset_id: assetId } }), 400, 'hyperframes_project_invalid');
		const id = await renderId({ project: { type: 'asset_id', asset_id: assetId }, composition: './compositions/intro.html' });
		expect((await waitForRender(id)).detail).toMatchObject({ status: 'completed', composition: 'compositions/intro.html' });
	});

	it('fetches an outside URL when rendering: an unreachable host fails the render while queued', async () => {
		const id = await renderId({ project: { type: 'url', url: 'https://projects.invalid/launch.zip' } });
		const { detail, seen } = await waitForRender(id);
		expectLifecycle(seen, ['queued', 'failed']);
		expect(detail).toMatchObject({ status: 'failed', video_url: null, completed_at: expect.any(Number) });
		expect(detail.failure_message).toBe('Could not download the project from https://projects.invalid/launch.zip: the host could not be resolved.');
		expect((await waitForRender(await renderId({ project: OUTSIDE }))).detail.status).toBe('completed');
	});

	it('checks a project on its own storage host at once', async () => {
		const uploaded = await upload(emulator(), makeZip({ 'readme.txt': 'x' }), { filename: 'p.zip' });
		const refused = await render({ project: { type: 'url', url: uploaded.body.data.url } });
		expectError(refused, 400, 'hyperframes_project_invalid', 'project.url');
		expect(refused.body.error.message).toBe('The project is a zip without index.html (it holds readme.txt).');
		const good = await upload(emulator(), sampleProject(), { filename: 'p.zip' });
		expect((await render({ project: { type: 'url', url: good.body.data.url } })).status).toBe(200);
	});

	it('fails at render time for the failure marker in the title', async () => {
		const { detail, seen } = await waitForRender(await renderId({ project: OUTSIDE, title: 'Broken [[fail]]' }));
		expectLifecycle(seen, ['queued', 'rendering', 'failed']);
		expect(detail.failure_message).toMatch(/^Rendering failed: /);
	});

	it.each([
		['an unknown field', { project: OUTSIDE, duration: 10 }, 'duration'],
		['no project', { fps: 30 }, 'project'],
		['a project that is a bare URL', { project: 'https://cdn.example.com/p.zip' }, 'project'],
		['fps 0', { project: OUTSIDE, fps: 0 }, 'fps'],
		['fps 241', { project: OUTSIDE, fps: 241 }, 'fps'],
		['fps 29.97', { project: OUTSIDE, fps: 29.97 }, 'fps'],
		['quality ultra', { project: OUTSIDE, quality: 'ultra' }, 'quality'],
		['format gif', { project: OUTSIDE, format: 'gif' }, 'format'],
		['resolution 720p', { project: OUTSIDE, resolution: '720p' }, 'resolution'],
		['aspect ratio 4:5', { project: OUTSIDE, aspect_ratio: '4:5' }, 'aspect_ratio'],
		['variables as a list', { project: OUTSIDE, variables: ['a'] }, 'variables'],
		['a callback_url that is not a URL', { project: OUTSIDE, callback_url: 'hook' }, 'callback_url'],
		['a file: project URL', { project: { type: 'url', url: 'file:///tmp/p.zip' } }, 'project.url'],
	])('answers 400 invalid_parameter for %s', async (_, body, param) => {
		expectError(await render(body), 400, 'invalid_parameter', param);
		expect(emulator().state.renders.size).toBe(0);
	});

	it('shares the concurrency cap with videos, and charges only completed renders (4K at 1.5 times)', async () => {
		const before = emulator().state.balance;
		await renderId({ project: OUTSIDE });
		await renderId({ project: OUTSIDE, resolution: '4k' });
		expect((await call(emulator(), 'POST', '/v3/videos', { body: avatarVideo() })).status).toBe(200);
		const refused = await render({ project: OUTSIDE });
		expectError(refused, 429, 'rate_limit_exceeded', null);
		expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
		const renders = [...emulator().state.renders.values()];
		expect(renders.map((r) => r.costCredits)).toEqual([renders[0].costCredits, renders[0].costCredits * 1.5]);
		for (const r of renders) await waitForRender(r.id);
		await sleep(500);
		const video = [...emulator().state.videos.values()][0];
		expect(emulator().state.balance).toBeCloseTo(before - renders[0].costCredits * 2.5 - video.costCredits, 5);

		emulator().state.balance = 0.1;
		expectError(await render({ project: OUTSIDE }), 402, 'insufficient_credit');
	});

	it('replays a create with the same Idempotency-Key', async () => {
		const first = await render({ project: OUTSIDE, callback_id: 'a' }, 'hf-key-1');
		const again = await render({ project: OUTSIDE, callback_id: 'a' }, 'hf-key-1');
		expect(again.body).toEqual(first.body);
		expect(emulator().state.renders.size).toBe(1);
	});
});

describe('GET /v3/hyperframes/renders', () => {
	it('lists renders newest first, pages with next_token, and leaves deleted ones out', async () => {
		const ids = [];
		for (let i = 0; i < 3; i++) ids.push(await renderId({ project: OUTSIDE, title: `r${i}` }));
		const first = await call(emulator(), 'GET', '/v3/hyperframes/renders?limit=2');
		expectValidResponse('listHyperframesRenders', first.body);
		expect(first.body.data.map((r: Json) => r.render_id)).toEqual([ids[2], ids[1]]);
		expect(first.body.has_more).toBe(true);
		const second = await call(emulator(), 'GET', `/v3/hyperframes/renders?limit=2&token=${first.body.next_token}`);
		expect(second.body).toMatchObject({ data: [{ render_id: ids[0] }], has_more: false, next_token: null });

		await call(emulator(), 'DELETE', `/v3/hyperframes/renders/${ids[1]}`);
		const all = await call(emulator(), 'GET', '/v3/hyperframes/renders');
		expect(all.body.data.map((r: Json) => r.render_id)).toEqual([ids[2], ids[0]]);
		expectError(await call(emulator(), 'GET', '/v3/hyperframes/renders?limit=101'), 400, 'invalid_parameter', 'limit');
		expectError(await call(emulator(), 'GET', '/v3/hyperframes/renders?limit=2&token=x'), 400, 'invalid_parameter', 'token');
	});
});

describe('DELETE /v3/hyperframes/renders/{render_id}', () => {
	it('soft-deletes: the render answers 404 after; one still rendering frees its slot and is never charged', async () => {
		const before = emulator().state.balance;
		const id = await renderId({ project: OUTSIDE });
		const deleted = await call(emulator(), 'DELETE', `/v3/hyperframes/renders/${id}`);
		expect(deleted.status).toBe(200);
		expectValidResponse('deleteHyperframesRender', deleted.body);
		expect(deleted.body.data).toEqual({ render_id: id });
		expectError(await call(emulator(), 'GET', `/v3/hyperframes/renders/${id}`), 404, 'hyperframes_render_not_found');
		expectError(await call(emulator(), 'DELETE', `/v3/hyperframes/renders/${id}`), 404, 'hyperframes_render_not_found');
		expect(emulator().state.busySlots(Date.now())).toHaveLength(0);
		await sleep(500);
		expect(emulator().state.balance).toBe(before);
		expect(emulator().state.summary().hyperframes).toEqual({ total: 0, deleted: 1, by_status: { queued: 0, rendering: 0, completed: 0, failed: 0 } });
	});
});

describe('hyperframes_video events', () => {
	it('go to the render’s callback_url unsigned, and signed to subscribed endpoints', async () => {
		const hook = await subscribe(emulator(), receiver(), '/hook', { events: ['hyperframes_video.success', 'hyperframes_video.fail'] });
		const done = await renderId({ project: OUTSIDE, callback_id: 'row-9', callback_url: `${receiver().url}/cb?run=1` });
		const failed = await renderId({ project: { type: 'url', url: 'https://gone.invalid/p.zip' }, callback_id: 'row-10' });
		const signed = await receiver().waitFor(2, '/hook');
		const [callback] = await receiver().waitFor(1, '/cb?run=1');
		await sleep(QUIET_MS);

		expect(callback.body).toEqual({ event_type: 'hyperframes_video.success', event_data: { render_id: done, video_url: expect.stringContaining('/hyperframes/'), callback_id: 'row-9' } });
		expect(callback.headers['heygen-signature']).toBeUndefined();
		expect(receiver().at('/cb?run=1')).toHaveLength(1);

		const byType = Object.fromEntries(signed.map((delivery) => [delivery.body.event_type, delivery]));
		expect(byType['hyperframes_video.success'].body.event_data).toMatchObject({ render_id: done, callback_id: 'row-9' });
		expect(byType['hyperframes_video.fail'].body.event_data).toEqual({
			render_id: failed,
			failure_message: 'Could not download the project from https://gone.invalid/p.zip: the host could not be resolved.',
			callback_id: 'row-10',
		});
		for (const delivery of signed) expect(verify(delivery, hook.secret)).toEqual({ ok: true, legacy: false });
		const file = await fetch(byType['hyperframes_video.success'].body.event_data.video_url);
		expect(file.status).toBe(200);
	});

	it('a render deleted before it finished sends nothing', async () => {
		await subscribe(emulator(), receiver(), '/hook');
		const id = await renderId({ project: OUTSIDE, callback_url: `${receiver().url}/cb` });
		await call(emulator(), 'DELETE', `/v3/hyperframes/renders/${id}`);
		await sleep(500);
		expect(receiver().received).toHaveLength(0);
	});
});
