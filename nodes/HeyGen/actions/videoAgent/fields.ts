import type { IDataObject, INodeProperties } from 'n8n-workflow';

export const sessionIdField: INodeProperties = {
	displayName: 'Session ID',
	name: 'session_id',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. 6e3f0a1b2c4d',
	description: 'ID of a Video Agent session (Video Agent → Create returns it)',
};

export const filesField: INodeProperties = {
	displayName: 'Files',
	name: 'files',
	type: 'string',
	default: '',
	placeholder: 'e.g. https://example.com/brief.pdf, 2f4a6c8e0b1d3f5a',
	description: 'Up to 20 reference files for the agent, comma-separated: public URLs or asset IDs (images, videos, audio, PDFs)',
};

/** Files as the API takes them: each entry a URL or an asset ID. */
export function filesBody(value: unknown): IDataObject[] | undefined {
	const entries = (Array.isArray(value) ? value : String(value ?? '').split(','))
		.map((entry) => String(entry).trim())
		.filter(Boolean);
	if (entries.length === 0) return undefined;
	return entries.map((entry) => (/^https?:\/\//i.test(entry) ? { type: 'url', url: entry } : { type: 'asset_id', asset_id: entry }));
}
