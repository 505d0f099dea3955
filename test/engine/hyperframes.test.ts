import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { HeyGenTrigger } from '../../nodes/HeyGen/HeyGenTrigger.node';
import { readBinary, runWebhookDelivery, runWebhookMethod } from '../harness/engine';
import { makeZip, sampleProject } from '../harness/zip';
import { apiCalls, credentialsFor, credentialTypes, items, runHeyGen, useEmulator, useParkingLot } from './heygen';

const emulator = useEmulator();
const lot = useParkingLot();

const OUTSIDE_ZIP = 'https://cdn.example.com/launch.zip';

/** An item carrying a project zip in `data`, as n8n's Compression node leaves it. */
function zipItem(json: IDataObject, zip: Buffer = sampleProject(), binary: Partial<{ mimeType: string; fileName: string }> = {}): INodeExecutionData {
	return { json, binary: { data: { data: zip.toString('base64'), mimeType: 'application/zip', fileName: 'project.zip', ...binary } } };
}

const create = (extra: INodeParameters = {}): INodeParameters => ({
	resource: 'hyperframesRender',
	operation: 'create',
	projectSource: 'binary',
	inputBinaryField: 'data',
	variablesInput: 'fields',
	variables: {},
	aspect_ratio: '9:16',
	format: 'mp4',
	callback_id: '={{ $json.id }}',
	waitForCompletion: true,
	...extra,
});

/** Two variables mapped from each item. */
const MAPPED = { variables: { variable: [{ name: 'headline', value: '={{ $json.headline }}' }, { name: 'count', value: '={{ $json.count }}' }] } };

const renderCreates = () => apiCalls(emulator, 'POST', '/v3/hyperframes/renders');

