import type { HyperframesFormat } from '../../nodes/HeyGen/schemas';
import type { VideoTimings } from '../settings/config';

export type RenderStatus = 'queued' | 'rendering' | 'completed' | 'failed';

/** A failure while `queued` never reaches `rendering` (the project could not be fetched). */
export type RenderOutcome = { status: 'completed' } | { status: 'failed'; stage: 'queued' | 'rendering'; failureMessage: string };

/** What is decided about a HyperFrames render when it is accepted. */
export interface RenderPlan {
	title: string | null;
	callbackId: string | null;
	callbackUrl: string | null;
	fps: number;
	quality: string;
	format: HyperframesFormat;
	resolution: string;
	aspectRatio: string;
	composition: string;
	durationSeconds: number;
	costCredits: number;
	outcome: RenderOutcome;
}

/** One render; like videos, its status comes from the clock. */
export interface HyperframesRender extends RenderPlan {
	id: string;
	sequence: number;
	createdAtMs: number;
	renderingAtMs: number;
	finishedAtMs: number;
	sizeBytes: number;
	/** Soft-deleted: it answers 404 afterwards; deleted before it finished, it is never charged. */
	deletedAtMs: number | null;
	charged: boolean;
}

/** Credits per rendered second at 1080p (not published; assumed), and the published 4K multiplier. */
export const RENDER_CREDITS_PER_SECOND = 0.05;
export const RESOLUTION_PRICE_FACTOR: Readonly<Record<string, number>> = { '1080p': 1, '4k': 1.5 };
/** A composition's length is in its HTML, which the emulator does not run: assumed. */
export const ASSUMED_RENDER_SECONDS = 10;

export const RENDER_FAILURES = Object.freeze({
	download: (url: string) => `Could not download the project from ${url}: the host could not be resolved.`,
	magic: 'Rendering failed: the composition threw an error in the browser (Uncaught TypeError at index.html).',
});

export function renderStatusAt(render: HyperframesRender, now: number): RenderStatus {
	if (now < render.renderingAtMs) return 'queued';
	if (now < render.finishedAtMs) return 'rendering';
	return render.outcome.status;
}

/** Starts a render's clock: `queued` as long as a video is `pending`, `rendering` as long as it is `processing`. */
export function scheduleRender(plan: RenderPlan, id: string, sequence: number, now: number, timings: VideoTimings, sizeBytes: number): HyperframesRender {
	const renderingAtMs = now + timings.pendingMs;
	const failsEarly = plan.outcome.status === 'failed' && plan.outcome.stage === 'queued';
	return {
		...plan,
		id,
		sequence,
		createdAtMs: now,
		renderingAtMs,
		finishedAtMs: failsEarly ? renderingAtMs : renderingAtMs + timings.processingMs,
		sizeBytes,
		deletedAtMs: null,
		charged: false,
	};
}
