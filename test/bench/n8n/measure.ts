/**
 * The figures of one benchmark run, computed from what the emulator recorded (its request log and
 * its videos) and what the n8n execution put out. Pure, so each rule is unit-tested.
 */

/** The part of an emulator request record the figures use. */
export interface LoggedRequest {
	server: string;
	method: string;
	path: string;
	status?: number;
	receivedAt: number;
	finishedAt?: number;
}

/** The part of an emulator video summary the figures use. */
export interface EmulatorVideo {
	id: string;
	status: string;
	created_at_ms: number;
	finishes_at_ms: number;
}

/** A video an output item reports: its id and status, as far as the item says. */
export interface ReportedVideo {
	id?: string;
	status?: string;
}

export interface StatusRequests {
	/** `GET /v3/videos` (a list page counts once). */
	list: number;
	/** `GET /v3/videos/{video_id}`. */
	single: number;
	/** `GET /v3/videos/statuses` (one call reads up to 100 videos). */
	bulk: number;
	/** `GET /v3/videos/batches/{batch_id}`. */
	batch: number;
	total: number;
}

const RESERVED_VIDEO_PATHS = new Set(['statuses', 'batches']);

/** Every request that asks how renders are doing, by kind; answered with 429 or not, each counts. */
export function countStatusRequests(requests: LoggedRequest[]): StatusRequests {
	const counts = { list: 0, single: 0, bulk: 0, batch: 0 };
	for (const request of requests) {
		if (request.server !== 'api' || request.method !== 'GET') continue;
		const path = request.path.replace(/\/+$/, '');
		if (path === '/v3/videos') counts.list++;
		else if (path === '/v3/videos/statuses') counts.bulk++;
		else if (/^\/v3\/videos\/batches\/[^/]+$/.test(path)) counts.batch++;
		else {
			const single = /^\/v3\/videos\/([^/]+)$/.exec(path);
			if (single && !RESERVED_VIDEO_PATHS.has(single[1])) counts.single++;
		}
	}
	return { ...counts, total: counts.list + counts.single + counts.bulk + counts.batch };
}

export interface CreateRequests {
	/** `POST /v3/videos` and `POST /v3/videos/batches`. */
	sent: number;
	/** Of those, answered 429. */
	rateLimited: number;
}

export function countCreates(requests: LoggedRequest[]): CreateRequests {
	const creates = requests.filter(
		(r) => r.server === 'api' && r.method === 'POST' && /^\/v3\/videos(\/batches)?\/?$/.test(r.path),
	);
	return { sent: creates.length, rateLimited: creates.filter((r) => r.status === 429).length };
}

export interface ItemOutcome {
	/** Videos the emulator accepted (renders started, and so billed once complete). */
	renders: number;
	/** Output items that report a video. */
	reported: number;
	/** Input items that did not come out as a completed video. */
	failed: number;
	/** Videos the emulator rendered that no output item reports. */
	lost: number;
	/** Output items reporting a video id more than once. */
	duplicates: number;
}

export function itemOutcome(inputs: number, videos: EmulatorVideo[], reported: ReportedVideo[]): ItemOutcome {
	const reportedIds = new Set<string>();
	const completedIds = new Set<string>();
	let duplicates = 0;
	for (const video of reported) {
		if (!video.id) continue;
		if (reportedIds.has(video.id)) duplicates++;
		reportedIds.add(video.id);
		if (video.status === 'completed') completedIds.add(video.id);
	}
	return {
		renders: videos.length,
		reported: reportedIds.size,
		failed: Math.max(0, inputs - completedIds.size),
		lost: videos.filter((video) => !reportedIds.has(video.id)).length,
		duplicates,
	};
}

export interface DownloadOverlap {
	/** Video files fetched from storage. */
	downloads: number;
	/** Downloads that started while at least one other render was still running. */
	duringRenders: number;
	/** The most renders still running when a download started. */
	mostRendersRunning: number;
	/** Seconds from the last render finishing to the first download starting (negative: downloads began before). */
	firstDownloadAfterLastRenderSeconds: number | null;
	/** Seconds from the first download starting to the last one ending. */
	downloadSpanSeconds: number | null;
}

const VIDEO_FILE = /^\/videos\/([0-9a-f]+)\.(mp4|webm)$/;

/** Whether finished videos download while others still render, from storage GETs and render times. */
export function downloadOverlap(requests: LoggedRequest[], videos: EmulatorVideo[]): DownloadOverlap {
	const downloads = requests.filter((r) => r.server === 'storage' && r.method === 'GET' && VIDEO_FILE.test(r.path));
	let duringRenders = 0;
	let mostRendersRunning = 0;
	for (const download of downloads) {
		const own = VIDEO_FILE.exec(download.path)?.[1];
		const running = videos.filter(
			(video) => video.id !== own && video.created_at_ms <= download.receivedAt && download.receivedAt < video.finishes_at_ms,
		).length;
		if (running > 0) duringRenders++;
		mostRendersRunning = Math.max(mostRendersRunning, running);
	}
	const lastRender = videos.length > 0 ? Math.max(...videos.map((video) => video.finishes_at_ms)) : undefined;
	const firstStart = downloads.length > 0 ? Math.min(...downloads.map((r) => r.receivedAt)) : undefined;
	const lastEnd = downloads.length > 0 ? Math.max(...downloads.map((r) => r.finishedAt ?? r.receivedAt)) : undefined;
	return {
		downloads: downloads.length,
		duringRenders,
		mostRendersRunning,
		firstDownloadAfterLastRenderSeconds:
			lastRender === undefined || firstStart === undefined ? null : (firstStart - lastRender) / 1000,
		downloadSpanSeconds: firstStart === undefined || lastEnd === undefined ? null : (lastEnd - firstStart) / 1000,
	};
}

/** The makespan a perfect scheduler reaches: full rounds of `concurrency` renders of `renderSeconds`. */
export function idealMakespanSeconds(items: number, concurrency: number, renderSeconds: number): number {
	return Math.ceil(items / concurrency) * renderSeconds;
}
