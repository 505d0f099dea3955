import type { z } from 'zod';

import {
	batchDetailSchema,
	createBatchResponseSchema,
	createTranslationBatchBodySchema,
	createVideoBatchBodySchema,
	getBatchQuerySchema,
	statusEntriesSchema,
	translationStatusesQuerySchema,
	videoStatusesQuerySchema,
	lipsyncStatusesQuerySchema,
	createLipsyncBodySchema,
	createLipsyncResponseSchema,
	lipsyncDetailSchema,
	listLipsyncsQuerySchema,
	createWebhookEndpointBodySchema,
	emptyDataSchema,
	listWebhookEndpointsQuerySchema,
	listWebhookEventsQuerySchema,
	rotatedSecretSchema,
	updateWebhookEndpointBodySchema,
	webhookEndpointSchema,
	webhookEventSchema,
	webhookEventTypeSchema,
	createHyperframesRenderBodySchema,
	createHyperframesRenderResponseSchema,
	deletedHyperframesRenderSchema,
	hyperframesRenderDetailSchema,
	listHyperframesRendersQuerySchema,
	agentSessionSchema,
	agentStyleSchema,
	assetDetailSchema,
	createAgentSessionBodySchema,
	createAgentSessionResponseSchema,
	createSpeechBodySchema,
	createTranslationBodySchema,
	createTranslationResponseSchema,
	deletedAssetSchema,
	generateTemplateVideoBodySchema,
	listAgentStylesQuerySchema,
	listTemplatesQuerySchema,
	listTranslationsQuerySchema,
	sendAgentMessageBodySchema,
	sendAgentMessageResponseSchema,
	speechResponseSchema,
	templateDetailSchema,
	templateSummarySchema,
	translationDetailSchema,
	translationLanguagesSchema,
	uploadAssetResponseSchema,
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
	voiceDetailSchema,
	voiceSchema,
} from './index';
import {
	createProofreadBodySchema,
	createProofreadResponseSchema,
	generateFromProofreadBodySchema,
	generateFromProofreadResponseSchema,
	proofreadDetailSchema,
	proofreadSrtSchema,
	uploadProofreadSrtBodySchema,
} from './proofread';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/**
 * One HeyGen v3 endpoint. The node builds every request from this table and the
 * emulator registers its routes from it, so both always agree on paths and shapes.
 */
