import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { fileReference, locatorText, textList } from '../../helpers/parameters';
import type { FieldLabels } from '../../helpers/validation';

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

/** The most reference files one request takes. */
export const MAX_AGENT_FILES = 20;

/** Files as the API takes them: each entry a URL or an asset ID. */
export function filesBody(ctx: IExecuteFunctions, fields: IDataObject, itemIndex: number): IDataObject[] | undefined {
	if (!Object.prototype.hasOwnProperty.call(fields, 'files')) return undefined;
	const entries = textList(ctx, fields.files, 'Files', itemIndex);
	if (entries.length === 0) return undefined;
	return entries.map((entry, index) => fileReference(ctx, entry, `Files › file ${index + 1}`, itemIndex));
}

/** Body paths of the files ("files.2.url") named as the field shows them. */
export function fileLabels(): FieldLabels {
	const labels: FieldLabels = { files: 'Files' };
	for (let index = 0; index < MAX_AGENT_FILES; index++) {
		for (const path of ['', '.url', '.asset_id']) labels[`files.${index}${path}`] = `Files › file ${index + 1}`;
	}
	return labels;
}

/** Avatar, voice and style as the body takes them: the IDs in the locators the user added. */
export function lookChoices(ctx: IExecuteFunctions, fields: IDataObject, keys: ReadonlyArray<'avatar_id' | 'voice_id' | 'style_id'>, itemIndex: number): IDataObject {
	const names = { avatar_id: 'Avatar', voice_id: 'Voice', style_id: 'Style' };
	const body: IDataObject = {};
	for (const key of keys) {
		const value = Object.prototype.hasOwnProperty.call(fields, key) ? locatorText(ctx, fields[key], names[key], itemIndex) : '';
		if (value) body[key] = value;
	}
	return body;
}
