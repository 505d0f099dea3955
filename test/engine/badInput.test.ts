import type { IDataObject, INodeExecutionData, INodeParameters, INodePropertyOptions } from 'n8n-workflow';

import { SEED_IDS, type RecordedRequest } from '../../emulator';
import { CASES, OPERATIONS, PROJECT_ZIP, VALUE, WITHOUT_INPUTS, type BadInputCase } from './badInput/cases';
import { apiCalls, heyGen, items, locator, publicBaseUrl, runHeyGen, useEmulator, usePublicLookingHost } from './heygen';

const emulator = useEmulator();
usePublicLookingHost();

/** Every operation the node offers, as "resource.operation". */
function offeredOperations(): string[] {
	return heyGen.description.properties
		.filter((property) => property.name === 'operation')
		.flatMap((selector) => {
			const resource = (selector.displayOptions?.show?.resource as string[])[0];
			return (selector.options as INodePropertyOptions[]).map((option) => `${resource}.${String(option.value)}`);
		});
}

function expectRefusal(message: string | undefined, badCase: BadInputCase): void {
	const head = `"${badCase.label}" `;
	const tail = ` [item ${badCase.badItem}]`;
	expect(message?.startsWith(head) && message.endsWith(tail) ? message : `${message} (expected "${head}…${tail}")`).toBe(message);
	const problem = (message as string).slice(head.length, -tail.length);
	if (typeof badCase.problem === 'string') expect(problem).toBe(badCase.problem);
	else expect(problem).toMatch(badCase.problem);
}

describe('bad input is refused before any request, naming the field and the item', () => {
	it('is generated for every operation that takes input: at least 300 cases', () => {
		const covered = new Set(CASES.map((badCase) => badCase.operation));
		const withInputs = offeredOperations().filter((operation) => !WITHOUT_INPUTS.includes(operation));
		expect([...covered].sort()).toEqual(withInputs.sort());
		expect(CASES.length).toBeGreaterThanOrEqual(300);
		// Every field of the specs yields cases (a spec typo would yield a field without any).
		expect(OPERATIONS.every((spec) => spec.fields.length > 0)).toBe(true);
	});

	// A Base URL on a public-looking host: the node treats HeyGen as remote, so local media URLs are refused.
	it.each(CASES.map((badCase) => [badCase.title, badCase] as const))('%s', async (_, badCase) => {
		const result = await runHeyGen(emulator, badCase.parameters, { items: badCase.items, baseUrl: publicBaseUrl(emulator) });
		expectRefusal(result.error?.message, badCase);
		expect(result.error?.description).toMatch(/nothing was sent to HeyGen\.$/);
		expect(result.error?.context?.itemIndex).toBe(badCase.badItem);
		const requests = apiCalls(emulator).map((request) => `${request.method} ${request.path}`);
		expect(requests.filter((request) => !badCase.allowedRequests?.test(request))).toEqual([]);
	});
});

// ---------------------------------------------------------------------------------------------
// With Continue On Fail: the bad item becomes its own error item; the others still run.
// ---------------------------------------------------------------------------------------------

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(512, 7)]).toString('base64');
const withPng = (json: IDataObject): INodeExecutionData => ({ json, binary: { data: { data: PNG, mimeType: 'image/png', fileName: 'face.png' } } });
const SRT = Buffer.from('1\n00:00:00,000 --> 00:00:02,000\nHola.\n').toString('base64');
const withSrt = (json: IDataObject): INodeExecutionData => ({ json, binary: { data: { data: SRT, mimeType: 'text/plain', fileName: 'edit.srt' } } });

async function createVideos(count: number, waitForCompletion = false): Promise<string[]> {
	const result = await runHeyGen(emulator, { resource: 'video', operation: 'createAvatarVideo', avatar_id: locator(SEED_IDS.studioLook), speechSource: 'script', script: '={{ "Hello " + $json.i }}', voice_id: locator(SEED_IDS.englishFemaleVoice), waitForCompletion }, { items: items(...Array.from({ length: count }, (_, i) => ({ i }))) });
	expect(result.error).toBeUndefined();
	return result.output.map((item) => String(item.json.video_id));
}

