import type { INodeProperties } from 'n8n-workflow';

export const translationIdField: INodeProperties = {
	displayName: 'Video Translation ID',
	name: 'video_translation_id',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. 4d2a9c81f0b34e6a',
	description: 'ID of a translation (Translation → Create returns one per language)',
};
