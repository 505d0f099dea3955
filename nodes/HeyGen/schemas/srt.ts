/** One SubRip cue: its times in milliseconds and its text lines. */
export interface SrtCue {
	start: number;
	end: number;
	text: string;
}

export type SrtParse = { ok: true; cues: SrtCue[] } | { ok: false; problem: string };

const TIMING = /^(\d{1,2}):(\d{2}):(\d{2})[,.](\d{3})\s*-->\s*(\d{1,2}):(\d{2}):(\d{2})[,.](\d{3})(?:\s.*)?$/;

function millis(hours: string, minutes: string, seconds: string, ms: string): number | undefined {
	if (Number(minutes) > 59 || Number(seconds) > 59) return undefined;
	return ((Number(hours) * 60 + Number(minutes)) * 60 + Number(seconds)) * 1000 + Number(ms);
}

function shown(line: string): string {
	return JSON.stringify(line.length > 40 ? `${line.slice(0, 37)}...` : line);
}

/**
 * Reads SubRip text as HeyGen takes it: numbered cues, each a timing line
 * (`00:00:01,000 --> 00:00:04,000`) and at least one line of text, separated by blank lines.
 * The first problem is named by its cue, so a reviewer's slip can be found.
 */
export function parseSrt(source: string): SrtParse {
	const text = source.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').trim();
	if (text === '') return { ok: false, problem: 'is empty' };
	const blocks = text.split(/\n[ \t]*\n+/);
	const cues: SrtCue[] = [];
	for (const [position, block] of blocks.entries()) {
		const lines = block.split('\n').map((line) => line.trimEnd());
		const number = position + 1;
		if (!/^\d+$/.test(lines[0].trim())) return { ok: false, problem: `has no cue number where cue ${number} starts (found ${shown(lines[0])})` };
		const timing = TIMING.exec((lines[1] ?? '').trim());
		if (!timing) return { ok: false, problem: `has no timing line "HH:MM:SS,mmm --> HH:MM:SS,mmm" in cue ${number} (found ${shown(lines[1] ?? '')})` };
		const start = millis(timing[1], timing[2], timing[3], timing[4]);
		const end = millis(timing[5], timing[6], timing[7], timing[8]);
		if (start === undefined || end === undefined) return { ok: false, problem: `has a time past 59 minutes or seconds in cue ${number}` };
		if (end < start) return { ok: false, problem: `has cue ${number} ending before it starts` };
		const cueText = lines.slice(2).join('\n').trim();
		if (cueText === '') return { ok: false, problem: `has no text in cue ${number}` };
		cues.push({ start, end, text: cueText });
	}
	return { ok: true, cues };
}

function clock(ms: number, separator: ',' | '.'): string {
	const pad = (value: number, width: number) => String(value).padStart(width, '0');
	return `${pad(Math.floor(ms / 3_600_000), 2)}:${pad(Math.floor(ms / 60_000) % 60, 2)}:${pad(Math.floor(ms / 1000) % 60, 2)}${separator}${pad(ms % 1000, 3)}`;
}

/** Cues written back as SubRip (numbered from 1), or as WebVTT. */
export function writeSubtitles(cues: readonly SrtCue[], format: 'srt' | 'vtt' = 'srt'): string {
	const separator = format === 'srt' ? ',' : '.';
	const blocks = cues.map((cue, index) => {
		const timing = `${clock(cue.start, separator)} --> ${clock(cue.end, separator)}`;
		return `${format === 'srt' ? `${index + 1}\n` : ''}${timing}\n${cue.text}\n`;
	});
	return `${format === 'vtt' ? 'WEBVTT\n\n' : ''}${blocks.join('\n')}`;
}
