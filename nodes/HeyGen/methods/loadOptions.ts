import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { avatarLookLabel, voiceLabel } from '../helpers/labels';
import type { AvatarLook, Voice } from '../schemas';
import { apiCollect, apiData } from '../transport/request';

/** The most entries a plain dropdown loads (the searchable lists page through everything). */
const DROPDOWN_LIMIT = 300;

export async function getTranslationLanguages(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const { languages } = await apiData<{ languages: string[] }>(this, 'listTranslationLanguages');
	return languages.map((language) => ({ name: language, value: language }));
}

/** Avatar looks for dropdowns inside scene lists, where a searchable list cannot be used. */
export async function getAvatarLookOptions(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const looks = await apiCollect<AvatarLook>(this, 'listAvatarLooks', { max: DROPDOWN_LIMIT });
	return looks.map((look) => ({ name: avatarLookLabel(look), value: look.id }));
}

export async function getVoiceOptions(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const voices = await apiCollect<Voice>(this, 'listVoices', { max: DROPDOWN_LIMIT });
	return voices.map((voice) => ({ name: voiceLabel(voice), value: voice.voice_id }));
}
