import { z } from 'zod';

import { pageQuery } from './common';

export const AVATAR_LOOK_TYPES = ['studio_avatar', 'digital_twin', 'photo_avatar'] as const;
export const OWNERSHIPS = ['public', 'private'] as const;

const avatarErrorSchema = z.object({ code: z.string(), message: z.string() }).passthrough();

/** An avatar group (a person), `GET /v3/avatars`. */
export const avatarGroupSchema = z
	.object({
		id: z.string(),
		name: z.string(),
		gender: z.string().nullish(),
		created_at: z.number(),
		looks_count: z.number().int(),
		default_voice_id: z.string().nullish(),
		preview_image_url: z.string().nullish(),
		preview_video_url: z.string().nullish(),
		status: z.string().nullish(),
		consent_status: z.string().nullish(),
		error: avatarErrorSchema.nullish(),
	})
	.passthrough();
export type AvatarGroup = z.infer<typeof avatarGroupSchema>;

/** An avatar look (an outfit or style of a group); its `id` is the `avatar_id` of a video. */
export const avatarLookSchema = z
	.object({
		id: z.string(),
		name: z.string(),
		avatar_type: z.string(),
		group_id: z.string().nullish(),
		gender: z.string().nullish(),
		default_voice_id: z.string().nullish(),
		preview_image_url: z.string().nullish(),
		preview_video_url: z.string().nullish(),
		image_width: z.number().int().nullish(),
		image_height: z.number().int().nullish(),
		preferred_orientation: z.string().nullish(),
		supported_api_engines: z.array(z.string()).optional(),
		tags: z.array(z.string()).optional(),
		status: z.string().nullish(),
		error: avatarErrorSchema.nullish(),
	})
	.passthrough();
export type AvatarLook = z.infer<typeof avatarLookSchema>;

export const listAvatarGroupsQuerySchema = pageQuery(50)
	.extend({ ownership: z.enum(OWNERSHIPS).optional() })
	.strict();

export const listAvatarLooksQuerySchema = pageQuery(50)
	.extend({
		group_id: z.string().min(1).optional(),
		avatar_type: z.enum(AVATAR_LOOK_TYPES).optional(),
		ownership: z.enum(OWNERSHIPS).optional(),
	})
	.strict();
