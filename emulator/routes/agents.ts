import { randomBytes } from 'node:crypto';

import type { AssetInput } from '../../nodes/HeyGen/schemas';
import { ENDPOINTS } from '../../nodes/HeyGen/schemas/endpoints';
import { SEED_IDS } from '../catalogues/catalog';
import { AGENT_STYLE_BY_ID, AGENT_STYLES, type AgentStyle } from '../catalogues/styleCatalog';
import { invalidParameter, notFound } from '../http/errors';
import { paginate } from '../http/pagination';
import { dataReply, listReply } from '../http/reply';
import {
	AGENT_FAIL_MARKER,
	titleFromPrompt,
	viewSession,
	type AgentMessageRecord,
	type AgentRun,
	type AgentSession,
} from '../jobs/agent';
import { checkAssetInput } from '../jobs/assets';
import {
	creditsFor,
	decideOutcome,
	DEFAULT_ENGINE,
	estimateDurationSeconds,
	requireLook,
	requireVoice,
	type FetchedInput,
	type RenderPlan,
} from '../jobs/rendering';
import type { Services } from '../services';
import { checkConcurrency } from './admission';
import type { HandlerTable } from './context';

/** The presenter when the body names none. */
const DEFAULT_AGENT_LOOK = SEED_IDS.studioLook;
/** Agent videos are at least this long (an intro, the content and a close). */
const MIN_AGENT_VIDEO_SECONDS = 8;

const MODEL_REPLIES = {
	rendering: (title: string) => `I've written the script and storyboard for "${title}". Rendering your video now.`,
	revising: (title: string) => `Thanks! I've updated the script for "${title}". Rendering the new version now.`,
	question: (title: string) =>
		`Before I start on "${title}": who is the audience, and how long should the video be? Reply and I'll take it from there.`,
	failed: "I couldn't create a video from this request. Please rephrase it and try again.",
};

function presentStyle(style: AgentStyle, services: Services) {
	return {
		style_id: style.id,
		name: style.name,
		thumbnail_url: services.signer.publicUrl(`/assets/styles/${style.id}.png`),
		preview_video_url: services.signer.publicUrl(`/assets/styles/${style.id}.mp4`),
		tags: [...style.tags],
		aspect_ratio: style.aspectRatio,
	};
}

/** Files the agent may use: images, videos, audio and PDFs (no subtitles). */
function checkFiles(files: readonly AssetInput[] | null | undefined, services: Services): FetchedInput[] {
	return (files ?? []).map((file, index) => [
		`files.${index}`,
		checkAssetInput(services.state.assets, file, `files.${index}`, ['image', 'video', 'audio', 'pdf']),
	]);
}

function requireSession(services: Services, id: string): AgentSession {
	const session = services.state.sessions.get(id);
	if (!session) throw notFound('Session not found.');
	return session;
}

/** The video an agent run renders: the session's avatar reading a script written from the prompt. */
function agentVideoPlan(
	session: Omit<AgentSession, 'id' | 'sequence'>,
	inputs: FetchedInput[],
	services: Services,
): RenderPlan {
	const look = requireLook(services.catalog, session.avatarId ?? DEFAULT_AGENT_LOOK, 'avatar_id');
	const script = `${session.title}. ${session.prompt}`;
	const durationSeconds = Math.max(MIN_AGENT_VIDEO_SECONDS, estimateDurationSeconds(script, 1));
	return {
		kind: 'agent',
		templateId: null,
		title: session.title,
		avatarId: look.id,
		voiceId: session.voiceId ?? look.defaultVoiceId ?? SEED_IDS.englishFemaleVoice,
		script,
		engine: DEFAULT_ENGINE,
		outputFormat: 'mp4',
		captions: false,
		callbackId: session.callbackId,
		callbackUrl: session.callbackUrl,
		durationSeconds,
		costCredits: creditsFor(durationSeconds, DEFAULT_ENGINE),
		outcome: decideOutcome(inputs, script, [look.id], services.config.renderFailures),
	};
}

/** A run that thinks for the configured time, then asks, fails or renders; plus the reply it will post. */
function newRun(next: AgentRun['next'], plan: RenderPlan | null, now: number, services: Services): AgentRun {
	return {
		runId: `run_${randomBytes(12).toString('hex')}`,
		startedAtMs: now,
		thinkingUntilMs: now + services.config.agentTimings.thinkingMs,
		next,
		plan,
		timings: { ...services.config.timings },
		sizeBytes: services.config.videoSizeBytes,
		videoId: null,
	};
}

function reply(run: AgentRun, title: string, revising: boolean): AgentMessageRecord {
	const content =
		run.next === 'fail'
			? MODEL_REPLIES.failed
			: run.next === 'question'
				? MODEL_REPLIES.question(title)
				: revising
					? MODEL_REPLIES.revising(title)
					: MODEL_REPLIES.rendering(title);
	return {
		role: 'model',
		type: run.next === 'fail' ? 'error' : 'text',
		content,
		atMs: run.thinkingUntilMs,
		resourceIds: null,
	};
}

