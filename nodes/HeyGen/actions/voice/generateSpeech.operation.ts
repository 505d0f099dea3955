import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { runPerItemChecked } from '../../helpers/items';
import { booleanParameter, collectionTexts, idParameter, textParameter } from '../../helpers/parameters';
import { validateBody, type FieldLabels } from '../../helpers/validation';
import { createSpeechBodySchema } from '../../schemas';
import { downloadToBinary } from '../../transport/download';
import { apiData } from '../../transport/request';
import { binaryPropertyField, voiceLocator } from '../common.descriptions';

const properties: INodeProperties[] = [
	{
		displayName: 'Text',
		name: 'text',
		type: 'string',
		default: '',
		required: true,
		typeOptions: { rows: 4 },
		placeholder: 'e.g. Welcome to the team, {{ $json.firstName }}!',
		description: 'What the voice says, up to 5,000 characters (SSML when Input Type is SSML)',
	},
	{
		...voiceLocator,
		required: true,
		description: 'The voice; only voices of the Starfish engine can generate speech, and the list shows only those',
		modes: voiceLocator.modes?.map((mode) =>
			mode.name === 'list' ? { ...mode, typeOptions: { ...mode.typeOptions, searchListMethod: 'searchSpeechVoices' } } : mode,
		),
	},
	{
		displayName: 'Download Audio',
		name: 'downloadAudio',
		type: 'boolean',
		default: false,
		description: 'Whether to put the generated MP3 into the output as binary data, besides its URL',
	},
	{ ...binaryPropertyField, displayOptions: { show: { downloadAudio: [true] } } },
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Input Type',
				name: 'input_type',
				type: 'options',
				default: 'text',
				options: [
					{ name: 'Plain Text', value: 'text' },
					{ name: 'SSML', value: 'ssml', description: 'Markup with pauses such as &lt;break time="1s"/&gt;' },
				],
			},
			{
				displayName: 'Language',
				name: 'language',
				type: 'string',
				default: '',
				placeholder: 'e.g. en',
				description: 'Base language code; detected from the text when empty',
			},
			{
				displayName: 'Locale',
				name: 'locale',
				type: 'string',
				default: '',
				placeholder: 'e.g. en-US',
				description: 'Accent, as a locale; sets the language too',
			},
			{
				displayName: 'Speed',
				name: 'speed',
				type: 'number',
				default: 1,
				typeOptions: { minValue: 0.5, maxValue: 2, numberPrecision: 2 },
				description: 'Speaking speed, from 0.5 to 2',
			},
		],
	},
];

const displayOptions = { show: { resource: ['voice'], operation: ['generateSpeech'] } };

export const description = updateDisplayOptions(displayOptions, properties);

const LABELS: FieldLabels = { text: 'Text', voice_id: 'Voice', speed: 'Speed', language: 'Language', locale: 'Locale', input_type: 'Input Type' };

function buildBody(ctx: IExecuteFunctions, itemIndex: number): IDataObject {
	const options = ctx.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const body: IDataObject = {
		text: textParameter(ctx, 'text', 'Text', itemIndex, { required: true, keepSpaces: true }),
		voice_id: idParameter(ctx, 'voice_id', 'Voice', itemIndex),
		...collectionTexts(ctx, options, { input_type: 'Input Type', language: 'Language', locale: 'Locale' }, itemIndex),
	};
	if (options.speed !== undefined) body.speed = options.speed;
	return body;
}

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	// Every text is checked before the first one is spoken.
	const read = (itemIndex: number) => ({
		body: validateBody(this, createSpeechBodySchema, buildBody(this, itemIndex), LABELS, itemIndex) as IDataObject,
		download: booleanParameter(this, 'downloadAudio', 'Download Audio', itemIndex, false)
			? textParameter(this, 'binaryPropertyName', 'Put Output File in Field', itemIndex, { required: true })
			: undefined,
	});
	return await runPerItemChecked(this, items, read, async (itemIndex, { body, download }) => {
		const speech = await apiData<IDataObject>(this, 'createSpeech', { body, itemIndex, fieldLabels: LABELS });
		if (!download) return speech;
		const fileName = `${String(speech.request_id ?? 'speech')}.mp3`;
		const binary = await downloadToBinary(
			this,
			{ url: String(speech.audio_url), fileName, mimeType: 'audio/mpeg' },
			async () => {
				throw new NodeOperationError(this.getNode(), `The speech audio link expired before it was downloaded [item ${itemIndex}]`, { itemIndex });
			},
			itemIndex,
		);
		return { json: speech, binary: { [download]: binary } };
	});
}
