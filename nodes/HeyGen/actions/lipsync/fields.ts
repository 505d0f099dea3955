import type { INodeProperties } from 'n8n-workflow';

export const lipsyncIdField: INodeProperties = {
	displayName: 'Lipsync ID',
	name: 'lipsync_id',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. 5c1e7a90d2b84f36',
	description: 'ID of a lipsync (Lipsync → Create returns it)',
};
