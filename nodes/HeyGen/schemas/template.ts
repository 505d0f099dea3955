import { z } from 'zod';

import { httpUrl, nonEmptyId, pageQuery } from './common';

/** Kinds of template variables (`variable_type` of GET /v3/templates/{id}). */
export const TEMPLATE_VARIABLE_TYPES = ['text', 'image', 'video', 'audio', 'character', 'voice'] as const;
export type TemplateVariableType = (typeof TEMPLATE_VARIABLE_TYPES)[number];

export const VIDEO_PLAY_STYLES = ['fit_to_scene', 'freeze', 'loop', 'full_video'] as const;

/** A template of `GET /v3/templates`. */
export const templateSummarySchema = z
	.object({
		id: z.string(),
		name: z.string(),
		aspect_ratio: z.string().nullish(),
		thumbnail_url: z.string().nullish(),
		created_at: z.number().nullish(),
		updated_at: z.number().nullish(),
	})
	.passthrough();
export type TemplateSummary = z.infer<typeof templateSummarySchema>;

const mediaProperties = z
	.object({ url: httpUrl.nullish(), asset_id: nonEmptyId.nullish() })
	.passthrough()
	.refine((p) => Boolean(p.url) !== Boolean(p.asset_id), { message: 'needs exactly one of url or asset_id', path: ['url'] });

/**
 * The value of one template variable, as generate takes it and GET returns defaults:
 * `{ name, type, properties }`, with properties by type.
 */
export const templateVariableValueSchema = z.discriminatedUnion('type', [
	z.object({ name: z.string(), type: z.literal('text'), properties: z.object({ content: z.string() }).passthrough() }).passthrough(),
	z.object({ name: z.string(), type: z.literal('image'), properties: mediaProperties }).passthrough(),
	z
		.object({
			name: z.string(),
			type: z.literal('video'),
			properties: z
				.object({ url: httpUrl.nullish(), asset_id: nonEmptyId.nullish(), play_style: z.enum(VIDEO_PLAY_STYLES).nullish() })
				.passthrough()
				.refine((p) => Boolean(p.url) !== Boolean(p.asset_id), { message: 'needs exactly one of url or asset_id', path: ['url'] }),
		})
		.passthrough(),
	z.object({ name: z.string(), type: z.literal('audio'), properties: mediaProperties }).passthrough(),
	z
		.object({
			name: z.string(),
			type: z.literal('character'),
			properties: z.object({ character_id: nonEmptyId, type: z.enum(['avatar', 'talking_photo']).nullish() }).passthrough(),
		})
		.passthrough(),
	z.object({ name: z.string(), type: z.literal('voice'), properties: z.object({ voice_id: nonEmptyId }).passthrough() }).passthrough(),
]);
export type TemplateVariableValue = z.infer<typeof templateVariableValueSchema>;

/** `GET /v3/templates/{template_id}`: scenes, the variables each uses, and every variable's default. */
export const templateDetailSchema = templateSummarySchema
	.extend({
		scene_ids: z.array(z.string()).optional(),
		scenes: z
			.array(
				z
					.object({
						scene_id: z.string(),
						script: z.string().nullish(),
						variables: z.array(z.object({ name: z.string(), variable_type: z.string() }).passthrough()).optional(),
					})
					.passthrough(),
			)
			.optional(),
		variables: z.record(z.string(), z.unknown()).optional(),
	})
	.passthrough();
export type TemplateDetail = z.infer<typeof templateDetailSchema>;

const evenDimension = z
	.number()
	.int('must be a whole number')
	.min(128, 'must be between 128 and 4096')
	.max(4096, 'must be between 128 and 4096')
	.refine((n) => n % 2 === 0, 'must be an even number');

/** Body of `POST /v3/templates/{template_id}` (generate a video from a template). */
export const generateTemplateVideoBodySchema = z
	.object({
		variables: z.record(z.string(), templateVariableValueSchema),
		title: z.string().nullish(),
		// HeyGen takes no null for the fields with defaults (caption, fps, the flags): left out when not set.
		caption: z.boolean().optional(),
		subtitles: z
			.object({
				preset_name: z.string().min(1, 'must not be empty'),
				font_size: z.number().int().nullish(),
				alignment: z.number().int().nullish(),
				position: z.object({ x: z.number().optional(), y: z.number().optional() }).strict().nullish(),
				disable_highlight: z.boolean().nullish(),
			})
			.strict()
			.nullish(),
		dimension: z.object({ width: evenDimension, height: evenDimension }).strict().nullish(),
		fps: z.union([z.literal(25), z.literal(30), z.literal(60)], { errorMap: () => ({ message: 'must be 25, 30 or 60' }) }).optional(),
		scene_ids: z.array(nonEmptyId).min(1, 'must list at least one scene').nullish(),
		reorder_music: z.boolean().optional(),
		keep_text_vertically_centered: z.boolean().optional(),
		include_gif: z.boolean().optional(),
		enable_sharing: z.boolean().optional(),
		folder_id: z.string().nullish(),
		brand_voice_id: z.string().nullish(),
		callback_url: httpUrl.nullish(),
		callback_id: z.string().nullish(),
	})
	.strict();
export type GenerateTemplateVideoBody = z.infer<typeof generateTemplateVideoBodySchema>;

export const listTemplatesQuerySchema = pageQuery(100).strict();