async function createTranslations(): Promise<string[]> {
	const result = await runHeyGen(emulator, { resource: 'translation', operation: 'create', videoSource: 'url', video_url: 'https://media.example.com/webinar.mp4', output_languages: ['French', 'German'], mode: 'speed', waitForCompletion: true });
	expect(result.error).toBeUndefined();
	return result.output.map((item) => String(item.json.video_translation_id));
}

async function createLipsyncs(): Promise<string[]> {
	const result = await runHeyGen(emulator, { resource: 'lipsync', operation: 'create', videoSource: 'url', video_url: 'https://media.example.com/presenter.mp4', audioSource: 'url', audio_url: '={{ $json.audio }}', mode: 'speed', waitForCompletion: true }, { items: items({ audio: 'https://media.example.com/a.mp3' }, { audio: 'https://media.example.com/b.mp3' }) });
	expect(result.error).toBeUndefined();
	return result.output.map((item) => String(item.json.lipsync_id));
}

async function createProofreads(waitForCompletion = true): Promise<string[]> {
	const result = await runHeyGen(emulator, { resource: 'translation', operation: 'createProofread', videoSource: 'url', video_url: 'https://media.example.com/webinar.mp4', output_languages: ['French', 'German'], title: 'Webinar', mode: 'speed', waitForCompletion });
	expect(result.error).toBeUndefined();
	return result.output.map((item) => String(item.json.proofread_id));
}

async function createSessions(mode: 'chat' | 'generate'): Promise<string[]> {
	const result = await runHeyGen(emulator, { resource: 'videoAgent', operation: 'create', prompt: '={{ "A teaser " + $json.i }}', mode, waitForCompletion: mode === 'chat' }, { items: items({ i: 0 }, { i: 1 }) });
	expect(result.error).toBeUndefined();
	return result.output.map((item) => String(item.json.session_id));
}

async function createRenders(waitForCompletion = false): Promise<string[]> {
	const result = await runHeyGen(emulator, { resource: 'hyperframesRender', operation: 'create', projectSource: 'url', project_url: 'https://cdn.example.com/launch.zip', waitForCompletion }, { items: items({ i: 0 }, { i: 1 }) });
	expect(result.error).toBeUndefined();
	return result.output.map((item) => String(item.json.render_id));
}

async function uploadAssets(): Promise<string[]> {
	const result = await runHeyGen(emulator, { resource: 'asset', operation: 'upload', inputBinaryField: 'data' }, { items: [withPng({}), withPng({})] });
	expect(result.error).toBeUndefined();
	return result.output.map((item) => String(item.json.asset_id));
}

interface MixedRun {
	title: string;
	parameters: INodeParameters;
	/** Items 0 and 2 (after any setup the operation needs); `v` is the field's value. */
	good: () => Promise<[IDataObject, IDataObject]> | [IDataObject, IDataObject];
	/** Item 1. */
	bad: IDataObject;
	label: string;
	problem: string;
	/** Items carry a file: a PNG, or SRT text. */
	binary?: boolean | 'srt';
	/** Items carry a HyperFrames project zip rather than a PNG. */
	zip?: boolean;
	/** What the good items must have sent: checks the emulator's requests. */
	sent?: (requests: RecordedRequest[]) => void;
}

/** Items 0 and 2 with `v` set. */
const values = (...pair: unknown[]): [IDataObject, IDataObject] => [{ v: pair[0] as string }, { v: pair[1] as string }];

const posts = (path: string | RegExp, count: number) => (requests: RecordedRequest[]) =>
	expect(requests.filter((r) => r.method === 'POST' && (typeof path === 'string' ? r.path === path : path.test(r.path)) && r.status === 200)).toHaveLength(count);

