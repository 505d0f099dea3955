import type { IDataObject, ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';

import { avatarLookLabel, templateLabel, voiceLabel } from '../helpers/labels';
import type { AvatarLook, TemplateSummary, VideoDetail, Voice } from '../schemas';
import type { EndpointKey } from '../schemas/endpoints';
import { apiData, apiPage } from '../transport/request';

/** Pages read per search call while a filter finds few matches (HeyGen has no name search). */
const MAX_PAGES_PER_SEARCH = 5;
const ENOUGH_RESULTS = 20;

function matches(filter: string | undefined, ...fields: Array<string | null | undefined>): boolean {
	if (!filter) return true;
	const needle = filter.trim().toLowerCase();
	return fields.some((field) => field?.toLowerCase().includes(needle));
}

/** Reads pages until enough entries match the filter, so filtering never shows an empty first page. */
async function searchPages<T>(
	ctx: ILoadOptionsFunctions,
	key: EndpointKey,
	paginationToken: string | undefined,
	toResult: (entry: T) => INodeListSearchItems | undefined,
	qs: IDataObject = {},
): Promise<INodeListSearchResult> {
	const results: INodeListSearchItems[] = [];
	let token = paginationToken;
	for (let page = 0; page < MAX_PAGES_PER_SEARCH; page++) {
		const { items, nextToken } = await apiPage<T>(ctx, key, { qs, token });
		for (const entry of items) {
			const result = toResult(entry);
			if (result) results.push(result);
		}
		token = nextToken;
		if (!token || results.length >= ENOUGH_RESULTS) break;
	}
	return { results, paginationToken: token };
}

export async function searchAvatarLooks(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchPages<AvatarLook>(this, 'listAvatarLooks', paginationToken, (look) =>
		matches(filter, look.name, look.id, look.group_id)
			? {
					name: avatarLookLabel(look),
					value: look.id,
					url: look.preview_image_url ?? undefined,
				}
			: undefined,
	);
}

/** A voice as a list entry when it matches the filter. */
const voiceResult = (filter: string | undefined) => (voice: Voice) =>
	matches(filter, voice.name, voice.voice_id, voice.language, voice.gender)
		? { name: voiceLabel(voice), value: voice.voice_id, url: voice.preview_audio_url ?? undefined }
		: undefined;

export async function searchVoices(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchPages<Voice>(this, 'listVoices', paginationToken, voiceResult(filter));
}

export async function searchVideos(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	// The list filters titles itself, so one page per call is enough.
	const { items, nextToken } = await apiPage<VideoDetail>(this, 'listVideos', {
		qs: filter ? { title: filter } : {},
		token: paginationToken,
		limit: 50,
	});
	return {
		results: items.map((video) => ({
			name: `${video.title || 'Untitled video'} · ${video.status}`,
			value: video.id,
			url: video.video_page_url ?? undefined,
		})),
		paginationToken: nextToken,
	};
}

export async function searchSpeechVoices(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	// Only Starfish voices can generate speech.
	return await searchPages<Voice>(this, 'listVoices', paginationToken, voiceResult(filter), { engine: 'starfish' });
}

export async function searchTemplates(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchPages<TemplateSummary>(this, 'listTemplates', paginationToken, (template) =>
		matches(filter, template.name, template.id)
			? {
					name: templateLabel(template),
					value: template.id,
					url: template.thumbnail_url ?? undefined,
				}
			: undefined,
	);
}

export async function searchAgentStyles(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchPages<{ style_id: string; name: string; tags?: string[] | null; thumbnail_url?: string | null }>(
		this,
		'listAgentStyles',
		paginationToken,
		(style) =>
			matches(filter, style.name, style.style_id, ...(style.tags ?? []))
				? {
						name: style.tags?.length ? `${style.name} (${style.tags.join(', ')})` : style.name,
						value: style.style_id,
						url: style.thumbnail_url ?? undefined,
					}
				: undefined,
	);
}

/**
 * HeyGen's translation languages, loaded when the list opens (never while a new node still waits
 * for its credential) and filtered by name; HeyGen answers the whole list at once.
 */
export async function searchTranslationLanguages(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const { languages } = await apiData<{ languages: string[] }>(this, 'listTranslationLanguages');
	return { results: languages.filter((language) => matches(filter, language)).map((language) => ({ name: language, value: language })) };
}