describe('HyperFrames Render → Create', () => {
	it('uploads each item’s zip first, renders it with its variables, waits for all and outputs HeyGen’s fields', async () => {
		const result = await runHeyGen(emulator, create(MAPPED), {
			items: [zipItem({ id: 'row-1', headline: 'Q3 results', count: 3 }), zipItem({ id: 'row-2', headline: 'Q4 plans', count: 4 })],
		});
		expect(result.error).toBeUndefined();
		const uploads = apiCalls(emulator, 'POST', '/v3/assets');
		expect(uploads).toHaveLength(2);
		expect(uploads[0].body).toMatchObject({ file: { filename: 'project.zip', mimeType: 'application/zip', size: sampleProject().length } });
		const creates = renderCreates();
		expect(creates).toHaveLength(2);
		const assetIds = creates.map((request) => (request.body as { project: { asset_id: string } }).project.asset_id);
		expect(assetIds.map((id) => emulator.state.assets.find(id)?.kind)).toEqual(['archive', 'archive']);
		expect(creates[0].body).toEqual({
			project: { type: 'asset_id', asset_id: assetIds[0] },
			format: 'mp4',
			aspect_ratio: '9:16',
			variables: { headline: 'Q3 results', count: 3 },
			callback_id: 'row-1',
		});
		expect(creates[0].headers['idempotency-key']).toMatch(/^n8n-hyperframes-render-/);
		expect(result.output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(result.output[1].json).toMatchObject({
			render_id: expect.any(String),
			status: 'completed',
			callback_id: 'row-2',
			format: 'mp4',
			aspect_ratio: '9:16',
			video_url: expect.stringContaining(`${emulator.storageUrl}/hyperframes/`),
			thumbnail_url: expect.any(String),
		});
	});

	it('takes a project by asset ID or URL, the other settings, and variables as JSON', async () => {
		const result = await runHeyGen(
			emulator,
			create({
				projectSource: 'url',
				project_url: OUTSIDE_ZIP,
				variablesInput: 'json',
				variablesJson: '={{ { headline: $json.headline, bullets: ["a", "b"] } }}',
				format: 'webm',
				aspect_ratio: '1:1',
				additionalFields: { composition: 'compositions/intro.html', fps: 60, quality: 'high', resolution: '4k', title: 'Teaser' },
				waitForCompletion: false,
			}),
			{ items: items({ id: 'a', headline: 'Hi' }) },
		);
		expect(result.error).toBeUndefined();
		expect(renderCreates()[0].body).toEqual({
			project: { type: 'url', url: OUTSIDE_ZIP },
			format: 'webm',
			aspect_ratio: '1:1',
			composition: 'compositions/intro.html',
			fps: 60,
			quality: 'high',
			resolution: '4k',
			title: 'Teaser',
			variables: { headline: 'Hi', bullets: ['a', 'b'] },
			callback_id: 'a',
		});
		expect(result.output[0].json).toEqual({ render_id: expect.any(String), status: 'queued', callback_id: 'a' });
		expect(apiCalls(emulator, 'POST', '/v3/assets')).toHaveLength(0);

		const upload = await runHeyGen(emulator, { resource: 'asset', operation: 'upload', inputBinaryField: 'data' }, { items: [zipItem({})] });
		const assetId = String(upload.output[0].json.asset_id);
		const byAsset = await runHeyGen(emulator, create({ projectSource: 'assetId', project_asset_id: assetId, variables: {}, variablesJson: '{"headline":"x"}', variablesInput: 'json' }), {
			items: items({ id: 'b' }),
		});
		expect(byAsset.output[0].json.status).toBe('completed');
		expect(renderCreates()[1].body).toMatchObject({ project: { type: 'asset_id', asset_id: assetId }, variables: { headline: 'x' } });
	});

	it('downloads each render in the container it asked for (MOV, WebM)', async () => {
		const result = await runHeyGen(emulator, create({ format: '={{ $json.format }}', downloadVideo: true, binaryPropertyName: 'video' }), {
			items: [zipItem({ id: 'm', format: 'mov' }), zipItem({ id: 'w', format: 'webm' })],
		});
		expect(result.error).toBeUndefined();
		const [mov, webm] = result.output;
		expect(mov.binary?.video).toMatchObject({ mimeType: 'video/quicktime', fileName: 'm.mov' });
		expect((await readBinary(mov.binary!.video)).toString('latin1', 4, 12)).toBe('ftypqt  ');
		expect(webm.binary?.video).toMatchObject({ mimeType: 'video/webm', fileName: 'w.webm' });
	});

	it('a zip labelled as plain bytes is still checked by content and uploaded as a zip', async () => {
		const result = await runHeyGen(emulator, create({ waitForCompletion: false }), {
			items: [zipItem({ id: 'x' }, sampleProject(), { mimeType: 'application/octet-stream', fileName: 'export.bin' })],
		});
		expect(result.error).toBeUndefined();
		expect(apiCalls(emulator, 'POST', '/v3/assets')[0].body).toMatchObject({ file: { filename: 'export.bin', mimeType: 'application/zip' } });
	});

	it('a second run with the same input replays HeyGen’s render instead of paying again', async () => {
		const run = async () => await runHeyGen(emulator, create(MAPPED), { items: [zipItem({ id: 'row-1', headline: 'Same', count: 1 })] });
		const first = await run();
		const second = await run();
		expect(second.output[0].json.render_id).toBe(first.output[0].json.render_id);
		expect(emulator.state.renders.size).toBe(1);
		const changed = await runHeyGen(emulator, create(MAPPED), { items: [zipItem({ id: 'row-1', headline: 'Same', count: 1 }, sampleProject('<p>other</p>'))] });
		expect(changed.output[0].json.render_id).not.toBe(first.output[0].json.render_id);
	});

	it('a render that fails is an error item naming its render (Continue On Fail), or stops the run naming the item', async () => {
		const failing = create({ additionalFields: { title: '={{ $json.title }}' } });
		const both = [zipItem({ id: 'ok', title: 'fine' }), zipItem({ id: 'bad', title: 'broken [[fail]]' })];
		const kept = await runHeyGen(emulator, failing, { items: both, continueOnFail: true });
		expect(kept.output.map((item) => item.json.status)).toEqual(['completed', 'failed']);
		expect(kept.output[1].json).toMatchObject({ render_id: expect.any(String), callback_id: 'bad' });
		expect(String(kept.output[1].json.error)).toMatch(/^The HyperFrames render \S+ failed: Rendering failed: .+ \[item 1\]$/);

		const stopped = await runHeyGen(emulator, failing, { items: both });
		expect(stopped.error?.message).toMatch(/^The HyperFrames render \S+ failed: Rendering failed: .+ \[item 1\]$/);
	});

	it('a project HeyGen finds invalid (by asset ID) names the field, the item and what to do', async () => {
		const upload = await runHeyGen(emulator, { resource: 'asset', operation: 'upload', inputBinaryField: 'data' }, { items: [zipItem({}, makeZip({ 'site/index.html': 'x' }))] });
		const result = await runHeyGen(emulator, create({ projectSource: 'assetId', project_asset_id: String(upload.output[0].json.asset_id) }), { items: items({ id: 'a' }) });
		expect(result.error?.message).toBe('HeyGen could not render the HyperFrames project given in "Project Asset ID" [item 0]');
		expect(result.error?.description).toContain("The project has site/index.html, not index.html at the top of the zip: zip the project folder's contents, not the folder.");
		expect(result.error?.description).toContain('Compression node');
		expect(emulator.state.renders.size).toBe(0);
	});

	it('an unreachable project URL is refused before anything is sent', async () => {
		const result = await runHeyGen(emulator, create({ projectSource: 'url', project_url: 'file:///srv/launch.zip' }), { items: items({ id: 'a' }) });
		expect(result.error?.message).toBe('"Project URL" must be a public address HeyGen can reach, not a file: URL [item 0]');
		expect(apiCalls(emulator)).toEqual([]);
	});

	it.each([
		['HTML that was never zipped', zipItem({ id: 'a' }, Buffer.from('<!doctype html><p>hi</p>'), { mimeType: 'text/html', fileName: 'index.html' }), 'holds index.html, which is not a zip file'],
		['a zip of the folder', zipItem({ id: 'a' }, makeZip({ 'site/': '', 'site/index.html': 'x' })), "holds project.zip, which has site/index.html, not index.html at the top of the zip: zip the project folder's contents, not the folder"],
		['a zip without index.html', zipItem({ id: 'a' }, makeZip({ 'page.html': 'x' })), 'holds project.zip, which is a zip without index.html (it holds page.html)'],
		['a cut-off zip', zipItem({ id: 'a' }, sampleProject().subarray(0, 120)), 'holds project.zip, which is a damaged zip file (its central directory is missing; the file may be cut off)'],
	])('%s is refused before any upload, naming the field and the item', async (_, item, problem) => {
		const result = await runHeyGen(emulator, create(), { items: [zipItem({ id: 'ok' }), item] });
		expect(result.error?.message).toBe(`"Input Binary Field" ${problem} [item 1]`);
		expect(result.error?.description).toMatch(/Compression node.*nothing was sent to HeyGen\.$/);
		expect(apiCalls(emulator)).toEqual([]);
	});

	it('checks the named composition, not index.html, when one is given', async () => {
		const zip = makeZip({ 'scenes/intro.html': '<p>x</p>' });
		const refused = await runHeyGen(emulator, create(), { items: [zipItem({ id: 'a' }, zip)] });
		expect(refused.error?.message).toBe('"Input Binary Field" holds project.zip, which is a zip without index.html (it holds scenes/intro.html) [item 0]');
		const taken = await runHeyGen(emulator, create({ additionalFields: { composition: 'scenes/intro.html' } }), { items: [zipItem({ id: 'a' }, zip)] });
		expect(taken.error).toBeUndefined();
		expect(taken.output[0].json).toMatchObject({ status: 'completed', composition: 'scenes/intro.html' });
	});

	it('a project over 32 MB is refused before it is read into a request', async () => {
		const big = Buffer.concat([sampleProject(), Buffer.alloc(33 * 1024 * 1024)]);
		const result = await runHeyGen(emulator, create(), { items: [zipItem({ id: 'a' }, big)] });
		expect(result.error?.message).toBe('"Input Binary Field" holds project.zip, which is 33.0 MB; HeyGen takes projects of at most 32 MB [item 0]');
		expect(apiCalls(emulator)).toEqual([]);
	});
});

describe('HyperFrames Render → Get, Get Many, Wait for Completion, Download, Delete', () => {
	it('work on renders started without waiting', async () => {
		const started = await runHeyGen(emulator, create({ waitForCompletion: false }), { items: [zipItem({ id: 'a' }), zipItem({ id: 'b' })] });
		const ids = started.output.map((item) => String(item.json.render_id));

		const got = await runHeyGen(emulator, { resource: 'hyperframesRender', operation: 'get', render_id: ids[0] });
		expect(got.output[0].json).toMatchObject({ render_id: ids[0], status: expect.stringMatching(/queued|rendering/), callback_id: 'a' });

		const waited = await runHeyGen(
			emulator,
			{ resource: 'hyperframesRender', operation: 'waitForCompletion', render_id: '={{ $json.id }}', downloadVideo: true, binaryPropertyName: 'data', options: { includeInputFields: true } },
			{ items: items(...ids.map((id) => ({ id, crm: `c-${id}` }))) },
		);
		expect(waited.error).toBeUndefined();
		expect(waited.output.map((item) => [item.json.render_id, item.json.status, item.json.crm])).toEqual(ids.map((id) => [id, 'completed', `c-${id}`]));
		expect(waited.output.every((item) => item.binary?.data?.mimeType === 'video/mp4')).toBe(true);

		const download = await runHeyGen(emulator, { resource: 'hyperframesRender', operation: 'download', render_id: ids[1], binaryPropertyName: 'file' });
		expect(download.output[0].binary?.file).toMatchObject({ fileName: 'b.mp4', mimeType: 'video/mp4' }); // named by its Callback ID
		expect((await readBinary(download.output[0].binary!.file)).length).toBe(emulator.config.videoSizeBytes);

		const many = await runHeyGen(emulator, { resource: 'hyperframesRender', operation: 'getMany', returnAll: false, limit: 1 });
		expect(many.output.map((item) => item.json.render_id)).toEqual([ids[1]]);

		const deleted = await runHeyGen(emulator, { resource: 'hyperframesRender', operation: 'delete', render_id: ids[0] });
		expect(deleted.output[0].json).toEqual({ render_id: ids[0], deleted: true });
		const gone = await runHeyGen(emulator, { resource: 'hyperframesRender', operation: 'get', render_id: ids[0] });
		expect(gone.error?.message).toContain(`The HyperFrames render "${ids[0]}" was not found`);
		const all = await runHeyGen(emulator, { resource: 'hyperframesRender', operation: 'getMany', returnAll: true });
		expect(all.output.map((item) => item.json.render_id)).toEqual([ids[1]]);
	});

	it('Download refuses a render that is not finished, naming it and the item', async () => {
		emulator.config.timings.processingMs = 5000;
		const started = await runHeyGen(emulator, create({ waitForCompletion: false }), { items: [zipItem({ id: 'a' })] });
		const id = String(started.output[0].json.render_id);
		const result = await runHeyGen(emulator, { resource: 'hyperframesRender', operation: 'download', render_id: id, binaryPropertyName: 'data' });
		expect(result.error?.message).toMatch(new RegExp(`^The HyperFrames render ${id} is not ready to download \\(status: (queued|rendering)\\) \\[item 0\\]$`));
	});
});

describe('HyperFrames renders in park mode', () => {
	it('Create parks with the resume URL as each render’s callback_url and resumes with what polling outputs', async () => {
		const started = await runHeyGen(emulator, create({ ...MAPPED, waitMode: 'park', downloadVideo: true, binaryPropertyName: 'data' }), {
			items: [zipItem({ id: 'p-0', headline: 'A', count: 1 }), zipItem({ id: 'p-1', headline: 'B', count: 2 })],
			parkingLot: lot,
		});
		expect(started.status).toBe('waiting');
		const creates = renderCreates();
		expect(creates).toHaveLength(2);
		for (const request of creates) expect((request.body as { callback_url: string }).callback_url).toContain(`/${started.executionId}?signature=`);

		const resumed = await lot.resumed(started.executionId);
		expect(resumed.via).toBe('webhook');
		expect(resumed.output.map((item) => [item.pairedItem, item.json.callback_id, item.json.status])).toEqual([
			[{ item: 0 }, 'p-0', 'completed'],
			[{ item: 1 }, 'p-1', 'completed'],
		]);
		expect(resumed.output.every((item) => item.binary?.data?.mimeType === 'video/mp4')).toBe(true);
		expect(resumed.output[0].json).not.toHaveProperty('heygen_wait');
	});

	it('Wait for Completion parks on hyperframes_video events for renders made elsewhere, and removes its endpoint after', async () => {
		emulator.config.timings.processingMs = 1500;
		const made = await runHeyGen(emulator, create({ waitForCompletion: false }), { items: [zipItem({ id: 'a' }), zipItem({ id: 'b' })] });
		const ids = made.output.map((item) => String(item.json.render_id));
		const started = await runHeyGen(
			emulator,
			{ resource: 'hyperframesRender', operation: 'waitForCompletion', render_id: '={{ $json.render }}', waitMode: 'park' },
			{ items: items({ render: ids[0] }, { render: ids[1] }), parkingLot: lot },
		);
		expect(started.status).toBe('waiting');
		const registered = apiCalls(emulator, 'POST', '/v3/webhooks/endpoints');
		expect(registered).toHaveLength(1);
		expect(registered[0].body).toMatchObject({ events: ['hyperframes_video.success', 'hyperframes_video.fail'], url: expect.stringContaining(`/${started.executionId}?signature=`) });
		const resumed = await lot.resumed(started.executionId);
		expect(resumed.output.map((item) => [item.json.render_id, item.json.status])).toEqual([
			[ids[0], 'completed'],
			[ids[1], 'completed'],
		]);
		expect(emulator.state.summary().webhooks.endpoints).toBe(0);
	});

	it('a failed render resumes as an error item with Continue On Fail', async () => {
		const started = await runHeyGen(emulator, create({ waitMode: 'park', projectSource: 'url', project_url: '={{ $json.url }}' }), {
			items: items({ id: 'ok', url: OUTSIDE_ZIP }, { id: 'gone', url: 'https://projects.invalid/p.zip' }),
			parkingLot: lot,
			continueOnFail: true,
		});
		const resumed = await lot.resumed(started.executionId);
		expect(resumed.output.map((item) => item.json.status)).toEqual(['completed', 'failed']);
		expect(resumed.output[1].json.error).toMatch(/^The HyperFrames render \S+ failed: Could not download the project from https:\/\/projects\.invalid\/p\.zip.* \[item 1\]$/);
	});
});

describe('HeyGen Trigger → a finished render', () => {
	const trigger = new HeyGenTrigger();
	const TRIGGER_TYPE = 'n8n-nodes-heygen-video.heyGenTrigger';

	it('the signed hyperframes_video.success event starts a run with the fresh render and its MOV file', async () => {
		const events = ['hyperframes_video.success', 'hyperframes_video.fail'];
		const options = { fetchResource: true, downloadVideo: true };
		const published = await runWebhookMethod({ nodeType: trigger, nodeTypeName: TRIGGER_TYPE, credentialTypes, credentials: credentialsFor(emulator), parameters: { events }, staticData: {}, method: 'create' });
		const made = await runHeyGen(emulator, create({ format: 'mov' }), { items: [zipItem({ id: 'crm-42' })] });
		const renderId = String(made.output[0].json.render_id);
		const [attempt] = await emulator.waitForDeliveries(1, { where: (a) => a.event_type === 'hyperframes_video.success' && a.target === 'endpoint' });
		expect(attempt.signed).toBe(true);

		const run = await runWebhookDelivery({
			nodeType: trigger,
			nodeTypeName: TRIGGER_TYPE,
			credentialTypes,
			credentials: credentialsFor(emulator),
			parameters: { events, options },
			staticData: published.staticData,
			request: { headers: attempt.headers, rawBody: attempt.body },
		});
		expect(run.response).toEqual({ status: 200, body: { received: true } });
		const [item] = run.items ?? [];
		expect(item.json).toMatchObject({
			event_type: 'hyperframes_video.success',
			event_id: attempt.event_id,
			render_id: renderId,
			callback_id: 'crm-42',
			status: 'completed',
			format: 'mov',
			video_url: expect.stringContaining(emulator.storageUrl),
		});
		expect(apiCalls(emulator, 'GET', `/v3/hyperframes/renders/${renderId}`).length).toBeGreaterThan(0);
		expect(item.binary?.data).toMatchObject({ mimeType: 'video/quicktime', fileName: 'crm-42.mov' });
		expect((await readBinary(item.binary!.data)).toString('latin1', 4, 12)).toBe('ftypqt  ');
	});
});