const MIXED: MixedRun[] = [
	{
		title: 'video.createAvatarVideo: a Callback ID that is an object',
		parameters: { resource: 'video', operation: 'createAvatarVideo', avatar_id: locator(SEED_IDS.studioLook), speechSource: 'script', script: 'Hi', voice_id: locator(SEED_IDS.englishFemaleVoice), callback_id: VALUE, waitForCompletion: false },
		good: () => values('contact-0', 'contact-2'),
		bad: { v: { id: 1 } },
		label: 'Callback ID',
		problem: 'must be text, not an object',
		sent: (requests) => expect(requests.filter((r) => r.method === 'POST').map((r) => (r.body as IDataObject).callback_id)).toEqual(['contact-0', 'contact-2']),
	},
	{
		title: 'video.createImageVideo: an Image URL on loopback',
		parameters: { resource: 'video', operation: 'createImageVideo', imageSource: 'url', image_url: VALUE, speechSource: 'script', script: 'Hi', voice_id: locator(SEED_IDS.englishFemaleVoice), waitForCompletion: false },
		good: () => values('https://cdn.example.com/a.png', 'https://cdn.example.com/b.png'),
		bad: { v: 'http://127.0.0.1:8080/c.png' },
		label: 'Image URL',
		problem: 'must be a public address HeyGen can reach, not 127.0.0.1',
		sent: posts('/v3/videos', 2),
	},
	{
		title: 'video.createStudioVideo: a scene photo that is a file: URL',
		parameters: { resource: 'video', operation: 'createStudioVideo', sceneInput: 'list', scenes: { scene: [{ sceneType: 'talkingPhoto', photo: VALUE, script: 'Hi', voice_id: SEED_IDS.englishFemaleVoice }] }, waitForCompletion: false },
		good: () => values('https://cdn.example.com/a.png', 'https://cdn.example.com/b.png'),
		bad: { v: 'file:///home/me/face.png' },
		label: 'Scene 1 › Photo',
		problem: 'must be an http:// or https:// URL or an asset ID, not a file: URL',
		sent: posts('/v3/videos', 2),
	},
	{
		title: 'template.generate: a text variable that is a list',
		parameters: { resource: 'template', operation: 'generate', template_id: locator(SEED_IDS.salesTemplate), variables: { mappingMode: 'defineBelow', value: { first_name: VALUE } }, waitForCompletion: false },
		good: () => values('Ada', 'Grace'),
		bad: { v: ['Ada', 'Grace'] },
		label: 'Variable first_name',
		problem: 'must be text, not a list',
		sent: posts(`/v3/templates/${SEED_IDS.salesTemplate}`, 2),
	},
	{
		title: 'translation.create: output languages that are an object',
		parameters: { resource: 'translation', operation: 'create', videoSource: 'url', video_url: 'https://media.example.com/webinar.mp4', output_languages: VALUE, mode: 'speed', waitForCompletion: false },
		good: () => values('French', 'German'),
		bad: { v: { French: true } },
		label: 'Output Languages',
		problem: 'must be a list or comma-separated text, not an object',
		sent: posts('/v3/video-translations', 2),
	},
	{
		title: 'videoAgent.create: a prompt that is null',
		parameters: { resource: 'videoAgent', operation: 'create', prompt: VALUE, mode: 'generate', waitForCompletion: false },
		good: () => values('A teaser', 'A recap'),
		bad: { v: null },
		label: 'Prompt',
		problem: 'must be text, not empty',
		sent: posts('/v3/video-agents', 2),
	},
	{
		title: 'videoAgent.sendMessage: a message that is an object',
		parameters: { resource: 'videoAgent', operation: 'sendMessage', session_id: '={{ $json.session }}', message: VALUE, waitForCompletion: false },
		good: async () => {
			const [first, second] = await createSessions('chat');
			return [
				{ session: first, v: 'Yes, go ahead' },
				{ session: second, v: 'Make it shorter' },
			];
		},
		bad: { session: 'session_never_used', v: { text: 'yes' } },
		label: 'Message',
		problem: 'must be text, not an object',
		sent: posts(/^\/v3\/video-agents\/[^/]+$/, 2),
	},
	{
		title: 'video.createCinematicVideo: a prompt that is a list',
		parameters: { resource: 'video', operation: 'createCinematicVideo', prompt: VALUE, looks: { look: [{ avatar_id: locator(SEED_IDS.digitalTwinLook) }] }, waitForCompletion: false },
		good: () => values('A walk through the office', 'A wave at the camera'),
		bad: { v: ['A walk', 'A wave'] },
		label: 'Prompt',
		problem: 'must be text, not a list',
		sent: posts('/v3/videos', 2),
	},
	{
		title: 'lipsync.create: an audio URL on a private address',
		parameters: { resource: 'lipsync', operation: 'create', videoSource: 'url', video_url: 'https://media.example.com/presenter.mp4', audioSource: 'url', audio_url: VALUE, mode: 'speed', waitForCompletion: false },
		good: () => values('https://media.example.com/a.mp3', 'https://media.example.com/b.mp3'),
		bad: { v: 'http://192.168.0.4/take.mp3' },
		label: 'Audio URL',
		problem: 'must be a public address HeyGen can reach, not 192.168.0.4',
		sent: posts('/v3/lipsyncs', 2),
	},
	{
		title: 'lipsync.get: a lipsync ID that is an object',
		parameters: { resource: 'lipsync', operation: 'get', lipsync_id: VALUE },
		good: async () => values(...(await createLipsyncs())),
		bad: { v: { id: 1 } },
		label: 'Lipsync ID',
		problem: 'must be text, not an object',
	},
	{
		title: 'lipsync.getMany: a limit above the page of 100',
		parameters: { resource: 'lipsync', operation: 'getMany', returnAll: false, limit: VALUE },
		good: async () => {
			await createLipsyncs();
			return values(1, 2);
		},
		bad: { v: 101 },
		label: 'Limit',
		problem: 'must be a whole number from 1 to 100, not 101',
	},
	{
		title: 'lipsync.waitForCompletion: a lipsync ID that is a list',
		parameters: { resource: 'lipsync', operation: 'waitForCompletion', lipsync_id: VALUE },
		good: async () => values(...(await createLipsyncs())),
		bad: { v: ['a'] },
		label: 'Lipsync ID',
		problem: 'must be text, not a list',
	},
	{
		title: 'lipsync.download: a blank lipsync ID',
		parameters: { resource: 'lipsync', operation: 'download', lipsync_id: VALUE, file: 'video', binaryPropertyName: 'data' },
		good: async () => values(...(await createLipsyncs())),
		bad: { v: ' ' },
		label: 'Lipsync ID',
		problem: 'must not be empty',
	},
	{
		title: 'video.get: a video ID that is a list',
		parameters: { resource: 'video', operation: 'get', video_id: locator(VALUE) },
		good: async () => values(...(await createVideos(2))),
		bad: { v: ['a', 'b'] },
		label: 'Video',
		problem: 'must be text, not a list',
	},
	{
		title: 'video.delete: a blank video ID',
		parameters: { resource: 'video', operation: 'delete', video_id: locator(VALUE) },
		good: async () => values(...(await createVideos(2))),
		bad: { v: ' ' },
		label: 'Video',
		problem: 'must not be empty',
		sent: (requests) => expect(requests.filter((r) => r.method === 'DELETE')).toHaveLength(2),
	},
	{
		title: 'video.download: a video ID that is null',
		parameters: { resource: 'video', operation: 'download', video_id: locator(VALUE), binaryPropertyName: 'data' },
		good: async () => values(...(await createVideos(2, true))),
		bad: { v: null },
		label: 'Video',
		problem: 'must be text, not empty',
	},
	{
		title: 'video.waitForCompletion: a video ID that is an object',
		parameters: { resource: 'video', operation: 'waitForCompletion', video_id: locator(VALUE) },
		good: async () => values(...(await createVideos(2))),
		bad: { v: { id: 'x' } },
		label: 'Video',
		problem: 'must be text, not an object',
	},
	{
		title: 'video.getMany: a limit of NaN',
		parameters: { resource: 'video', operation: 'getMany', returnAll: false, limit: '={{ $json.nan ? NaN : $json.v }}' },
		good: async () => {
			await createVideos(3);
			return values(2, 3);
		},
		bad: { nan: true },
		label: 'Limit',
		problem: 'must be a whole number from 1 to 100, not NaN',
	},
	{
		title: 'videoAgent.get: a session ID that is a list',
		parameters: { resource: 'videoAgent', operation: 'get', session_id: VALUE },
		good: async () => values(...(await createSessions('generate'))),
		bad: { v: [] },
		label: 'Session ID',
		problem: 'must be text, not a list',
	},
	{
		title: 'videoAgent.getStyles: a limit of 0',
		parameters: { resource: 'videoAgent', operation: 'getStyles', returnAll: false, limit: VALUE },
		good: () => values(2, 1),
		bad: { v: 0 },
		label: 'Limit',
		problem: 'must be a whole number from 1 to 100, not 0',
	},
	{
		title: 'template.getMany: a limit of 2.5',
		parameters: { resource: 'template', operation: 'getMany', returnAll: false, limit: VALUE },
		good: () => values(1, 2),
		bad: { v: 2.5 },
		label: 'Limit',
		problem: 'must be a whole number from 1 to 100, not 2.5',
	},
	{
		title: 'template.get: a template ID that is an object',
		parameters: { resource: 'template', operation: 'get', template_id: locator(VALUE) },
		good: () => values(SEED_IDS.salesTemplate, SEED_IDS.productDemoTemplate),
		bad: { v: { id: SEED_IDS.salesTemplate } },
		label: 'Template',
		problem: 'must be text, not an object',
	},
	{
		title: 'translation.get: a translation ID that is an object',
		parameters: { resource: 'translation', operation: 'get', video_translation_id: VALUE },
		good: async () => values(...(await createTranslations())),
		bad: { v: { id: 1 } },
		label: 'Video Translation ID',
		problem: 'must be text, not an object',
	},
	{
		title: 'translation.download: a blank translation ID',
		parameters: { resource: 'translation', operation: 'download', video_translation_id: VALUE, file: 'video', binaryPropertyName: 'data' },
		good: async () => values(...(await createTranslations())),
		bad: { v: '' },
		label: 'Video Translation ID',
		problem: 'must not be empty',
	},
	{
		title: 'translation.waitForCompletion: a translation ID that is a list',
		parameters: { resource: 'translation', operation: 'waitForCompletion', video_translation_id: VALUE },
		good: async () => values(...(await createTranslations())),
		bad: { v: ['a'] },
		label: 'Video Translation ID',
		problem: 'must be text, not a list',
	},
	{
		title: 'translation.getMany: a limit of -1',
		parameters: { resource: 'translation', operation: 'getMany', returnAll: false, limit: VALUE },
		good: async () => {
			await createTranslations();
			return values(1, 2);
		},
		bad: { v: -1 },
		label: 'Limit',
		problem: 'must be a whole number from 1 to 100, not -1',
	},
	{
		title: 'hyperframesRender.create: a variable value that is null',
		parameters: { resource: 'hyperframesRender', operation: 'create', projectSource: 'binary', inputBinaryField: 'data', variablesInput: 'fields', variables: { variable: [{ name: 'headline', value: VALUE }] }, waitForCompletion: false },
		good: () => values('Q3 results', 'Q4 plans'),
		bad: { v: null },
		label: 'Variable headline',
		problem: 'must be a value, not empty',
		zip: true,
		sent: (requests) => {
			posts('/v3/assets', 2)(requests);
			expect(requests.filter((r) => r.method === 'POST' && r.path === '/v3/hyperframes/renders').map((r) => (r.body as IDataObject).variables)).toEqual([{ headline: 'Q3 results' }, { headline: 'Q4 plans' }]);
		},
	},
	{
		title: 'hyperframesRender.get: a render ID that is an object',
		parameters: { resource: 'hyperframesRender', operation: 'get', render_id: VALUE },
		good: async () => values(...(await createRenders())),
		bad: { v: { id: 1 } },
		label: 'Render ID',
		problem: 'must be text, not an object',
	},
	{
		title: 'hyperframesRender.getMany: a limit above the page of 100',
		parameters: { resource: 'hyperframesRender', operation: 'getMany', returnAll: false, limit: VALUE },
		good: async () => {
			await createRenders();
			return values(1, 2);
		},
		bad: { v: 101 },
		label: 'Limit',
		problem: 'must be a whole number from 1 to 100, not 101',
	},
	{
		title: 'hyperframesRender.waitForCompletion: a render ID that is a list',
		parameters: { resource: 'hyperframesRender', operation: 'waitForCompletion', render_id: VALUE },
		good: async () => values(...(await createRenders())),
		bad: { v: ['a'] },
		label: 'Render ID',
		problem: 'must be text, not a list',
	},
	{
		title: 'hyperframesRender.download: a blank render ID',
		parameters: { resource: 'hyperframesRender', operation: 'download', render_id: VALUE, binaryPropertyName: 'data' },
		good: async () => values(...(await createRenders(true))),
		bad: { v: ' ' },
		label: 'Render ID',
		problem: 'must not be empty',
	},
	{
		title: 'hyperframesRender.delete: a render ID that is null',
		parameters: { resource: 'hyperframesRender', operation: 'delete', render_id: VALUE },
		good: async () => values(...(await createRenders())),
		bad: { v: null },
		label: 'Render ID',
		problem: 'must be text, not empty',
		sent: (requests) => expect(requests.filter((r) => r.method === 'DELETE')).toHaveLength(2),
	},
	{
		title: 'translation.createProofread: a title that is an object',
		parameters: { resource: 'translation', operation: 'createProofread', videoSource: 'url', video_url: 'https://media.example.com/webinar.mp4', output_languages: ['French'], title: VALUE, mode: 'speed', waitForCompletion: false },
		good: () => values('Webinar', 'Demo'),
		bad: { v: { title: 'x' } },
		label: 'Title',
		problem: 'must be text, not an object',
		sent: posts('/v3/video-translations/proofreads', 2),
	},
	{
		title: 'translation.getProofread: a proofread ID that is a list',
		parameters: { resource: 'translation', operation: 'getProofread', proofread_id: VALUE, waitForCompletion: true },
		good: async () => values(...(await createProofreads(false))),
		bad: { v: ['a'] },
		label: 'Proofread ID',
		problem: 'must be text, not a list',
	},
	{
		title: 'translation.downloadProofreadSrt: a blank proofread ID',
		parameters: { resource: 'translation', operation: 'downloadProofreadSrt', proofread_id: VALUE, file: 'edited', binaryPropertyName: 'data' },
		good: async () => values(...(await createProofreads())),
		bad: { v: ' ' },
		label: 'Proofread ID',
		problem: 'must not be empty',
	},
	{
		title: 'translation.uploadProofreadSrt: a proofread ID that is an object',
		parameters: { resource: 'translation', operation: 'uploadProofreadSrt', proofread_id: VALUE, srtSource: 'binary', inputBinaryField: 'data' },
		good: async () => values(...(await createProofreads())),
		bad: { v: { id: 1 } },
		label: 'Proofread ID',
		problem: 'must be text, not an object',
		binary: 'srt',
		sent: (requests) => expect(requests.filter((r) => r.method === 'PUT' && r.status === 200)).toHaveLength(2),
	},
	{
		title: 'translation.generateFromProofread: a Callback ID that is a list',
		parameters: { resource: 'translation', operation: 'generateFromProofread', proofread_id: '={{ $json.proofread }}', callback_id: VALUE, waitForCompletion: false },
		good: async () => {
			const [first, second] = await createProofreads();
			return [
				{ proofread: first, v: 'row-0' },
				{ proofread: second, v: 'row-2' },
			];
		},
		bad: { proofread: 'pr_never_used', v: ['row-1'] },
		label: 'Callback ID',
		problem: 'must be text, not a list',
		sent: posts(/\/generate$/, 2),
	},
	{
		title: 'avatar.get: an avatar ID that is null',
		parameters: { resource: 'avatar', operation: 'get', avatar_id: locator(VALUE) },
		good: () => values(SEED_IDS.studioLook, SEED_IDS.photoLook),
		bad: { v: null },
		label: 'Avatar',
		problem: 'must be text, not empty',
	},
	{
		title: 'avatar.getMany: a limit above the page of 50',
		parameters: { resource: 'avatar', operation: 'getMany', returnAll: false, limit: VALUE },
		good: () => values(1, 2),
		bad: { v: 51 },
		label: 'Limit',
		problem: 'must be a whole number from 1 to 50, not 51',
	},
	{
		title: 'voice.get: a voice ID that is an object',
		parameters: { resource: 'voice', operation: 'get', voice_id: locator(VALUE) },
		good: () => values(SEED_IDS.englishFemaleVoice, SEED_IDS.spanishVoice),
		bad: { v: { id: 'v' } },
		label: 'Voice',
		problem: 'must be text, not an object',
	},
	{
		title: 'voice.getMany: a limit that is text',
		parameters: { resource: 'voice', operation: 'getMany', returnAll: false, limit: VALUE },
		good: () => values(1, 2),
		bad: { v: 'ten' },
		label: 'Limit',
		problem: 'must be a whole number from 1 to 100, not "ten"',
	},
	{
		title: 'voice.generateSpeech: a text that is an object',
		parameters: { resource: 'voice', operation: 'generateSpeech', text: VALUE, voice_id: locator(SEED_IDS.starfishVoice) },
		good: () => values('Welcome', 'Goodbye'),
		bad: { v: { text: 'Hi' } },
		label: 'Text',
		problem: 'must be text, not an object',
		sent: posts('/v3/voices/speech', 2),
	},
	{
		title: 'asset.upload: an input binary field that is a list',
		parameters: { resource: 'asset', operation: 'upload', inputBinaryField: VALUE },
		good: () => values('data', 'data'),
		bad: { v: ['data'] },
		label: 'Input Binary Field',
		problem: 'must be text, not a list',
		binary: true,
		sent: posts('/v3/assets', 2),
	},
	{
		title: 'asset.get: an asset ID that is null',
		parameters: { resource: 'asset', operation: 'get', asset_id: VALUE },
		good: async () => values(...(await uploadAssets())),
		bad: { v: null },
		label: 'Asset ID',
		problem: 'must be text, not empty',
	},
	{
		title: 'asset.delete: a blank asset ID',
		parameters: { resource: 'asset', operation: 'delete', asset_id: VALUE },
		good: async () => values(...(await uploadAssets())),
		bad: { v: '\t' },
		label: 'Asset ID',
		problem: 'must not be empty',
		sent: (requests) => expect(requests.filter((r) => r.method === 'DELETE')).toHaveLength(2),
	},
];

