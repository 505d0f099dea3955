import type { INodeProperties } from 'n8n-workflow';

export const renderIdField: INodeProperties = {
	displayName: 'Render ID',
	name: 'render_id',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. 5c1f0e7a9b3d4f28a6e2c8d0b4f6a1e3',
	description: 'ID of a HyperFrames render (HyperFrames Render → Create returns it)',
};
