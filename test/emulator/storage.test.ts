import { mp4File } from '../../emulator/jobs/media';
import { SAMPLE_VIDEO_SECONDS } from '../../emulator/jobs/sampleVideo';
import { avatarVideo, call, sleep, useEmulator, waitForVideo } from './helpers';

const VIDEO_SIZE = 300_000;
const emulator = useEmulator({ videoSizeBytes: VIDEO_SIZE });

async function completedVideo(overrides: Record<string, unknown> = {}) {
	const created = await call(emulator(), 'POST', '/v3/videos', { body: avatarVideo(overrides) });
	return (await waitForVideo(emulator(), created.body.data.video_id)).detail;
}

/** Walks the top-level ISO-BMFF boxes: [type, size] pairs. */
function topLevelBoxes(bytes: Buffer): Array<[string, number]> {
	const boxes: Array<[string, number]> = [];
	for (let offset = 0; offset < bytes.length; ) {
		const size = bytes.readUInt32BE(offset);
		boxes.push([bytes.toString('latin1', offset + 4, offset + 8), size]);
		offset += size;
	}
	return boxes;
}

describe('video downloads', () => {
	it('serves a real MP4 of exactly the configured size from the storage origin', async () => {
		const detail = await completedVideo();
		expect(new URL(detail.video_url).origin).toBe(emulator().storageUrl);
		expect(emulator().storageUrl).not.toBe(emulator().url);
		const response = await fetch(detail.video_url);
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe('video/mp4');
		expect(response.headers.get('content-length')).toBe(String(VIDEO_SIZE));
		const bytes = Buffer.from(await response.arrayBuffer());
		expect(bytes.length).toBe(VIDEO_SIZE);
		expect(bytes.toString('latin1', 4, 8)).toBe('ftyp');
		expect(['isom', 'mp42']).toContain(bytes.toString('latin1', 8, 12));
		const boxes = topLevelBoxes(bytes);
		// The playable sample clip (its moov first, so a player starts at once), then padding to the size.
		expect(boxes.map(([type]) => type)).toEqual(['ftyp', 'moov', 'free', 'mdat', 'free']);
		expect(boxes.reduce((sum, [, size]) => sum + size, 0)).toBe(VIDEO_SIZE);
		const moov = bytes.subarray(boxes[0][1], boxes[0][1] + boxes[1][1]);
		expect(moov.includes('avc1', 0, 'latin1')).toBe(true);
		expect(moov.includes('mp4a', 0, 'latin1')).toBe(true);
		expect(boxes[3][1]).toBeGreaterThan(20_000);
		const mvhd = bytes.indexOf('mvhd', 0, 'latin1');
		// mvhd v0: timescale at +16, duration at +20 from the type field.
		expect(bytes.readUInt32BE(mvhd + 20) / bytes.readUInt32BE(mvhd + 16)).toBeCloseTo(SAMPLE_VIDEO_SECONDS, 1);
	});

	it('serves headers only, with the render’s duration, when the configured size is below the sample clip', () => {
		const file = mp4File(4096, 12.5, 1_796_000_000);
		expect(file.size).toBe(4096);
		const mvhd = file.prefix.indexOf('mvhd', 0, 'latin1');
		expect(file.prefix.readUInt32BE(mvhd + 20) / file.prefix.readUInt32BE(mvhd + 16)).toBe(12.5);
		expect(mp4File(10_000_000_000, 4, 0).prefix.toString('latin1').includes('avc1')).toBe(true);
	});

	it('answers HEAD and a single byte range', async () => {
		const { video_url: url } = await completedVideo();
		const head = await fetch(url, { method: 'HEAD' });
		expect(head.status).toBe(200);
		expect(head.headers.get('content-length')).toBe(String(VIDEO_SIZE));
		expect(head.headers.get('accept-ranges')).toBe('bytes');
		const partial = await fetch(url, { headers: { Range: 'bytes=4-11' } });
		expect(partial.status).toBe(206);
		expect(partial.headers.get('content-range')).toBe(`bytes 4-11/${VIDEO_SIZE}`);
		expect(Buffer.from(await partial.arrayBuffer()).toString('latin1')).toBe('ftypisom');
		const tail = await fetch(url, { headers: { Range: 'bytes=-10' } });
		expect((await tail.arrayBuffer()).byteLength).toBe(10);
		expect((await fetch(url, { headers: { Range: `bytes=${VIDEO_SIZE}-` } })).status).toBe(416);
	});

	it('serves thumbnail, GIF, captions and WebM with their own types', async () => {
		const detail = await completedVideo({
			caption: { file_format: 'srt' },
			script: 'One two three four five six seven eight nine ten.',
		});
		expect((await fetch(detail.thumbnail_url)).headers.get('content-type')).toBe('image/png');
		expect(Buffer.from(await (await fetch(detail.gif_url)).arrayBuffer()).toString('latin1', 0, 6)).toBe('GIF89a');
		const srt = await (await fetch(detail.subtitle_url)).text();
		expect(srt).toMatch(/^1\n00:00:00,000 --> 00:00:\d\d,\d{3}\nOne two three/);
		expect((await fetch(detail.captioned_video_url)).headers.get('content-length')).toBe(String(VIDEO_SIZE));
		const webm = await completedVideo({ output_format: 'webm' });
		const bytes = Buffer.from(await (await fetch(webm.video_url)).arrayBuffer());
		expect(bytes.length).toBe(VIDEO_SIZE);
		expect(bytes.subarray(0, 4)).toEqual(Buffer.from([0x1a, 0x45, 0xdf, 0xa3]));
		expect(bytes.includes(Buffer.from('webm'))).toBe(true);
	});

	it('regenerates the URL with a fresh expiry on every GET and refuses it after expiry', async () => {
		emulator().config.downloadUrlTtlSeconds = 1;
		const detail = await completedVideo();
		const expiresOf = (url: string) => Number(new URL(url).searchParams.get('Expires'));
		expect(expiresOf(detail.video_url) - Date.now() / 1000).toBeLessThanOrEqual(2);
		expect((await fetch(detail.video_url)).status).toBe(200);
		await sleep(1100);
		const again = (await call(emulator(), 'GET', `/v3/videos/${detail.id}`)).body.data;
		expect(expiresOf(again.video_url)).toBeGreaterThan(expiresOf(detail.video_url));
		const listed = (await call(emulator(), 'GET', '/v3/videos')).body.data[0];
		expect(expiresOf(listed.video_url)).toBeGreaterThanOrEqual(expiresOf(again.video_url));
		await sleep(Math.max(0, expiresOf(detail.video_url) * 1000 - Date.now() + 50));
		const expired = await fetch(detail.video_url);
		expect(expired.status).toBe(403);
		expect(expired.headers.get('content-type')).toBe('application/xml');
		expect(await expired.text()).toContain('<Code>AccessDenied</Code><Message>Request has expired</Message>');
	});

	it('refuses tampered or unsigned URLs and 404s deleted videos', async () => {
		const detail = await completedVideo();
		const tampered = new URL(detail.video_url);
		tampered.searchParams.set('Expires', String(Number(tampered.searchParams.get('Expires')) + 3600));
		const refused = await fetch(tampered);
		expect(refused.status).toBe(403);
		expect(await refused.text()).toContain('SignatureDoesNotMatch');
		expect((await fetch(detail.video_url.split('?')[0])).status).toBe(403);
		await call(emulator(), 'DELETE', `/v3/videos/${detail.id}`);
		const gone = await fetch(detail.video_url);
		expect(gone.status).toBe(404);
		expect(await gone.text()).toContain('NoSuchKey');
	});

	it('follows the configured size for new videos and records storage requests', async () => {
		emulator().config.videoSizeBytes = 4096;
		const detail = await completedVideo();
		expect((await (await fetch(detail.video_url)).arrayBuffer()).byteLength).toBe(4096);
		const download = emulator().requests.find((request) => request.server === 'storage');
		expect(download).toMatchObject({ method: 'GET', path: `/videos/${detail.id}.mp4`, status: 200 });
		expect(download?.query.Signature).toMatch(/^[0-9a-f]{64}$/);
	});
});
