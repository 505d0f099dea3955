import { CATALOG, SEED_IDS } from '../../emulator';
import { call, expectError, expectValidResponse, useEmulator } from './helpers';

const emulator = useEmulator();

function speak(body: Record<string, unknown>) {
	return call(emulator(), 'POST', '/v3/voices/speech', { body });
}

/** Walks the MPEG frames after an ID3v2 tag: [frame count, bytes per frame]. */
function mpegFrames(bytes: Buffer): { frames: number; frameBytes: number } {
	const tagSize = ((bytes[6] & 0x7f) << 21) | ((bytes[7] & 0x7f) << 14) | ((bytes[8] & 0x7f) << 7) | (bytes[9] & 0x7f);
	let offset = 10 + tagSize;
	let frames = 0;
	// MPEG-1 Layer III: 144 * bitrate / sample rate bytes per frame.
	const frameBytes = Math.floor((144 * 32_000) / 44_100);
	while (offset + 4 <= bytes.length) {
		expect(bytes[offset]).toBe(0xff);
		expect(bytes[offset + 1] & 0xe0).toBe(0xe0);
		frames++;
		offset += frameBytes;
	}
	expect(offset).toBe(bytes.length);
	return { frames, frameBytes };
}

describe('POST /v3/voices/speech', () => {
	it('answers word timestamps at 2.5 words per second and a real MP3 on the storage origin', async () => {
		const response = await speak({ text: 'Hello from HeyGen! This is a test.', voice_id: SEED_IDS.starfishVoice });
		expect(response.status).toBe(200);
		expectValidResponse('createSpeech', response.body);
		const { audio_url: url, duration, request_id: requestId, word_timestamps: words } = response.body.data;
		expect(words).toEqual([
			{ word: 'Hello', start: 0, end: 0.4 },
			{ word: 'from', start: 0.4, end: 0.8 },
			{ word: 'HeyGen!', start: 0.8, end: 1.2 },
			{ word: 'This', start: 1.2, end: 1.6 },
			{ word: 'is', start: 1.6, end: 2 },
			{ word: 'a', start: 2, end: 2.4 },
			{ word: 'test.', start: 2.4, end: 2.8 },
		]);
		expect(duration).toBe(2.8);
		expect(requestId).toMatch(/^req_[0-9a-f]{24}$/);
		expect(url).toMatch(
			new RegExp(`^${emulator().storageUrl}/speech/${requestId}\\.mp3\\?Expires=\\d+&Signature=[0-9a-f]+$`),
		);

		const audio = await fetch(url);
		expect(audio.status).toBe(200);
		expect(audio.headers.get('content-type')).toBe('audio/mpeg');
		const bytes = Buffer.from(await audio.arrayBuffer());
		expect(bytes.toString('latin1', 0, 3)).toBe('ID3');
		expect(bytes.length).toBeLessThan(20_000);
		const { frames } = mpegFrames(bytes);
		expect(frames * (1152 / 44_100)).toBeCloseTo(duration, 1);
		expect((await fetch(url.split('?')[0])).status).toBe(403);
	});

	it('scales timings with speed and honours SSML breaks on voices that support pauses', async () => {
		const fast = await speak({ text: 'one two three four', voice_id: SEED_IDS.starfishVoice, speed: 2 });
		expect(fast.body.data.duration).toBe(0.8);
		expect(fast.body.data.word_timestamps[3]).toEqual({ word: 'four', start: 0.6, end: 0.8 });

		const voice = CATALOG.voices.find((candidate) => candidate.voiceId === SEED_IDS.starfishVoice)!;
		expect(voice.supportPause).toBe(true);
		const ssml = await speak({
			text: '<speak>Wait <break time="500ms"/> for it &amp; <break time="1s"/> go</speak>',
			input_type: 'ssml',
			voice_id: SEED_IDS.starfishVoice,
		});
		expect(ssml.body.data.word_timestamps).toEqual([
			{ word: 'Wait', start: 0, end: 0.4 },
			{ word: 'for', start: 0.9, end: 1.3 },
			{ word: 'it', start: 1.3, end: 1.7 },
			{ word: '&', start: 1.7, end: 2.1 },
			{ word: 'go', start: 3.1, end: 3.5 },
		]);
	});

	it('answers 404 voice_not_found and 400 for a voice without speech generation', async () => {
		expectError(await speak({ text: 'Hi', voice_id: 'no_such_voice' }), 404, 'voice_not_found', 'voice_id');
		const refused = await speak({ text: 'Hi', voice_id: SEED_IDS.nonStarfishVoice });
		expectError(refused, 400, 'invalid_parameter', 'voice_id');
		expect(refused.body.error.message).toMatch(/does not support speech generation/);
	});

	it.each([
		['no voice', { text: 'Hi' }, 'voice_id'],
		['an empty text', { text: '  ', voice_id: SEED_IDS.starfishVoice }, 'text'],
		['a speed out of range', { text: 'Hi', voice_id: SEED_IDS.starfishVoice, speed: 2.5 }, 'speed'],
		['an unknown field', { text: 'Hi', voice_id: SEED_IDS.starfishVoice, emotion: 'happy' }, 'emotion'],
	])('answers 400 for %s', async (_, body, param) => {
		expectError(await speak(body), 400, 'invalid_parameter', param);
	});

	it('presigns the clip URL with the configured lifetime', async () => {
		emulator().config.downloadUrlTtlSeconds = 60;
		const { audio_url: url } = (await speak({ text: 'Short', voice_id: SEED_IDS.starfishVoice })).body.data;
		const expires = Number(new URL(url).searchParams.get('Expires'));
		expect(expires - Date.now() / 1000).toBeGreaterThan(58);
		expect(expires - Date.now() / 1000).toBeLessThanOrEqual(61);
		const tampered = new URL(url);
		tampered.searchParams.set('Expires', String(expires + 60));
		expect((await fetch(tampered)).status).toBe(403);
		expect(emulator().state.summary().speech_clips).toBe(1);
	});
});
