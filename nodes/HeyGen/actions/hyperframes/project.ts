import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { parseJsonText } from '../../helpers/json';
import { describeValue, textParameter, textValue } from '../../helpers/parameters';
import { fieldError } from '../../helpers/validation';
import { MAX_ASSET_BYTES, projectZipProblem } from '../../schemas';
import { inputBinaryField } from '../common.descriptions';
import { pendingFileInput } from '../fileSource';

const MEGABYTE = 1024 * 1024;
const ZIP_HINT = "Zip the HTML first, for example with n8n's Compression node (Compress, Zip) after Convert to File, so that the entry file sits at the top of the zip.";

export const projectFields: INodeProperties[] = [
	{
		displayName: 'Project Source',
		name: 'projectSource',
		type: 'options',
		noDataExpression: true,
		default: 'binary',
		options: [
			{ name: 'Asset ID', value: 'assetId', description: 'A .zip already uploaded to HeyGen' },
			{ name: 'Binary File', value: 'binary', description: 'A .zip in an input binary field, checked and uploaded first (up to 32 MB)' },
			{ name: 'URL', value: 'url', description: 'A public link to a .zip that HeyGen downloads when it renders' },
		],
		description: 'The HyperFrames project: a .zip holding index.html at its top, with the scripts, styles and media it uses',
	},
	{
		...inputBinaryField,
		hint: "The name of the input binary field holding the project's .zip (the Compression node writes it to \"data\")",
		displayOptions: { show: { projectSource: ['binary'] } },
	},
	{
		displayName: 'Project Asset ID',
		name: 'project_asset_id',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 2f4a6c8e0b1d3f5a',
		displayOptions: { show: { projectSource: ['assetId'] } },
	},
	{
		displayName: 'Project URL',
		name: 'project_url',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. https://example.com/launch-video.zip',
		displayOptions: { show: { projectSource: ['url'] } },
	},
];

export const variablesFields: INodeProperties[] = [
	{
		displayName: 'Variables',
		name: 'variablesInput',
		type: 'options',
		noDataExpression: true,
		default: 'fields',
		options: [
			{ name: 'Using Fields Below', value: 'fields', description: 'Name each variable and map its value from the item' },
			{ name: 'Using JSON', value: 'json', description: 'One JSON object of every variable, for example from an expression' },
		],
		description: "Values for the composition's data-composition-variables, so one project renders a different video per item",
	},
	{
		displayName: 'Variable Values',
		name: 'variables',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Variable',
		default: {},
		displayOptions: { show: { variablesInput: ['fields'] } },
		options: [
			{
				displayName: 'Variable',
				name: 'variable',
				values: [
					{ displayName: 'Name', name: 'name', type: 'string', default: '', placeholder: 'e.g. headline', description: 'As the composition declares it' },
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
						placeholder: 'e.g. {{ $json.headline }}',
						description: 'Text, or what an expression gives: a number, true or false, a list or an object',
					},
				],
			},
		],
	},
	{
		displayName: 'Variables (JSON)',
		name: 'variablesJson',
		type: 'json',
		default: '{}',
		displayOptions: { show: { variablesInput: ['json'] } },
		description: 'An object of variable names and values, such as {"headline": "Q3 results", "accent": "#ff5500"}',
	},
];

/**
 * The item's project file as HeyGen takes it. A binary file is checked now (a readable zip holding
 * the entry file, within HeyGen's 32 MB) and uploaded only when the item is sent.
 */
export async function projectInput(ctx: IExecuteFunctions, itemIndex: number, composition: string): Promise<IDataObject> {
	const source = textParameter(ctx, 'projectSource', 'Project Source', itemIndex, { required: true });
	if (source === 'assetId') return { type: 'asset_id', asset_id: textParameter(ctx, 'project_asset_id', 'Project Asset ID', itemIndex, { required: true }) };
	if (source === 'url') return { type: 'url', url: textParameter(ctx, 'project_url', 'Project URL', itemIndex, { required: true }) };
	const field = textParameter(ctx, 'inputBinaryField', 'Input Binary Field', itemIndex, { required: true });
	await checkProjectZip(ctx, itemIndex, field, composition);
	return pendingFileInput(field);
}

/** Reads the zip's directory (never its content) and refuses a file HeyGen could not render. */
async function checkProjectZip(ctx: IExecuteFunctions, itemIndex: number, field: string, composition: string): Promise<void> {
	const binary = ctx.helpers.assertBinaryData(itemIndex, field);
	const fileName = binary.fileName ?? 'the file';
	const size = binary.id ? Number((await ctx.helpers.getBinaryMetadata(binary.id)).fileSize) : undefined;
	const tooLarge = (bytes: number) =>
		fieldError(ctx, 'Input Binary Field', `holds ${fileName}, which is ${(bytes / MEGABYTE).toFixed(1)} MB; HeyGen takes projects of at most 32 MB`, itemIndex, 'Host large media elsewhere and load it from its URL in the HTML, or pass the project as a URL.');
	if (size !== undefined && size > MAX_ASSET_BYTES) throw tooLarge(size);
	const bytes = await ctx.helpers.getBinaryDataBuffer(itemIndex, field);
	if (bytes.length > MAX_ASSET_BYTES) throw tooLarge(bytes.length);
	const problem = projectZipProblem(bytes, composition);
	if (problem) throw fieldError(ctx, 'Input Binary Field', `holds ${fileName}, which ${problem}`, itemIndex, ZIP_HINT);
}

/** A variable's value as HeyGen takes it (any JSON); nothing, NaN and infinities are mapping slips. */
function variableValue(ctx: IExecuteFunctions, value: unknown, label: string, itemIndex: number): unknown {
	if (value === null || value === undefined || (typeof value === 'number' && !Number.isFinite(value))) {
		throw fieldError(ctx, label, `must be a value, not ${describeValue(value)}`, itemIndex, 'Its expression gave nothing usable; check the field it reads, or give an empty text on purpose.');
	}
	return value;
}

function isPlainObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The item's template variables: named fields or one JSON object; nothing when none are given. */
export function variablesOf(ctx: IExecuteFunctions, itemIndex: number): IDataObject | undefined {
	const mode = textParameter(ctx, 'variablesInput', 'Variables', itemIndex) || 'fields';
	if (mode === 'json') {
		const label = 'Variables (JSON)';
		let value = ctx.getNodeParameter('variablesJson', itemIndex, '{}') as unknown;
		if (typeof value === 'string') {
			if (value.trim() === '') return undefined;
			const parsed = parseJsonText(value);
			if (!parsed.ok) throw fieldError(ctx, label, `is not valid JSON: ${parsed.reason}`, itemIndex);
			value = parsed.value;
		}
		if (!isPlainObject(value)) {
			throw fieldError(ctx, label, `must be an object of variable names and values ({ ... }), not ${describeValue(value)}`, itemIndex);
		}
		return Object.keys(value).length > 0 ? value : undefined;
	}
	const entries = ((ctx.getNodeParameter('variables', itemIndex, {}) as IDataObject).variable ?? []) as IDataObject[];
	if (!Array.isArray(entries) || entries.length === 0) return undefined;
	const variables: IDataObject = {};
	entries.forEach((entry, index) => {
		const name = textValue(ctx, entry.name, `Variable ${index + 1} › Name`, itemIndex, { required: true });
		if (name in variables) throw fieldError(ctx, `Variable ${index + 1} › Name`, `repeats "${name}", already given above`, itemIndex);
		variables[name] = variableValue(ctx, entry.value, `Variable ${name}`, itemIndex) as IDataObject[string];
	});
	return variables;
}
