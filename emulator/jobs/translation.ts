import type { TranslationTimings } from '../settings/config';

/**
 * Display names of `GET /v3/video-translations/languages`; `output_languages` takes these exact
 * strings (the spec calls them codes, its examples are names).
 */
export const TRANSLATION_LANGUAGES: readonly string[] = Object.freeze([
	'English',
	'English - Your Accent',
	'Spanish (Spain)',
	'Spanish (Mexico)',
	'French',
	'French (Canada)',
	'German',
	'Italian',
	'Portuguese (Brazil)',
	'Portuguese (Portugal)',
	'Dutch',
	'Polish',
	'Swedish',
	'Danish',
	'Norwegian',
	'Finnish',
	'Turkish',
	'Greek',
	'Russian',
	'Ukrainian',
	'Arabic',
	'Hebrew',
	'Hindi',
	'Indonesian',
	'Vietnamese',
	'Thai',
	'Japanese',
	'Korean',
	'Chinese (Mandarin, Simplified)',
	'Chinese (Cantonese, Traditional)',
]);

/** `input_language` when the body gives none (HeyGen detects it; the emulator assumes English). */
export const DEFAULT_INPUT_LANGUAGE = 'English';

/** Source length when the emulator cannot know it (an outside URL). */
export const ASSUMED_SOURCE_SECONDS = 30;

/** Credits per translated second, by mode (not published for v3; precision assumed dearer). */
export const TRANSLATION_CREDITS_PER_SECOND: Readonly<Record<string, number>> = { speed: 0.05, precision: 0.1 };

export const TRANSLATION_FAILURES = Object.freeze({
	download: 'Could not download the source video.',
	magic: 'Video translation failed: the speech could not be separated from the background audio.',
});

export type TranslationStatus = 'pending' | 'running' | 'completed' | 'failed';

/** A failure at `pending` never reaches `running` (the source could not be fetched). */
export type TranslationOutcome =
	| { status: 'completed' }
	| { status: 'failed'; stage: 'pending' | 'running'; failureMessage: string };

/** What is decided about one output language when the create is accepted. */
export interface TranslationPlan {
	title: string | null;
	inputLanguage: string;
	outputLanguage: string;
	durationSeconds: number;
	translateAudioOnly: boolean;
	captions: boolean;
	callbackId: string | null;
	callbackUrl: string | null;
	costCredits: number;
	outcome: TranslationOutcome;
	/** SubRip text its captions come from (a proofread's edited subtitles); made up from the title otherwise. */
	subtitles?: string;
}

/** One translation job; like videos, its status comes from the clock. */
export interface TranslationJob extends TranslationPlan {
	id: string;
	sequence: number;
	createdAtMs: number;
	runningAtMs: number;
	finishedAtMs: number;
	sizeBytes: number;
	/** Translations cannot be deleted through the API; kept for the shared billing rules. */
	deletedAtMs: null;
	charged: boolean;
}

/** The clock of a job on HeyGen's dubbing pipeline (translations, and lipsyncs with the same statuses). */
export type DubbingClock = Omit<TranslationJob, keyof TranslationPlan>;

export function translationStatusAt(job: Pick<TranslationJob, 'runningAtMs' | 'finishedAtMs' | 'outcome'>, now: number): TranslationStatus {
	if (now < job.runningAtMs) return 'pending';
	if (now < job.finishedAtMs) return 'running';
	return job.outcome.status;
}

export function scheduleTranslation<P extends Pick<TranslationPlan, 'outcome'>>(
	plan: P,
	id: string,
	sequence: number,
	now: number,
	timings: TranslationTimings,
	sizeBytes: number,
): P & DubbingClock {
	const runningAtMs = now + timings.pendingMs;
	const failsEarly = plan.outcome.status === 'failed' && plan.outcome.stage === 'pending';
	return {
		...plan,
		id,
		sequence,
		createdAtMs: now,
		runningAtMs,
		finishedAtMs: failsEarly ? runningAtMs : runningAtMs + timings.runningMs,
		sizeBytes,
		deletedAtMs: null,
		charged: false,
	};
}
