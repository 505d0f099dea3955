import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { textParameter } from '../helpers/parameters';
import { fieldError } from '../helpers/validation';
import { binaryFingerprint, checkBinaryUpload, uploadBinaryAsset } from '../transport/upload';

/** Stands in for the asset ID of a file uploaded just before its create is sent; the binary field's name follows it. */
const UPLOAD_PENDING = 'pending-upload:';

/** The kind of file an input must be, by the first part of its MIME type. */
export type MediaKind = 'image' | 'video' | 'audio';

/** The parameters of a file given by URL, by asset ID or as a binary file: [name, display name] of each. */
export interface FileSourceParameters {
	source: [string, string];
	url: [string, string];
	assetId: [string, string];
	/** The binary field's parameter; "Input Binary Field" unless told. */
	binaryField?: [string, string];
	/** The kind a binary file must be (its MIME type is checked before anything is sent). */
	media?: MediaKind;
}

const INPUT_BINARY_FIELD: [string, string] = ['inputBinaryField', 'Input Binary Field'];

/**
 * A binary file of the item, checked now (type, size and, when given, its kind) and uploaded only
 * when the item is sent: its input stands for it until then.
 */
export async function pendingUpload(ctx: IExecuteFunctions, itemIndex: number, field: string, label: string, media?: MediaKind): Promise<IDataObject> {
	await checkBinaryUpload(ctx, itemIndex, field);
	const mimeType = ctx.helpers.assertBinaryData(itemIndex, field).mimeType ?? '';
	if (media && !mimeType.startsWith(`${media}/`)) {
		const article = media === 'video' ? 'a' : 'an';
		throw fieldError(ctx, label, `holds ${mimeType || 'a file of no type'}, not ${article} ${media} file`, itemIndex, `Point it at the binary field holding the ${media}.`);
	}
	return pendingFileInput(field);
}

/** The input standing for the binary file in `field` until the item is sent (the caller checked the file). */
export function pendingFileInput(field: string): IDataObject {
	return { type: 'asset_id', asset_id: `${UPLOAD_PENDING}${field}` };
}

/**
 * The file an item names, as HeyGen takes it: a URL, an asset ID, or a binary file (checked now,
 * uploaded only when the item is sent).
 */
export async function fileSourceInput(ctx: IExecuteFunctions, itemIndex: number, parameters: FileSourceParameters): Promise<IDataObject> {
	const read = ([name, label]: [string, string]) => textParameter(ctx, name, label, itemIndex, { required: true });
	const source = read(parameters.source);
	if (source === 'binary') {
		const binaryField = parameters.binaryField ?? INPUT_BINARY_FIELD;
		return await pendingUpload(ctx, itemIndex, read(binaryField), binaryField[1], parameters.media);
	}
	if (source === 'assetId') return { type: 'asset_id', asset_id: read(parameters.assetId) };
	return { type: 'url', url: read(parameters.url) };
}

/** The binary field an input stands for, when it waits for its upload. */
function pendingField(input: IDataObject): string | undefined {
	const assetId = input.asset_id;
	return typeof assetId === 'string' && assetId.startsWith(UPLOAD_PENDING) ? assetId.slice(UPLOAD_PENDING.length) : undefined;
}

/**
 * Uploads the binary files the item's inputs stand for, so no file is sent for an item that never
 * runs; `mimeType` labels files whose content was checked (a zip the field calls otherwise).
 */
export async function uploadPendingFiles(ctx: IExecuteFunctions, itemIndex: number, inputs: IDataObject[], mimeType?: string): Promise<void> {
	for (const input of inputs) {
		const field = pendingField(input);
		if (field !== undefined) input.asset_id = (await uploadBinaryAsset(ctx, itemIndex, field, mimeType)).asset_id;
	}
}

export async function uploadPendingFile(ctx: IExecuteFunctions, itemIndex: number, input: IDataObject, mimeType?: string): Promise<void> {
	await uploadPendingFiles(ctx, itemIndex, [input], mimeType);
}

/** A hash of the binary files the inputs stand for, so the create's idempotency key changes with the files. */
export async function pendingFilesFingerprint(ctx: IExecuteFunctions, itemIndex: number, inputs: IDataObject[]): Promise<string | undefined> {
	const hashes: string[] = [];
	for (const input of inputs) {
		const field = pendingField(input);
		if (field !== undefined) hashes.push(await binaryFingerprint(ctx, itemIndex, field));
	}
	return hashes.length > 0 ? hashes.join(',') : undefined;
}

export async function pendingFileFingerprint(ctx: IExecuteFunctions, itemIndex: number, input: IDataObject): Promise<string | undefined> {
	return await pendingFilesFingerprint(ctx, itemIndex, [input]);
}
