import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { runPerItemChecked } from '../../helpers/items';
import { checkMediaUrls, idParameter, localHostsReachable, textParameter } from '../../helpers/parameters';
import { fieldError, validateBody, type FieldLabels } from '../../helpers/validation';
import { parseSrt, uploadProofreadSrtBodySchema } from '../../schemas';
import { apiData } from '../../transport/request';
import { smallBinaryFile, uploadBytesAsset } from '../../transport/upload';
import { inputBinaryField } from '../common.descriptions';
import { proofreadIdField } from './fields';
import { PROOFREAD_ID_LABELS, proofreadOutput } from './proofreadJobs';

const properties: INodeProperties[] = [
	{ ...proofreadIdField, description: 'The proofread whose subtitles the edit replaces (its subtitles must be ready)' },
	{
		displayName: 'SRT Source',
		name: 'srtSource',
		type: 'options',
		noDataExpression: true,
		default: 'binary',
		options: [
			{ name: 'Asset ID', value: 'assetId', description: 'An SRT file uploaded to HeyGen' },
			{ name: 'Binary File', value: 'binary', description: 'SRT text in an input binary field (a reviewer’s or a model’s edit), checked and uploaded first' },
			{ name: 'URL', value: 'url', description: 'A public link to an SRT file' },
		],
	},
	{
		...inputBinaryField,
		description: 'The binary field holding the edited subtitles as SRT text (any file name or MIME type, for example from Convert to File)',
		displayOptions: { show: { srtSource: ['binary'] } },
	},
	{
		displayName: 'SRT Asset ID',
		name: 'srt_asset_id',
		type: 'string',
		default: '',
		required: true,
		displayOptions: { show: { srtSource: ['assetId'] } },
	},
	{
		displayName: 'SRT URL',
		name: 'srt_url',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. https://example.com/edited.srt',
		displayOptions: { show: { srtSource: ['url'] } },
	},
];

const displayOptions = { show: { resource: ['translation'], operation: ['uploadProofreadSrt'] } };

export const description = updateDisplayOptions(displayOptions, properties);

const LABELS: FieldLabels = { ...PROOFREAD_ID_LABELS, srt: 'SRT', 'srt.url': 'SRT URL', 'srt.asset_id': 'SRT Asset ID' };

/** SubRip files are small; anything this big is not one. */
const MAX_SRT_BYTES = 5 * 1024 * 1024;
const SRT_HINT = 'An SRT file is numbered cues, each a line "00:00:01,000 --> 00:00:04,000" and its text, separated by blank lines.';

interface Edit {
	id: string;
	/** The edited file, checked: uploaded as an asset before the proofread takes it. */
	file?: { fileName: string; mimeType: string; bytes: Buffer };
	srt?: IDataObject;
}

/** The binary field's subtitles, read and checked as SRT text, named for upload as an SRT file. */
async function checkedSrtFile(ctx: IExecuteFunctions, itemIndex: number, id: string): Promise<NonNullable<Edit['file']>> {
	const field = textParameter(ctx, 'inputBinaryField', 'Input Binary Field', itemIndex, { required: true });
	const file = await smallBinaryFile(ctx, itemIndex, field, MAX_SRT_BYTES);
	const refuse = (why: string) => fieldError(ctx, 'Input Binary Field', `must hold SRT subtitles, but the file "${file.fileName}" ${why}`, itemIndex, SRT_HINT);
	let text: string;
	try {
		text = new TextDecoder('utf-8', { fatal: true }).decode(file.bytes);
	} catch {
		throw refuse(`is not UTF-8 text (${file.mimeType})`);
	}
	const parsed = parseSrt(text);
	if (!parsed.ok) throw refuse(parsed.problem);
	const base = file.fileName.replace(/\.[^.]*$/, '') || id;
	return { fileName: `${base}.srt`, mimeType: 'application/x-subrip', bytes: file.bytes };
}

async function readEdit(ctx: IExecuteFunctions, itemIndex: number, allowLocalHosts: boolean): Promise<Edit> {
	const id = idParameter(ctx, 'proofread_id', 'Proofread ID', itemIndex);
	const source = textParameter(ctx, 'srtSource', 'SRT Source', itemIndex) || 'binary';
	if (source === 'binary') return { id, file: await checkedSrtFile(ctx, itemIndex, id) };
	const srt =
		source === 'assetId'
			? { type: 'asset_id', asset_id: textParameter(ctx, 'srt_asset_id', 'SRT Asset ID', itemIndex, { required: true }) }
			: { type: 'url', url: textParameter(ctx, 'srt_url', 'SRT URL', itemIndex, { required: true }) };
	checkMediaUrls(ctx, { srt }, LABELS, itemIndex, allowLocalHosts);
	validateBody(ctx, uploadProofreadSrtBodySchema, { srt }, LABELS, itemIndex);
	return { id, srt };
}

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const allowLocalHosts = await localHostsReachable(this);
	return await runPerItemChecked(
		this,
		items,
		async (itemIndex) => await readEdit(this, itemIndex, allowLocalHosts),
		async (itemIndex, { id, file, srt }) => {
			const asset = file ? await uploadBytesAsset(this, itemIndex, file, 'Input Binary Field') : undefined;
			const body = { srt: asset ? { type: 'asset_id', asset_id: asset.asset_id } : (srt as IDataObject) };
			const detail = await apiData<IDataObject>(this, 'uploadProofreadSrt', { pathParams: { proofread_id: id }, body, itemIndex, fieldLabels: LABELS });
			return { ...proofreadOutput(detail), ...(asset ? { srt_asset_id: asset.asset_id } : {}) };
		},
	);
}
