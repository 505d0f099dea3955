import { z } from 'zod';

import { assetInputSchema, httpUrl, nonEmptyId, pageQuery } from './common';

export const AGENT_MODES = ['generate', 'chat'] as const;
export const AGENT_ORIENTATIONS = ['landscape', 'portrait'] as const;
export const AGENT_SESSION_STATUSES = ['thinking', 'waiting_for_input', 'reviewing', 'generating', 'completed', 'failed'] as const;
/** A chat session waits for the user here; waiting on would never end. */
export const AGENT_PAUSED_STATUSES: readonly string[] = ['waiting_for_input', 'reviewing'];
export const MAX_AGENT_PROMPT_LENGTH = 10_000;
export const MAX_AGENT_FILES = 20;

const prompt = z
	.string()
	.refine((s) => s.trim().length > 0, 'must not be empty')
	.refine(
		(s) => s.length <= MAX_AGENT_PROMPT_LENGTH,
		(s) => ({ message: `must be at most 10,000 characters (it has ${s.length.toLocaleString('en-US')})` }),
	);

const files = z.array(assetInputSchema).max(MAX_AGENT_FILES, 'must list at most 20 files');

/** Body of `POST /v3/video-agents`. */
export const createAgentSessionBodySchema = z
	.object({
		prompt,
		// No null for mode and incognito_mode (they have defaults): left out when not set.
		mode: z.enum(AGENT_MODES).optional(),
		avatar_id: nonEmptyId.nullish(),
		voice_id: nonEmptyId.nullish(),
		style_id: nonEmptyId.nullish(),
		brand_kit_id: nonEmptyId.nullish(),
		orientation: z.enum(AGENT_ORIENTATIONS).nullish(),
		files: files.nullish(),
		incognito_mode: z.boolean().optional(),
		callback_url: httpUrl.nullish(),
		callback_id: z.string().nullish(),
	})
	.strict();
export type CreateAgentSessionBody = z.infer<typeof createAgentSessionBodySchema>;

export const createAgentSessionResponseSchema = z
	.object({
		session_id: z.string(),
		status: z.string(),
		video_id: z.string().nullish(),
		created_at: z.number(),
	})
	.passthrough();

export const agentMessageSchema = z
	.object({
		role: z.string(),
		type: z.string(),
		content: z.string(),
		created_at: z.number().nullish(),
		resource_ids: z.array(z.string()).nullish(),
	})
	.passthrough();

/** `GET /v3/video-agents/{session_id}`. */
export const agentSessionSchema = z
	.object({
		session_id: z.string(),
		status: z.string(),
		progress: z.number().nullish(),
		title: z.string().nullish(),
		video_id: z.string().nullish(),
		created_at: z.number(),
		messages: z.array(agentMessageSchema).optional(),
	})
	.passthrough();
export type AgentSession = z.infer<typeof agentSessionSchema>;

/** Body of `POST /v3/video-agents/{session_id}` (chat mode: a message or a revision). */
export const sendAgentMessageBodySchema = z
	.object({
		message: prompt,
		avatar_id: nonEmptyId.nullish(),
		voice_id: nonEmptyId.nullish(),
		brand_kit_id: nonEmptyId.nullish(),
		files: files.nullish(),
	})
	.strict();

export const sendAgentMessageResponseSchema = z
	.object({ session_id: z.string(), run_id: z.string(), title: z.string().nullish() })
	.passthrough();

/** A style of `GET /v3/video-agents/styles`. */
export const agentStyleSchema = z
	.object({
		style_id: z.string(),
		name: z.string(),
		thumbnail_url: z.string().nullish(),
		preview_video_url: z.string().nullish(),
		tags: z.array(z.string()).nullish(),
		aspect_ratio: z.string().nullish(),
	})
	.passthrough();

export const listAgentStylesQuerySchema = pageQuery(100)
	.extend({ tag: z.string().min(1).optional() })
	.strict();
