import type { VideoTimings } from '../settings/config';
import type { RenderPlan } from './rendering';
import { videoStatusAt, type VideoJob } from './videoJob';

export type AgentMode = 'generate' | 'chat';
export type AgentSessionStatus = 'thinking' | 'waiting_for_input' | 'reviewing' | 'generating' | 'completed' | 'failed';

/** In a prompt or chat message: the agent gives up after thinking, with an `error` message. */
export const AGENT_FAIL_MARKER = '[[fail]]';
/** `GET` shows at most this many messages, newest first. */
export const MAX_VISIBLE_MESSAGES = 40;

/** One turn of the agent: it thinks, then asks a question, fails, or renders a video. */
export interface AgentRun {
	runId: string;
	startedAtMs: number;
	thinkingUntilMs: number;
	next: 'question' | 'video' | 'fail';
	/** For `video` runs: the render started when thinking ends (with the settings of when it was asked). */
	plan: RenderPlan | null;
	timings: VideoTimings;
	sizeBytes: number;
	/** Set once the render has started. */
	videoId: string | null;
}

export interface AgentMessageRecord {
	role: 'user' | 'model';
	type: 'text' | 'resource' | 'error';
	content: string;
	/** When it becomes visible (model replies are written ahead, dated when thinking ends). */
	atMs: number;
	resourceIds: string[] | null;
}

export interface AgentSession {
	id: string;
	mode: AgentMode;
	sequence: number;
	createdAtMs: number;
	/** Everything the user asked so far (the prompt, then each chat message). */
	prompt: string;
	title: string;
	/** The avatar and voice its videos use (a chat message may change them). */
	avatarId: string | null;
	voiceId: string | null;
	styleId: string | null;
	callbackId: string | null;
	callbackUrl: string | null;
	runs: AgentRun[];
	messages: AgentMessageRecord[];
}

export interface AgentSessionView {
	status: AgentSessionStatus;
	progress: number;
	videoId: string | null;
	messages: AgentMessageRecord[];
}

/** Strips test markers and keeps the first sentence, at most 60 characters, as the session title. */
export function titleFromPrompt(prompt: string): string {
	const clean = prompt
		.replace(/\[\[[^\]]*\]\]/g, ' ')
		.replace(/\s+/g, ' ')
		.trim();
	const sentence = (clean.split(/(?<=[.!?])\s/)[0] ?? '').replace(/[.!?]+$/, '');
	if (!sentence) return 'Untitled video';
	const capitalised = sentence.charAt(0).toUpperCase() + sentence.slice(1);
	if (capitalised.length <= 60) return capitalised;
	const cut = capitalised.slice(0, 59);
	return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), 30))}…`;
}

function thinkingProgress(run: AgentRun, now: number): number {
	const span = run.thinkingUntilMs - run.startedAtMs;
	return span <= 0 ? 9 : Math.min(9, Math.floor((10 * (now - run.startedAtMs)) / span));
}

/** What the agent says when its video failed (the session message and the `video_agent.fail` message). */
export function renderFailureText(job: VideoJob): string {
	const detail = job.outcome.status === 'failed' ? job.outcome.failureMessage : undefined;
	return `The video could not be rendered${detail ? `: ${detail}` : '.'}`;
}

/** The messages a finished render adds (ready or failed), dated when it finished. */
function renderMessages(session: AgentSession, findVideo: (id: string) => VideoJob | undefined, now: number) {
	const added: AgentMessageRecord[] = [];
	for (const run of session.runs) {
		const job = run.videoId ? findVideo(run.videoId) : undefined;
		if (!job || job.finishedAtMs > now) continue;
		if (job.deletedAtMs !== null && job.deletedAtMs < job.finishedAtMs) continue;
		if (job.outcome.status === 'completed') {
			added.push({
				role: 'model',
				type: 'resource',
				content: `Your video "${session.title}" is ready.`,
				atMs: job.finishedAtMs,
				resourceIds: [job.id],
			});
		} else {
			added.push({
				role: 'model',
				type: 'error',
				content: renderFailureText(job),
				atMs: job.finishedAtMs,
				resourceIds: null,
			});
		}
	}
	return added;
}

/** Status, progress (0–100), current video and visible messages, all derived from the clock. */
export function viewSession(
	session: AgentSession,
	now: number,
	findVideo: (id: string) => VideoJob | undefined,
): AgentSessionView {
	const run = session.runs[session.runs.length - 1];
	const videoId = [...session.runs].reverse().find((candidate) => candidate.videoId !== null)?.videoId ?? null;
	const messages = [...session.messages, ...renderMessages(session, findVideo, now)]
		.map((message, order) => ({ message, order }))
		.filter(({ message }) => message.atMs <= now)
		.sort((a, b) => b.message.atMs - a.message.atMs || b.order - a.order)
		.slice(0, MAX_VISIBLE_MESSAGES)
		.map(({ message }) => message);
	const view = (status: AgentSessionStatus, progress: number): AgentSessionView => ({
		status,
		progress,
		videoId,
		messages,
	});

	if (now < run.thinkingUntilMs) return view('thinking', thinkingProgress(run, now));
	if (run.next === 'question') return view('waiting_for_input', 10);
	if (run.next === 'fail' || run.videoId === null) return view(run.next === 'fail' ? 'failed' : 'generating', 10);
	const job = findVideo(run.videoId);
	if (!job || (job.deletedAtMs !== null && job.deletedAtMs < job.finishedAtMs)) return view('failed', 10);
	const status = videoStatusAt(job, now);
	if (status === 'completed') return view('completed', 100);
	if (status === 'failed') return view('failed', 10);
	const span = Math.max(1, job.finishedAtMs - job.createdAtMs);
	return view('generating', 10 + Math.min(89, Math.floor((89 * (now - job.createdAtMs)) / span)));
}
