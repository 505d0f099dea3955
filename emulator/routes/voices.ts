import { ENDPOINTS } from '../../nodes/HeyGen/schemas/endpoints';
import type { CatalogVoice } from '../catalogues/catalog';
import { notFound } from '../http/errors';
import { paginate } from '../http/pagination';
import { dataReply, listReply } from '../http/reply';
import type { Services } from '../services';
import type { HandlerTable } from './context';

export function presentVoice(voice: CatalogVoice, services: Services) {
	return {
		voice_id: voice.voiceId,
		name: voice.name,
		language: voice.language,
		gender: voice.gender,
		type: voice.type,
		preview_audio_url: services.signer.publicUrl(`/assets/voices/${voice.voiceId}.mp3`),
		support_pause: voice.supportPause,
		support_locale: voice.supportLocale,
	};
}

const sameText = (a: string, b: string) => a.localeCompare(b, 'en', { sensitivity: 'accent' }) === 0;

export const voiceHandlers: HandlerTable = {
	listVoices: ({ query, services }) => {
		const type = query.type ?? 'public';
		const voices = services.catalog.voices.filter(
			(voice) =>
				voice.type === type &&
				(!query.engine || voice.engines.includes(query.engine.toLowerCase())) &&
				(!query.language || sameText(voice.language, query.language)) &&
				(!query.gender || sameText(voice.gender, query.gender)),
		);
		const page = paginate({
			items: voices,
			limit: query.limit ?? ENDPOINTS.listVoices.page.defaultLimit,
			token: query.token,
			list: 'voices',
			rankOf: (voice) => services.catalog.rankOf.get(voice) ?? 0,
		});
		return listReply({ ...page, data: page.data.map((voice) => presentVoice(voice, services)) });
	},

	getVoice: ({ params, services }) => {
		const voice = services.catalog.voiceById.get(params.voice_id);
		if (!voice) throw notFound('Voice not found.', 'voice_not_found');
		return dataReply(presentVoice(voice, services));
	},
};