describe('with Continue On Fail, the valid items of the same run still succeed', () => {
	it('covers every operation that takes input', () => {
		const covered = new Set(MIXED.map((run) => run.title.split(':')[0]));
		expect([...covered].sort()).toEqual(offeredOperations().filter((operation) => !WITHOUT_INPUTS.includes(operation)).sort());
	});

	it.each(MIXED.map((run) => [run.title, run] as const))('%s', async (_, run) => {
		const [first, last] = await run.good();
		emulator.requests.length = 0;
		const runItems = [first, run.bad, last].map((json) => (run.zip ? { json, binary: { data: PROJECT_ZIP } } : run.binary === 'srt' ? withSrt(json) : run.binary ? withPng(json) : { json }));

		const result = await runHeyGen(emulator, run.parameters, { items: runItems, continueOnFail: true, baseUrl: publicBaseUrl(emulator) });
		expect(result.error).toBeUndefined();
		const failed = result.output.filter((item) => item.json.error !== undefined);
		expect(failed.map((item) => [item.pairedItem, item.json.error])).toEqual([[{ item: 1 }, `"${run.label}" ${run.problem} [item 1]`]]);
		expect(String(failed[0].json.error_description)).toMatch(/nothing was sent to HeyGen\.$/);
		const succeeded = result.output.filter((item) => item.json.error === undefined);
		expect(new Set(succeeded.map((item) => (item.pairedItem as { item: number }).item))).toEqual(new Set([0, 2]));
		run.sent?.(apiCalls(emulator));
	});
});

