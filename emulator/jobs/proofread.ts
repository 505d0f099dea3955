import { writeSubtitles, type SrtCue } from '../../nodes/HeyGen/schemas/srt';
import type { TranslationTimings } from '../settings/config';

export type ProofreadStatus = 'processing' | 'completed' | 'failed';

export const PROOFREAD_FAILURES = Object.freeze({
	download: 'Could not download the source video.',
	srtDownload: 'Could not download the SRT file.',
	magic: 'Proofread failed: the speech could not be transcribed.',
	/** The generated translation fails when its subtitles hold the magic failure marker. */
	generation: 'Video translation failed: the edited subtitles could not be aligned with the speech.',
});

export type ProofreadOutcome = { status: 'completed' } | { status: 'failed'; failureMessage: string };

/** Subtitles as HeyGen holds them: text it serves, or a file elsewhere it was pointed at. */
export type SubtitleSource = { kind: 'text'; text: string } | { kind: 'url'; url: string };

/** What is decided about one output language when the create is accepted. */
export interface ProofreadPlan {
	title: string;
	inputLanguage: string;
	outputLanguage: string;
	mode: 'speed' | 'precision';
	durationSeconds: number;
	outcome: ProofreadOutcome;
	/** The subtitles once ready (HeyGen's translation); replaced by each uploaded edit. */
	subtitles: SubtitleSource;
	/** The SRT given at creation, kept as HeyGen keeps it (a copy of an upload, or the URL it was given by). */
	original: SubtitleSource | null;
}

/** One proofread: `processing` until `readyAtMs`, then its outcome. */
export interface ProofreadJob extends ProofreadPlan {
	id: string;
	sequence: number;
	createdAtMs: number;
	readyAtMs: number;
}

export function proofreadStatusAt(job: ProofreadJob, now: number): ProofreadStatus {
	return now < job.readyAtMs ? 'processing' : job.outcome.status;
}

/** Making subtitles takes as long as a translation's pending and running stages. */
export function scheduleProofread(plan: ProofreadPlan, id: string, sequence: number, now: number, timings: TranslationTimings): ProofreadJob {
	return { ...plan, id, sequence, createdAtMs: now, readyAtMs: now + timings.pendingMs + timings.runningMs };
}

/** About four seconds a cue. */
const CUE_MS = 4000;

/** The lines HeyGen's emulator "translates" a video into: one sentence a cue, spread over the video. */
export function translatedSubtitles(title: string, language: string, durationSeconds: number): string {
	const lines = [
		`Welcome to ${title}.`,
		`These are the ${language} subtitles of this video.`,
		'Read every line before the video is made.',
		'Thanks for watching.',
	];
	const totalMs = Math.max(1000, Math.round(durationSeconds * 1000));
	const count = Math.max(1, Math.min(lines.length, Math.floor(totalMs / CUE_MS)));
	const span = totalMs / count;
	const cues = lines.slice(0, count).map((text, index) => ({ start: Math.round(index * span), end: Math.round((index + 1) * span), text }));
	return writeSubtitles(cues);
}

/** The cues of an SRT given at creation, "translated" into the output language (marked with it). */
export function translateCues(cues: readonly SrtCue[], language: string): string {
	return writeSubtitles(cues.map((cue) => ({ ...cue, text: `(${language}) ${cue.text}` })));
}
