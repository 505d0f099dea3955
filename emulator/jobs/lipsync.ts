import type { TranslationTimings } from '../settings/config';
import { scheduleTranslation, translationStatusAt, type DubbingClock, type TranslationOutcome, type TranslationStatus } from './translation';

/** Credits per second of output by mode (HeyGen's enterprise rates: speed 0.05, precision 0.1). */
export const LIPSYNC_CREDITS_PER_SECOND: Readonly<Record<string, number>> = { speed: 0.05, precision: 0.1 };

export const LIPSYNC_FAILURES = Object.freeze({
	download: (what: 'video' | 'audio', url: string) => `Failed to download the ${what} from ${url}: the host could not be resolved.`,
	magic: 'Lipsync failed: no face could be tracked in the video.',
});

/** What is decided about a lipsync when it is accepted. */
export interface LipsyncPlan {
	title: string | null;
	mode: string;
	durationSeconds: number;
	captions: boolean;
	callbackId: string | null;
	callbackUrl: string | null;
	costCredits: number;
	outcome: TranslationOutcome;
}

/** A lipsync job: HeyGen runs it on the dubbing pipeline, so it keeps a translation's clock and statuses. */
export type LipsyncJob = LipsyncPlan & DubbingClock;

export function lipsyncStatusAt(job: LipsyncJob, now: number): TranslationStatus {
	return translationStatusAt(job, now);
}

export function scheduleLipsync(plan: LipsyncPlan, id: string, sequence: number, now: number, timings: TranslationTimings, sizeBytes: number): LipsyncJob {
	return scheduleTranslation(plan, id, sequence, now, timings, sizeBytes);
}