export interface Endpoint {
	method: HttpMethod;
	/** Path template; `{name}` segments are filled from `pathParams`. */
	path: string;
	/** What a 404 on this endpoint means, in words a user reads ("video"). */
	resource: string;
	/** Whether HeyGen honours an `Idempotency-Key` header here (billable creates). */
	idempotent?: true;
	/** A `multipart/form-data` upload with one file part of this name (no JSON body). */
	multipartFile?: string;
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
		resource: 'account',
		response: userInfoSchema,
	},
	createVideo: {
		method: 'POST',
		path: '/v3/videos',
		resource: 'video',
		idempotent: true,
		body: createVideoBodySchema,
		response: createVideoResponseSchema,
	},
	listVideos: {
		method: 'GET',
		path: '/v3/videos',
		resource: 'video',
		page: { defaultLimit: 10, maxLimit: 100 },
		query: listVideosQuerySchema,
		response: videoDetailSchema,
	},
	getVideo: {
		method: 'GET',
		path: '/v3/videos/{video_id}',
		resource: 'video',
		response: videoDetailSchema,
	},
	deleteVideo: {
		method: 'DELETE',
		path: '/v3/videos/{video_id}',
		resource: 'video',
		response: deletedSchema,
	},
	createVideoBatch: {
		method: 'POST',
		path: '/v3/videos/batches',
		resource: 'video batch',
		idempotent: true,
		body: createVideoBatchBodySchema,
		response: createBatchResponseSchema,
	},
	getVideoBatch: {
		method: 'GET',
		path: '/v3/videos/batches/{batch_id}',
		resource: 'video batch',
		// Pages its items inside `data` (`items`, `has_more`, `next_token`): not a list endpoint.
		query: getBatchQuerySchema,
		response: batchDetailSchema,
	},
	getVideoStatuses: {
		method: 'GET',
		path: '/v3/videos/statuses',
		resource: 'video',
		query: videoStatusesQuerySchema,
		// `data` is the list of entries, all in one answer.
		response: statusEntriesSchema,
	},
	listAvatarGroups: {
		method: 'GET',
		path: '/v3/avatars',
		resource: 'avatar',
		page: { defaultLimit: 20, maxLimit: 50 },
		query: listAvatarGroupsQuerySchema,
		response: avatarGroupSchema,
	},
	getAvatarGroup: {
		method: 'GET',
		path: '/v3/avatars/{group_id}',
		resource: 'avatar group',
		response: avatarGroupSchema,
	},
	listAvatarLooks: {
		method: 'GET',
		path: '/v3/avatars/looks',
		resource: 'avatar look',
		page: { defaultLimit: 20, maxLimit: 50 },
		query: listAvatarLooksQuerySchema,
		response: avatarLookSchema,
	},
	getAvatarLook: {
		method: 'GET',
		path: '/v3/avatars/looks/{look_id}',
		resource: 'avatar look',
		response: avatarLookSchema,
	},
	listVoices: {
		method: 'GET',
		path: '/v3/voices',
		resource: 'voice',
		page: { defaultLimit: 20, maxLimit: 100 },
		query: listVoicesQuerySchema,
		response: voiceSchema,
	},
	getVoice: {
		method: 'GET',
		path: '/v3/voices/{voice_id}',
		resource: 'voice',
		response: voiceDetailSchema,
	},
	createSpeech: {
		method: 'POST',
		path: '/v3/voices/speech',
		resource: 'voice',
		body: createSpeechBodySchema,
		response: speechResponseSchema,
	},
	listTemplates: {
		method: 'GET',
		path: '/v3/templates',
		resource: 'template',
		page: { defaultLimit: 10, maxLimit: 100 },
		query: listTemplatesQuerySchema,
		response: templateSummarySchema,
	},
	getTemplate: {
		method: 'GET',
		path: '/v3/templates/{template_id}',
		resource: 'template',
		response: templateDetailSchema,
	},
	generateTemplateVideo: {
		method: 'POST',
		path: '/v3/templates/{template_id}',
		resource: 'template',
		idempotent: true,
		body: generateTemplateVideoBodySchema,
		response: videoDetailSchema,
	},
	listTranslationLanguages: {
		method: 'GET',
		path: '/v3/video-translations/languages',
		resource: 'translation language list',
		response: translationLanguagesSchema,
	},
	createTranslation: {
		method: 'POST',
		path: '/v3/video-translations',
		resource: 'video translation',
		idempotent: true,
		body: createTranslationBodySchema,
		response: createTranslationResponseSchema,
	},
	listTranslations: {
		method: 'GET',
		path: '/v3/video-translations',
		resource: 'video translation',
		page: { defaultLimit: 10, maxLimit: 100 },
		query: listTranslationsQuerySchema,
		response: translationDetailSchema,
	},
	getTranslation: {
		method: 'GET',
		path: '/v3/video-translations/{video_translation_id}',
		resource: 'video translation',
		response: translationDetailSchema,
	},
	createTranslationBatch: {
		method: 'POST',
		path: '/v3/video-translations/batches',
		resource: 'video translation batch',
		idempotent: true,
		body: createTranslationBatchBodySchema,
		response: createBatchResponseSchema,
	},
	getTranslationBatch: {
		method: 'GET',
		path: '/v3/video-translations/batches/{batch_id}',
		resource: 'video translation batch',
		query: getBatchQuerySchema,
		response: batchDetailSchema,
	},
	getTranslationStatuses: {
		method: 'GET',
		path: '/v3/video-translations/statuses',
		resource: 'video translation',
		query: translationStatusesQuerySchema,
		response: statusEntriesSchema,
	},
	createLipsync: {
		method: 'POST',
		path: '/v3/lipsyncs',
		resource: 'lipsync',
		idempotent: true,
		body: createLipsyncBodySchema,
		response: createLipsyncResponseSchema,
	},
	listLipsyncs: {
		method: 'GET',
		path: '/v3/lipsyncs',
		resource: 'lipsync',
		page: { defaultLimit: 10, maxLimit: 100 },
		query: listLipsyncsQuerySchema,
		response: lipsyncDetailSchema,
	},
	getLipsync: {
		method: 'GET',
		path: '/v3/lipsyncs/{lipsync_id}',
		resource: 'lipsync',
		response: lipsyncDetailSchema,
	},
	getLipsyncStatuses: {
		method: 'GET',
		path: '/v3/lipsyncs/statuses',
		resource: 'lipsync',
		query: lipsyncStatusesQuerySchema,
		// Entries name each lipsync under `video_id`, as the video twin does.
		response: statusEntriesSchema,
	},
	createProofread: {
		method: 'POST',
		path: '/v3/video-translations/proofreads',
		resource: 'proofread',
		idempotent: true,
		body: createProofreadBodySchema,
		response: createProofreadResponseSchema,
	},
	getProofread: {
		method: 'GET',
		path: '/v3/video-translations/proofreads/{proofread_id}',
		resource: 'proofread',
		response: proofreadDetailSchema,
	},
	getProofreadSrt: {
		method: 'GET',
		path: '/v3/video-translations/proofreads/{proofread_id}/srt',
		resource: 'proofread',
		response: proofreadSrtSchema,
	},
	uploadProofreadSrt: {
		method: 'PUT',
		path: '/v3/video-translations/proofreads/{proofread_id}/srt',
		resource: 'proofread',
		body: uploadProofreadSrtBodySchema,
		response: proofreadDetailSchema,
	},
	generateFromProofread: {
		method: 'POST',
		path: '/v3/video-translations/proofreads/{proofread_id}/generate',
		resource: 'proofread',
		idempotent: true,
		body: generateFromProofreadBodySchema,
		response: generateFromProofreadResponseSchema,
	},
	createAgentSession: {
		method: 'POST',
		path: '/v3/video-agents',
		resource: 'video agent session',
		idempotent: true,
		body: createAgentSessionBodySchema,
		response: createAgentSessionResponseSchema,
	},
	listAgentStyles: {
		method: 'GET',
		path: '/v3/video-agents/styles',
		resource: 'video agent style',
		page: { defaultLimit: 20, maxLimit: 100 },
		query: listAgentStylesQuerySchema,
		response: agentStyleSchema,
	},
	getAgentSession: {
		method: 'GET',
		path: '/v3/video-agents/{session_id}',
		resource: 'video agent session',
		response: agentSessionSchema,
	},
	sendAgentMessage: {
		method: 'POST',
		path: '/v3/video-agents/{session_id}',
		resource: 'video agent session',
		idempotent: true,
		body: sendAgentMessageBodySchema,
		response: sendAgentMessageResponseSchema,
	},
	createHyperframesRender: {
		method: 'POST',
		path: '/v3/hyperframes/renders',
		resource: 'HyperFrames render',
		idempotent: true,
		body: createHyperframesRenderBodySchema,
		response: createHyperframesRenderResponseSchema,
	},
	listHyperframesRenders: {
		method: 'GET',
		path: '/v3/hyperframes/renders',
		resource: 'HyperFrames render',
		page: { defaultLimit: 10, maxLimit: 100 },
		query: listHyperframesRendersQuerySchema,
		response: hyperframesRenderDetailSchema,
	},
	getHyperframesRender: {
		method: 'GET',
		path: '/v3/hyperframes/renders/{render_id}',
		resource: 'HyperFrames render',
		response: hyperframesRenderDetailSchema,
	},
	deleteHyperframesRender: {
		method: 'DELETE',
		path: '/v3/hyperframes/renders/{render_id}',
		resource: 'HyperFrames render',
		response: deletedHyperframesRenderSchema,
	},
	uploadAsset: {
		method: 'POST',
		path: '/v3/assets',
		resource: 'asset',
		multipartFile: 'file',
		response: uploadAssetResponseSchema,
	},
	getAsset: {
		method: 'GET',
		path: '/v3/assets/{asset_id}',
		resource: 'asset',
		response: assetDetailSchema,
	},
	deleteAsset: {
		method: 'DELETE',
		path: '/v3/assets/{asset_id}',
		resource: 'asset',
		response: deletedAssetSchema,
	},
	listWebhookEndpoints: {
		method: 'GET',
		path: '/v3/webhooks/endpoints',
		resource: 'webhook endpoint',
		page: { defaultLimit: 10, maxLimit: 100 },
		query: listWebhookEndpointsQuerySchema,
		response: webhookEndpointSchema,
	},
	createWebhookEndpoint: {
		method: 'POST',
		path: '/v3/webhooks/endpoints',
		resource: 'webhook endpoint',
		idempotent: true,
		body: createWebhookEndpointBodySchema,
		response: webhookEndpointSchema,
	},
	updateWebhookEndpoint: {
		method: 'PATCH',
		path: '/v3/webhooks/endpoints/{endpoint_id}',
		resource: 'webhook endpoint',
		body: updateWebhookEndpointBodySchema,
		response: webhookEndpointSchema,
	},
	deleteWebhookEndpoint: {
		method: 'DELETE',
		path: '/v3/webhooks/endpoints/{endpoint_id}',
		resource: 'webhook endpoint',
		response: emptyDataSchema,
	},
	rotateWebhookSecret: {
		method: 'POST',
		path: '/v3/webhooks/endpoints/{endpoint_id}/rotate-secret',
		resource: 'webhook endpoint',
		idempotent: true,
		response: rotatedSecretSchema,
	},
	listWebhookEventTypes: {
		method: 'GET',
		path: '/v3/webhooks/event-types',
		resource: 'webhook event type',
		// One page holds every type; the answer is still a list.
		page: { defaultLimit: 100, maxLimit: 100 },
		response: webhookEventTypeSchema,
	},
	listWebhookEvents: {
		method: 'GET',
		path: '/v3/webhooks/events',
		resource: 'webhook event',
		page: { defaultLimit: 10, maxLimit: 100 },
		query: listWebhookEventsQuerySchema,
		response: webhookEventSchema,
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
