import { ENDPOINTS } from '../../nodes/HeyGen/schemas/endpoints';
import type { CatalogGroup, CatalogLook } from '../catalogues/catalog';
import { notFound } from '../http/errors';
import { paginate } from '../http/pagination';
import { dataReply, listReply } from '../http/reply';
import type { UrlSigner } from '../jobs/storage';
import type { Services } from '../services';
import type { HandlerTable } from './context';

function previewUrls(lookId: string, signer: UrlSigner) {
	return {
		preview_image_url: signer.publicUrl(`/assets/avatars/${lookId}.png`),
		preview_video_url: signer.publicUrl(`/assets/avatars/${lookId}.mp4`),
	};
}

/** Training fields are reported for private avatars only, as HeyGen does. */
function privateStatus(ownership: string, withConsent: boolean) {
	if (ownership !== 'private') return {};
	return withConsent ? { status: 'completed', consent_status: 'approved' } : { status: 'completed' };
}

export function presentGroup(group: CatalogGroup, services: Services) {
	const firstLook = services.catalog.lookById.get(group.lookIds[0]);
	return {
		id: group.id,
		name: group.name,
		gender: group.gender,
		created_at: group.createdAt,
		looks_count: group.lookIds.length,
		default_voice_id: firstLook?.defaultVoiceId ?? null,
		...previewUrls(group.lookIds[0], services.signer),
		...privateStatus(group.ownership, true),
	};
}

export function presentLook(look: CatalogLook, services: Services) {
	return {
		id: look.id,
		name: look.name,
		avatar_type: look.avatarType,
		group_id: look.groupId,
		gender: look.gender,
		default_voice_id: look.defaultVoiceId,
		...previewUrls(look.id, services.signer),
		image_width: look.width,
		image_height: look.height,
		preferred_orientation: look.orientation,
		supported_api_engines: [...look.supportedEngines],
		tags: [...look.tags],
		...privateStatus(look.ownership, false),
	};
}

function rankIn(services: Services) {
	return (item: object) => services.catalog.rankOf.get(item) ?? 0;
}

export const avatarHandlers: HandlerTable = {
	listAvatarGroups: ({ query, services }) => {
		const groups = services.catalog.groups.filter((group) => !query.ownership || group.ownership === query.ownership);
		const page = paginate({
			items: groups,
			limit: query.limit ?? ENDPOINTS.listAvatarGroups.page.defaultLimit,
			token: query.token,
			list: 'avatar_groups',
			rankOf: rankIn(services),
		});
		return listReply({ ...page, data: page.data.map((group) => presentGroup(group, services)) });
	},

	getAvatarGroup: ({ params, services }) => {
		const group = services.catalog.groupById.get(params.group_id);
		if (!group) throw notFound('Avatar group not found.');
		return dataReply(presentGroup(group, services));
	},

	listAvatarLooks: ({ query, services }) => {
		const looks = services.catalog.looks.filter(
			(look) =>
				(!query.group_id || look.groupId === query.group_id) &&
				(!query.avatar_type || look.avatarType === query.avatar_type) &&
				(!query.ownership || look.ownership === query.ownership),
		);
		const page = paginate({
			items: looks,
			limit: query.limit ?? ENDPOINTS.listAvatarLooks.page.defaultLimit,
			token: query.token,
			list: 'avatar_looks',
			rankOf: rankIn(services),
		});
		return listReply({ ...page, data: page.data.map((look) => presentLook(look, services)) });
	},

	getAvatarLook: ({ params, services }) => {
		const look = services.catalog.lookById.get(params.look_id);
		if (!look) throw notFound('Avatar look not found.');
		return dataReply(presentLook(look, services));
	},
};
