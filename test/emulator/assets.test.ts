import { createHash } from 'node:crypto';

import { detectMimeType, SEED_IDS } from '../../emulator';
import {
	avatarVideo,
	call,
	expectError,
	expectValidResponse,
	multipartBody,
	SAMPLE_FILES,
	TEST_BOUNDARY,
	upload,
	uploadSample,
	useEmulator,
	waitForVideo,
	type Json,
} from './helpers';

const emulator = useEmulator();
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const MB = 1024 * 1024;

/** Sends `total` bytes of file content as a stream, never holding more than one 1 MiB chunk. */
async function streamUpload(total: number) {
	const head = Buffer.from(
		`--${TEST_BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="huge.mp4"\r\nContent-Type: video/mp4\r\n\r\n`,
	);
	const chunk = Buffer.alloc(MB, 0x61);
	let sent = 0;
	const body = new ReadableStream<Uint8Array>({
		start(controller) {
			controller.enqueue(head);
		},
		pull(controller) {
			if (sent >= total) {
				controller.enqueue(Buffer.from(`\r\n--${TEST_BOUNDARY}--\r\n`));
				controller.close();
				return;
			}
			const size = Math.min(chunk.length, total - sent);
			sent += size;
			controller.enqueue(chunk.subarray(0, size));
		},
	});
	const init = {
		method: 'POST',
		headers: { 'X-Api-Key': emulator().apiKey, 'Content-Type': `multipart/form-data; boundary=${TEST_BOUNDARY}` },
		body,
		duplex: 'half',
	} as RequestInit;
	const response = await fetch(`${emulator().url}/v3/assets`, init);
	return { status: response.status, body: (await response.json()) as Json };
}

