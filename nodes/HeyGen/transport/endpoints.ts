import type { z } from 'zod';

import {
	avatarGroupSchema,
	avatarLookSchema,
	createVideoBodySchema,
	createVideoResponseSchema,
	deletedSchema,
	listAvatarGroupsQuerySchema,
	listAvatarLooksQuerySchema,
	listVideosQuerySchema,
	listVoicesQuerySchema,
	userInfoSchema,
	videoDetailSchema,
	voiceSchema,
} from '../schemas';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/**
 * One HeyGen v3 endpoint. The node builds every request from this table and the
 * emulator registers its routes from it, so both always agree on paths and shapes.
 */
export interface Endpoint {
	method: HttpMethod;
	/** Path template; `{name}` segments are filled from `pathParams`. */
	path: string;
	/** Which host serves it: `api` is the credential's base URL. */
	host: 'api';
	/** What a 404 on this endpoint means, in words a user reads ("video"). */
	resource: string;
	/** Whether HeyGen honours an `Idempotency-Key` header here (billable creates). */
	idempotent?: true;
	/** Cursor pagination bounds of a list endpoint. */
	page?: { defaultLimit: number; maxLimit: number };
	query?: z.ZodTypeAny;
	body?: z.ZodTypeAny;
	/** Schema of `data` (of each element of `data` for lists). */
	response: z.ZodTypeAny;
}

export const ENDPOINTS = {
	getCurrentUser: {
		method: 'GET',
		path: '/v3/users/me',
		host: 'api',
		resource: 'account',
		response: userInfoSchema,
	},
	createVideo: {
		method: 'POST',
		path: '/v3/videos',
		host: 'api',
		resource: 'video',
		idempotent: true,
		body: createVideoBodySchema,
		response: createVideoResponseSchema,
	},
	listVideos: {
		method: 'GET',
		path: '/v3/videos',
		host: 'api',
		resource: 'video',
		page: { defaultLimit: 10, maxLimit: 100 },
		query: listVideosQuerySchema,
		response: videoDetailSchema,
	},
	getVideo: {
		method: 'GET',
		path: '/v3/videos/{video_id}',
		host: 'api',
		resource: 'video',
		response: videoDetailSchema,
	},
	deleteVideo: {
		method: 'DELETE',
		path: '/v3/videos/{video_id}',
		host: 'api',
		resource: 'video',
		response: deletedSchema,
	},
	listAvatarGroups: {
		method: 'GET',
		path: '/v3/avatars',
		host: 'api',
		resource: 'avatar',
		page: { defaultLimit: 20, maxLimit: 50 },
		query: listAvatarGroupsQuerySchema,
		response: avatarGroupSchema,
	},
	getAvatarGroup: {
		method: 'GET',
		path: '/v3/avatars/{group_id}',
		host: 'api',
		resource: 'avatar group',
		response: avatarGroupSchema,
	},
	listAvatarLooks: {
		method: 'GET',
		path: '/v3/avatars/looks',
		host: 'api',
		resource: 'avatar look',
		page: { defaultLimit: 20, maxLimit: 50 },
		query: listAvatarLooksQuerySchema,
		response: avatarLookSchema,
	},
	getAvatarLook: {
		method: 'GET',
		path: '/v3/avatars/looks/{look_id}',
		host: 'api',
		resource: 'avatar look',
		response: avatarLookSchema,
	},
	listVoices: {
		method: 'GET',
		path: '/v3/voices',
		host: 'api',
		resource: 'voice',
		page: { defaultLimit: 20, maxLimit: 100 },
		query: listVoicesQuerySchema,
		response: voiceSchema,
	},
	getVoice: {
		method: 'GET',
		path: '/v3/voices/{voice_id}',
		host: 'api',
		resource: 'voice',
		response: voiceSchema,
	},
} as const satisfies Record<string, Endpoint>;

export type EndpointKey = keyof typeof ENDPOINTS;

/** Fills a path template; every value is URI-encoded, so an id can never change the path. */
export function buildPath(template: string, params: Record<string, string> = {}): string {
	return template.replace(/\{(\w+)\}/g, (_, name: string) => {
		const value = params[name];
		if (value === undefined || value === '') {
			throw new Error(`Missing path parameter "${name}" for ${template}`);
		}
		return encodeURIComponent(value);
	});
}