function userMessage(content: string, now: number): AgentMessageRecord {
	return { role: 'user', type: 'text', content, atMs: now, resourceIds: null };
}

function presentSession(session: AgentSession, now: number, services: Services) {
	const view = viewSession(session, now, (id) => services.state.videos.get(id));
	return {
		session_id: session.id,
		status: view.status,
		progress: view.progress,
		title: session.title,
		video_id: view.videoId,
		created_at: Math.floor(session.createdAtMs / 1000),
		messages: view.messages.map((message) => ({
			role: message.role,
			type: message.type,
			content: message.content,
			created_at: Math.floor(message.atMs / 1000),
			resource_ids: message.resourceIds,
		})),
	};
}

export const agentHandlers: HandlerTable = {
	listAgentStyles: ({ query, services }) => {
		const tag = query.tag?.toLowerCase();
		const styles = AGENT_STYLES.filter((style) => tag === undefined || style.tags.includes(tag));
		const page = paginate({
			items: styles,
			limit: query.limit ?? ENDPOINTS.listAgentStyles.page.defaultLimit,
			token: query.token,
			list: 'agent_styles',
			rankOf: (style) => AGENT_STYLES.indexOf(style),
		});
		return listReply({ ...page, data: page.data.map((style) => presentStyle(style, services)) });
	},

	/**
	 * Generate mode thinks, then renders (the video counts toward the cap from the start); chat mode
	 * thinks, then waits for a message. `[[fail]]` in the prompt fails the session after thinking.
	 */
	createAgentSession: ({ body, now, services }) => {
		if (body.avatar_id) requireLook(services.catalog, body.avatar_id, 'avatar_id');
		if (body.voice_id) requireVoice(services.catalog, body.voice_id, 'voice_id');
		if (body.style_id && !AGENT_STYLE_BY_ID.has(body.style_id)) {
			throw notFound(`Style '${body.style_id}' not found.`, 'not_found', 'style_id');
		}
		const inputs = checkFiles(body.files, services);
		const mode = body.mode ?? 'generate';
		const draft: Omit<AgentSession, 'id' | 'sequence'> = {
			mode,
			createdAtMs: now,
			prompt: body.prompt,
			title: titleFromPrompt(body.prompt),
			avatarId: body.avatar_id ?? null,
			voiceId: body.voice_id ?? null,
			styleId: body.style_id ?? null,
			callbackId: body.callback_id ?? null,
			callbackUrl: body.callback_url ?? null,
			runs: [],
			messages: [userMessage(body.prompt, now)],
		};
		const next = body.prompt.includes(AGENT_FAIL_MARKER) ? 'fail' : mode === 'generate' ? 'video' : 'question';
		if (next === 'video') checkConcurrency(services, now);
		const run = newRun(next, next === 'video' ? agentVideoPlan(draft, inputs, services) : null, now, services);
		draft.runs.push(run);
		draft.messages.push(reply(run, draft.title, false));
		const session = services.state.addSession(draft);
		services.state.settle(now); // with no thinking time the render starts at once
		const view = viewSession(session, now, (id) => services.state.videos.get(id));
		return dataReply({
			session_id: session.id,
			status: view.status,
			video_id: view.videoId,
			created_at: Math.floor(now / 1000),
		});
	},

	getAgentSession: ({ params, now, services }) =>
		dataReply(presentSession(requireSession(services, params.session_id), now, services)),

	/** Chat mode only: answers the agent's question or asks for a revision; either way a new video follows. */
	sendAgentMessage: ({ params, body, now, services }) => {
		const session = requireSession(services, params.session_id);
		if (session.mode !== 'chat') {
			throw invalidParameter(
				null,
				`Only chat sessions take messages: session '${session.id}' was created in generate mode.`,
			);
		}
		const { status } = viewSession(session, now, (id) => services.state.videos.get(id));
		if (status === 'thinking' || status === 'generating') {
			throw invalidParameter(
				null,
				`Session '${session.id}' is ${status}; send the next message once it is waiting for input or completed.`,
			);
		}
		const avatarId = body.avatar_id ? requireLook(services.catalog, body.avatar_id, 'avatar_id').id : session.avatarId;
		const voiceId = body.voice_id ? requireVoice(services.catalog, body.voice_id, 'voice_id').voiceId : session.voiceId;
		const inputs = checkFiles(body.files, services);
		const next = body.message.includes(AGENT_FAIL_MARKER) ? 'fail' : 'video';
		if (next === 'video') checkConcurrency(services, now);
		// Only an accepted message changes the session.
		Object.assign(session, { avatarId, voiceId, prompt: `${session.prompt}\n${body.message}` });
		const revising = session.runs.some((run) => run.next === 'video');
		const run = newRun(next, next === 'video' ? agentVideoPlan(session, inputs, services) : null, now, services);
		session.messages.push(userMessage(body.message, now), reply(run, session.title, revising));
		services.state.addRun(session, run);
		services.state.settle(now);
		return dataReply({ session_id: session.id, run_id: run.runId, title: session.title });
	},
};
