import { invalidParameter } from '../http/errors';
import { dataReply } from '../http/reply';
import { requireVoice } from '../jobs/rendering';
import { speechUrl } from '../jobs/storage';
import type { HandlerTable } from './context';

/** Speaking rate at speed 1, the same as the video renders assume. */
const WORDS_PER_SECOND = 2.5;

const XML_ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Seconds of an SSML `<break time="750ms"/>` or `time="1.5s"`; a bare break is a medium pause. */
function breakSeconds(tag: string): number {
	const time = /time\s*=\s*["']?\s*([\d.]+)\s*(ms|s)\b/i.exec(tag);
	if (!time) return 0.5;
	const value = Number(time[1]);
	return time[2].toLowerCase() === 'ms' ? value / 1000 : value;
}

/** The words to speak, in order, with the pause (seconds) that comes before each. */
function wordsOf(text: string, ssml: boolean, pausesAllowed: boolean): Array<{ word: string; pauseBefore: number }> {
	if (!ssml)
		return text
			.split(/\s+/)
			.filter(Boolean)
			.map((word) => ({ word, pauseBefore: 0 }));
	const words: Array<{ word: string; pauseBefore: number }> = [];
	let pause = 0;
	for (const token of text.split(/(<[^>]*>)/)) {
		if (token.startsWith('<')) {
			if (pausesAllowed && /^<\s*break\b/i.test(token)) pause += breakSeconds(token);
			continue;
		}
		const decoded = token.replace(/&(amp|lt|gt|quot|apos);/g, (_, name: string) => XML_ENTITIES[name]);
		for (const word of decoded.split(/\s+/).filter(Boolean)) {
			words.push({ word, pauseBefore: pause });
			pause = 0;
		}
	}
	return words;
}

const round3 = (seconds: number) => Math.round(seconds * 1000) / 1000;

export const speechHandlers: HandlerTable = {
	createSpeech: ({ body, now, services }) => {
		const voice = requireVoice(services.catalog, body.voice_id, 'voice_id');
		if (!voice.engines.includes('starfish')) {
			throw invalidParameter(
				'voice_id',
				`Voice '${voice.voiceId}' does not support speech generation: use a Starfish voice (GET /v3/voices?engine=starfish).`,
			);
		}
		const words = wordsOf(body.text, body.input_type === 'ssml', voice.supportPause);
		if (words.length === 0) throw invalidParameter('text', "'text' has no words to speak.");
		const secondsPerWord = 1 / WORDS_PER_SECOND / (body.speed ?? 1);
		let cursor = 0;
		const timestamps = words.map(({ word, pauseBefore }) => {
			const start = cursor + pauseBefore;
			cursor = start + secondsPerWord;
			return { word, start: round3(start), end: round3(cursor) };
		});
		const duration = round3(cursor);
		const clip = services.state.addSpeechClip(duration, now);
		return dataReply({
			audio_url: speechUrl(clip, services.signer, now),
			duration,
			request_id: clip.id,
			word_timestamps: timestamps,
		});
	},
};
