import { parseSrt, writeSubtitles } from '../../nodes/HeyGen/schemas/srt';

const SRT = '1\n00:00:01,000 --> 00:00:04,500\nHello there.\nSecond line.\n\n2\n00:00:04,500 --> 00:01:02,250\nGoodbye.\n';

describe('parseSrt', () => {
	it('reads numbered cues with their times and text, whatever the line endings and BOM', () => {
		const expected = [
			{ start: 1000, end: 4500, text: 'Hello there.\nSecond line.' },
			{ start: 4500, end: 62250, text: 'Goodbye.' },
		];
		expect(parseSrt(SRT)).toEqual({ ok: true, cues: expected });
		expect(parseSrt(`\uFEFF${SRT.replace(/\n/g, '\r\n')}\r\n\r\n`)).toEqual({ ok: true, cues: expected });
		// A dot before the milliseconds and position hints after the timing are tolerated, as players do.
		expect(parseSrt('1\n00:00:00.000 --> 00:00:01.000 X1:10\nHi\n')).toEqual({ ok: true, cues: [{ start: 0, end: 1000, text: 'Hi' }] });
	});

	it('names the first problem by its cue', () => {
		expect(parseSrt('  \n')).toEqual({ ok: false, problem: 'is empty' });
		expect(parseSrt('Hello world')).toEqual({ ok: false, problem: 'has no cue number where cue 1 starts (found "Hello world")' });
		expect(parseSrt('1\n00:00:01 --> 00:00:02\nHi')).toEqual({
			ok: false,
			problem: 'has no timing line "HH:MM:SS,mmm --> HH:MM:SS,mmm" in cue 1 (found "00:00:01 --> 00:00:02")',
		});
		expect(parseSrt(`${SRT}\n3\n00:01:05,000 --> 00:01:04,000\nBackwards`)).toEqual({ ok: false, problem: 'has cue 3 ending before it starts' });
		expect(parseSrt('1\n00:00:00,000 --> 00:00:01,000\nHi\n\n2\n00:00:01,000 --> 00:00:02,000\n')).toEqual({ ok: false, problem: 'has no text in cue 2' });
		expect(parseSrt('1\n00:61:00,000 --> 00:62:00,000\nHi')).toEqual({ ok: false, problem: 'has a time past 59 minutes or seconds in cue 1' });
	});
});

describe('writeSubtitles', () => {
	it('writes cues back as SubRip, renumbered, and as WebVTT', () => {
		const parsed = parseSrt(SRT.replace(/^1\n/, '7\n'));
		if (!parsed.ok) throw new Error(parsed.problem);
		expect(writeSubtitles(parsed.cues)).toBe(SRT);
		expect(writeSubtitles(parsed.cues, 'vtt')).toBe(
			'WEBVTT\n\n00:00:01.000 --> 00:00:04.500\nHello there.\nSecond line.\n\n00:00:04.500 --> 00:01:02.250\nGoodbye.\n',
		);
	});
});