describe('the order of work: every item is checked before the first request of any kind', () => {
	it('a translation whose items are all bad reads not even the language list', async () => {
		const result = await runHeyGen(
			emulator,
			{ resource: 'translation', operation: 'create', videoSource: 'url', video_url: VALUE, output_languages: ['French'], mode: 'speed', waitForCompletion: false },
			{ items: items({ v: 'file:///tmp/a.mp4' }, { v: { url: 'x' } }, {}), continueOnFail: true, baseUrl: publicBaseUrl(emulator) },
		);
		expect(result.error).toBeUndefined();
		expect(result.output.map((item) => item.json.error)).toEqual([
			'"Video URL" must be a public address HeyGen can reach, not a file: URL [item 0]',
			'"Video URL" must be text, not an object [item 1]',
			'"Video URL" must be text, not empty [item 2]',
		]);
		expect(apiCalls(emulator)).toEqual([]);
	});

	it('an avatar video that needs its look read (no voice) reads nothing when a later item is bad', async () => {
		const result = await runHeyGen(
			emulator,
			{ resource: 'video', operation: 'createAvatarVideo', avatar_id: locator(SEED_IDS.studioLook), speechSource: 'script', script: 'Hi', voice_id: locator(''), callback_id: VALUE },
			{ items: items({ v: 'a' }, { v: 'b' }, { v: ['c'] }) },
		);
		expect(result.error?.message).toBe('"Callback ID" must be text, not a list [item 2]');
		expect(apiCalls(emulator)).toEqual([]);
	});

	it('with a local Base URL (the emulator itself) local media URLs are sent; other schemes never are', async () => {
		const parameters = { resource: 'video', operation: 'createImageVideo', imageSource: 'url', image_url: VALUE, speechSource: 'script', script: 'Hi', voice_id: locator(SEED_IDS.englishFemaleVoice), waitForCompletion: false };
		const local = await runHeyGen(emulator, parameters, { items: items({ v: 'http://127.0.0.1:9/face.png' }) });
		expect(local.error).toBeUndefined();
		expect((apiCalls(emulator, 'POST', '/v3/videos')[0].body as IDataObject).image).toEqual({ type: 'url', url: 'http://127.0.0.1:9/face.png' });

		emulator.requests.length = 0;
		const file = await runHeyGen(emulator, parameters, { items: items({ v: 'file:///srv/face.png' }) });
		expect(file.error?.message).toBe('"Image URL" must be a public address HeyGen can reach, not a file: URL [item 0]');
		expect(apiCalls(emulator)).toEqual([]);
	});
});
