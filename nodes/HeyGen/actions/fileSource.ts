import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { textParameter } from '../helpers/parameters';
import { binaryFingerprint, checkBinaryUpload, uploadBinaryAsset } from '../transport/upload';

/** Stands in for the asset ID of a file uploaded just before its create is sent. */
export const UPLOAD_PENDING = 'pending-upload';

/** The parameters of a file given by URL, by asset ID or as a binary file: [name, display name] of each. */
export interface FileSourceParameters {
	source: [string, string];
	url: [string, string];
	assetId: [string, string];
}

/**
 * The file an item names, as HeyGen takes it: a URL, an asset ID, or a binary file (checked now,
 * uploaded only when the item is sent).
 */
export async function fileSourceInput(ctx: IExecuteFunctions, itemIndex: number, parameters: FileSourceParameters): Promise<IDataObject> {
	const read = ([name, label]: [string, string]) => textParameter(ctx, name, label, itemIndex, { required: true });
	const source = read(parameters.source);
	if (source === 'binary') {
		await checkBinaryUpload(ctx, itemIndex, read(['inputBinaryField', 'Input Binary Field']));
		return { type: 'asset_id', asset_id: UPLOAD_PENDING };
	}
	if (source === 'assetId') return { type: 'asset_id', asset_id: read(parameters.assetId) };
	return { type: 'url', url: read(parameters.url) };
}

/**
 * Uploads the item's binary file if its input stands for one, so no file is sent for an item that
 * never runs; `mimeType` labels a file whose content was checked (a zip the field calls otherwise).
 */
export async function uploadPendingFile(ctx: IExecuteFunctions, itemIndex: number, input: IDataObject, mimeType?: string): Promise<void> {
	if (input.asset_id !== UPLOAD_PENDING) return;
	const field = ctx.getNodeParameter('inputBinaryField', itemIndex, 'data') as string;
	input.asset_id = (await uploadBinaryAsset(ctx, itemIndex, field, mimeType)).asset_id;
}

/** A hash of the binary file an input stands for, so the create's idempotency key changes with the file. */
export async function pendingFileFingerprint(ctx: IExecuteFunctions, itemIndex: number, input: IDataObject): Promise<string | undefined> {
	if (input.asset_id !== UPLOAD_PENDING) return undefined;
	return await binaryFingerprint(ctx, itemIndex, ctx.getNodeParameter('inputBinaryField', itemIndex, 'data') as string);
}