describe('POST /v3/assets', () => {
	it('stores the file, detects its type from the bytes and serves the same bytes back', async () => {
		const bytes = Buffer.concat([SAMPLE_FILES.png, Buffer.from('more pixels')]);
		// Declared as JPEG on purpose: the stored type comes from the magic number.
		const response = await upload(emulator(), bytes, { filename: 'logo.png', contentType: 'image/jpeg' });
		expect(response.status).toBe(200);
		expectValidResponse('uploadAsset', response.body);
		const { asset_id: id, url, mime_type: mimeType, size_bytes: size } = response.body.data;
		expect(id).toMatch(/^[0-9a-f]{32}$/);
		expect({ mimeType, size }).toEqual({ mimeType: 'image/png', size: bytes.length });
		expect(url).toMatch(
			new RegExp(`^${emulator().storageUrl}/uploads/${id}\\.png\\?Expires=\\d+&Signature=[0-9a-f]+$`),
		);

		const served = await fetch(url);
		expect(served.status).toBe(200);
		expect(served.headers.get('content-type')).toBe('image/png');
		expect(Buffer.from(await served.arrayBuffer()).equals(bytes)).toBe(true);
		expect((await fetch(url.split('?')[0])).status).toBe(403);
	});

	it('records the upload as a description of the file, with its sha256', async () => {
		const bytes = SAMPLE_FILES.wav;
		await upload(emulator(), bytes, { filename: 'voice over.wav', contentType: 'audio/x-wav', fields: { note: 'hi' } });
		const recorded = emulator().requests.find((request) => request.endpoint === 'uploadAsset');
		expect(recorded?.body).toEqual({
			note: 'hi',
			file: { filename: 'voice over.wav', mimeType: 'audio/x-wav', size: bytes.length, sha256: sha256(bytes) },
		});
		expect(recorded?.status).toBe(200);
	});

	it.each([
		['png', 'image/png', 'image'],
		['jpeg', 'image/jpeg', 'image'],
		['mp4', 'video/mp4', 'video'],
		['webm', 'video/webm', 'video'],
		['mp3', 'audio/mpeg', 'audio'],
		['mp3FrameSync', 'audio/mpeg', 'audio'],
		['wav', 'audio/wav', 'audio'],
		['pdf', 'application/pdf', 'pdf'],
		['srt', 'application/x-subrip', 'subtitle'],
	] as const)('detects %s as %s (asset type %s)', async (sample, mimeType, type) => {
		const uploaded = await upload(emulator(), SAMPLE_FILES[sample]);
		expect(uploaded.body.data.mime_type).toBe(mimeType);
		const detail = await call(emulator(), 'GET', `/v3/assets/${uploaded.body.data.asset_id}`);
		expectValidResponse('getAsset', detail.body);
		expect(detail.body.data.type).toBe(type);
	});

	it.each([
		['plain text', Buffer.from('just some notes\n'), 'text/plain'],
		['random bytes', Buffer.from([0x00, 0x13, 0x37, 0x42, 0x00, 0x99]), 'application/octet-stream'],
		['a GIF', Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1'), 'image/gif'],
		['an empty file', Buffer.alloc(0), 'application/x-empty'],
	])('refuses %s with 400 on file', async (_, bytes, detected) => {
		const response = await upload(emulator(), bytes, { contentType: 'image/png' });
		expectError(response, 400, 'invalid_parameter', 'file');
		expect(response.body.error.message).toBe(`Stored file type not supported: ${detected}`);
		expect(emulator().state.assets.summary().count).toBe(0);
	});

	it('answers 400 on file without a file part, or without multipart at all', async () => {
		const wrongPart = await upload(emulator(), SAMPLE_FILES.png, { field: 'image' });
		expectError(wrongPart, 400, 'invalid_parameter', 'file');
		expect(wrongPart.body.error.message).toBe('File is required. Upload a file using multipart/form-data.');
		const json = await call(emulator(), 'POST', '/v3/assets', { body: { url: 'https://example.com/a.png' } });
		expectError(json, 400, 'invalid_parameter', 'file');
		expectError(await call(emulator(), 'POST', '/v3/assets'), 400, 'invalid_parameter', 'file');
		const truncated = await fetch(`${emulator().url}/v3/assets`, {
			method: 'POST',
			headers: { 'X-Api-Key': emulator().apiKey, 'Content-Type': `multipart/form-data; boundary=${TEST_BOUNDARY}` },
			body: `--${TEST_BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\n\r\nabc`,
		});
		expect(truncated.status).toBe(400);
		expect(((await truncated.json()) as Json).error.message).toMatch(/closing boundary/);
	});

	it('parses a body that arrives in tiny chunks, with boundary look-alikes inside the file', async () => {
		const bytes = Buffer.concat([
			SAMPLE_FILES.pdf,
			Buffer.from(`\r\n--${TEST_BOUNDARY.slice(0, -1)}X\r\n--\r\n--${TEST_BOUNDARY}`.slice(0, -3)),
			Buffer.from('%%EOF\n'),
		]);
		const whole = multipartBody(bytes, { filename: 'tricky.pdf', fields: { folder: 'root' } });
		let offset = 0;
		const body = new ReadableStream<Uint8Array>({
			pull(controller) {
				if (offset >= whole.length) return controller.close();
				controller.enqueue(whole.subarray(offset, offset + 7));
				offset += 7;
			},
		});
		const response = await fetch(`${emulator().url}/v3/assets`, {
			method: 'POST',
			headers: { 'X-Api-Key': emulator().apiKey, 'Content-Type': `multipart/form-data; boundary="${TEST_BOUNDARY}"` },
			body,
			duplex: 'half',
		} as RequestInit);
		const data = ((await response.json()) as Json).data;
		expect(data).toMatchObject({ mime_type: 'application/pdf', size_bytes: bytes.length });
		const served = Buffer.from(await (await fetch(data.url)).arrayBuffer());
		expect(sha256(served)).toBe(sha256(bytes));
	});

	it('needs the API key before it looks at the file', async () => {
		const response = await fetch(`${emulator().url}/v3/assets`, {
			method: 'POST',
			headers: { 'Content-Type': `multipart/form-data; boundary=${TEST_BOUNDARY}` },
			body: 'irrelevant',
		});
		expect(response.status).toBe(401);
	});

	it('answers 413 payload_too_large for a 33 MB upload streamed in, and stores nothing', async () => {
		const response = await streamUpload(33 * MB);
		expect(response.status).toBe(413);
		expect(response.body.error).toMatchObject({ code: 'payload_too_large' });
		expect(emulator().state.assets.summary().count).toBe(0);
		const recorded = emulator().requests.find((request) => request.endpoint === 'uploadAsset');
		expect(recorded).toMatchObject({ status: 413, body: { file: { filename: 'huge.mp4', sha256: null } } });
	});

	it('takes a file of exactly 32 MB', async () => {
		const response = await streamUpload(32 * MB);
		expect(response.status).toBe(400); // all 'a' bytes: stored type not supported, but not too large
		expect(response.body.error.message).toBe('Stored file type not supported: text/plain');
	});
});

describe('GET and DELETE /v3/assets/{asset_id}', () => {
	it('describes the asset with a fresh URL, then deletes it for good', async () => {
		const uploaded = (await upload(emulator(), SAMPLE_FILES.mp4, { filename: 'clip.mp4' })).body.data;
		const detail = await call(emulator(), 'GET', `/v3/assets/${uploaded.asset_id}`);
		expect(detail.body.data).toEqual({
			id: uploaded.asset_id,
			name: 'clip.mp4',
			owner: 'emulator_user',
			space_id: expect.stringMatching(/^[0-9a-f]{32}$/),
			type: 'video',
			uploaded_at: expect.any(Number),
			folder_id: null,
			url: expect.stringContaining(`/uploads/${uploaded.asset_id}.mp4?`),
		});
		expect(Buffer.from(await (await fetch(detail.body.data.url)).arrayBuffer()).equals(SAMPLE_FILES.mp4)).toBe(true);

		const deleted = await call(emulator(), 'DELETE', `/v3/assets/${uploaded.asset_id}`);
		expectValidResponse('deleteAsset', deleted.body);
		expect(deleted.body.data).toEqual({ id: uploaded.asset_id });
		expectError(await call(emulator(), 'GET', `/v3/assets/${uploaded.asset_id}`), 404, 'asset_not_found');
		expectError(await call(emulator(), 'DELETE', `/v3/assets/${uploaded.asset_id}`), 404, 'asset_not_found');
		expect((await fetch(uploaded.url)).status).toBe(404);
	});

	it('answers 404 asset_not_found for unknown ids', async () => {
		expectError(await call(emulator(), 'GET', '/v3/assets/nope'), 404, 'asset_not_found');
	});
});

describe('asset ids in video bodies', () => {
	it('renders with uploaded audio, image and background assets', async () => {
		const audio = await uploadSample(emulator(), 'mp3');
		const image = await uploadSample(emulator(), 'jpeg');
		const avatar = await call(emulator(), 'POST', '/v3/videos', {
			body: {
				type: 'avatar',
				avatar_id: SEED_IDS.studioLook,
				audio_asset_id: audio,
				background: { type: 'image', asset_id: image },
			},
		});
		expect(avatar.status).toBe(200);
		const picture = await call(emulator(), 'POST', '/v3/videos', {
			body: { type: 'image', image: { type: 'asset_id', asset_id: image }, audio_asset_id: audio },
		});
		expect(picture.status).toBe(200);
		expect((await waitForVideo(emulator(), picture.body.data.video_id)).detail.status).toBe('completed');
	});

	it.each([
		['audio_asset_id', { audio_asset_id: 'missing', script: undefined }, 'audio_asset_id'],
		['background.asset_id', { background: { type: 'image', asset_id: 'missing' } }, 'background.asset_id'],
		[
			'watermark.image.asset_id',
			{ watermark: { image: { type: 'asset_id', asset_id: 'missing' } } },
			'watermark.image.asset_id',
		],
	])('answers 404 asset_not_found on %s for an unknown id', async (_, overrides, param) => {
		const response = await call(emulator(), 'POST', '/v3/videos', { body: avatarVideo(overrides) });
		expectError(response, 404, 'asset_not_found', param);
		expect(emulator().state.videos.size).toBe(0);
	});

	it('answers 404 for a deleted asset and 400 for an asset of the wrong kind', async () => {
		const image = await uploadSample(emulator(), 'png');
		const wrongKind = await call(emulator(), 'POST', '/v3/videos', {
			body: avatarVideo({ script: undefined, audio_asset_id: image }),
		});
		expectError(wrongKind, 400, 'invalid_parameter', 'audio_asset_id');
		expect(wrongKind.body.error.message).toContain('must be an audio asset');
		await call(emulator(), 'DELETE', `/v3/assets/${image}`);
		const deleted = await call(emulator(), 'POST', '/v3/videos', {
			body: {
				type: 'image',
				image: { type: 'asset_id', asset_id: image },
				script: 'Hi',
				voice_id: SEED_IDS.spanishVoice,
			},
		});
		expectError(deleted, 404, 'asset_not_found', 'image.asset_id');
	});
});

describe('detectMimeType', () => {
	it('tells ISO-BMFF stills and audio from MP4 video, and Matroska from WebM', () => {
		const brand = (name: string) =>
			Buffer.concat([Buffer.from([0, 0, 0, 0x14]), Buffer.from(`ftyp${name}`), Buffer.alloc(8)]);
		expect(detectMimeType(brand('heic'))).toBe('image/heic');
		expect(detectMimeType(brand('M4A '))).toBe('audio/mp4');
		expect(detectMimeType(brand('mp42'))).toBe('video/mp4');
		const ebml = (docType: string) =>
			Buffer.concat([Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0x42, 0x82, 0x88]), Buffer.from(docType)]);
		expect(detectMimeType(ebml('matroska'))).toBe('video/x-matroska');
		expect(detectMimeType(Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('AVI ')]))).toBe(
			'video/x-msvideo',
		);
	});
});
