import { createHash, randomBytes } from 'crypto';
import type { IBinaryData, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { ASSET_MIME_TYPES, MAX_ASSET_BYTES, type UploadedAsset } from '../schemas';
import { apiData } from './request';

/** The stream `getBinaryStream` gives (typed without importing `stream`: nodes may import n8n-workflow only). */
type BinaryStream = Awaited<ReturnType<IExecuteFunctions['helpers']['getBinaryStream']>>;

interface SourceFile {
	fileName: string;
	mimeType: string;
	size: number;
	/** A fresh read of the file for each attempt. */
	open(): Promise<BinaryStream | Buffer>;
}

const MEGABYTE = 1024 * 1024;

function quoted(text: string): string {
	return text.replace(/[\r\n"\\]/g, '_');
}

/**
 * Reads the item's binary field without loading it when n8n keeps it on disk or in S3.
 * `mimeType` replaces the type the field declares, for a file whose content was checked.
 */
async function sourceFile(ctx: IExecuteFunctions, itemIndex: number, binaryPropertyName: string, declaredType?: string): Promise<SourceFile> {
	const binary: IBinaryData = ctx.helpers.assertBinaryData(itemIndex, binaryPropertyName);
	const fileName = binary.fileName || `upload.${binary.fileExtension ?? 'bin'}`;
	const mimeType = declaredType ?? (binary.mimeType || 'application/octet-stream').split(';')[0].trim();
	if (binary.id) {
		const { fileSize } = await ctx.helpers.getBinaryMetadata(binary.id);
		const id = binary.id;
		return { fileName, mimeType, size: Number(fileSize), open: async () => await ctx.helpers.getBinaryStream(id) };
	}
	const buffer = await ctx.helpers.getBinaryDataBuffer(itemIndex, binaryPropertyName);
	return { fileName, mimeType, size: buffer.length, open: async () => buffer };
}

function checkUploadable(ctx: IExecuteFunctions, file: SourceFile, itemIndex: number, binaryPropertyName: string): void {
	if (!ASSET_MIME_TYPES[file.mimeType]) {
		throw new NodeOperationError(ctx.getNode(), `HeyGen cannot take a file of type ${file.mimeType} [item ${itemIndex}]`, {
			itemIndex,
			description: `The file in "${binaryPropertyName}" must be PNG, JPEG, MP4, WebM, MP3, WAV, PDF, SRT or ZIP. Nothing was uploaded.`,
		});
	}
	if (Number.isFinite(file.size) && file.size > MAX_ASSET_BYTES) {
		throw new NodeOperationError(
			ctx.getNode(),
			`The file in "${binaryPropertyName}" is ${(file.size / MEGABYTE).toFixed(1)} MB; HeyGen takes at most 32 MB [item ${itemIndex}]`,
			{ itemIndex, description: 'Host larger files elsewhere and pass their public URL instead. Nothing was uploaded.' },
		);
	}
}

/**
 * A multipart/form-data body with one part, `file`, streamed from the source. The stream class
 * comes from the source stream itself (`Readable.from` is inherited), so no `stream` import.
 */
async function multipartBody(file: SourceFile): Promise<{ body: unknown; headers: Record<string, string> }> {
	const boundary = `----n8nHeyGen${randomBytes(12).toString('hex')}`;
	const head = Buffer.from(
		`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${quoted(file.fileName)}"\r\nContent-Type: ${file.mimeType}\r\n\r\n`,
	);
	const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
	const headers: Record<string, string> = { 'Content-Type': `multipart/form-data; boundary=${boundary}` };
	if (Number.isFinite(file.size)) headers['Content-Length'] = String(head.length + file.size + tail.length);
	const source = await file.open();
	if (Buffer.isBuffer(source)) return { body: Buffer.concat([head, source, tail]), headers };

	async function* parts() {
		yield head;
		for await (const chunk of source as AsyncIterable<Buffer>) yield chunk;
		yield tail;
	}
	const readableFrom = (source.constructor as unknown as { from(iterable: AsyncIterable<Buffer>): unknown }).from;
	return { body: readableFrom(parts()), headers };
}

/** Checks the item's binary file against HeyGen's asset limits without reading it (nothing is sent). */
export async function checkBinaryUpload(ctx: IExecuteFunctions, itemIndex: number, binaryPropertyName: string): Promise<void> {
	checkUploadable(ctx, await sourceFile(ctx, itemIndex, binaryPropertyName), itemIndex, binaryPropertyName);
}

/**
 * Uploads the item's binary file as a HeyGen asset (`POST /v3/assets`), checked first against
 * HeyGen's limits; `mimeType` is sent instead of the field's own type (a checked zip labelled otherwise).
 */
export async function uploadBinaryAsset(ctx: IExecuteFunctions, itemIndex: number, binaryPropertyName: string, mimeType?: string): Promise<UploadedAsset> {
	const file = await sourceFile(ctx, itemIndex, binaryPropertyName, mimeType);
	checkUploadable(ctx, file, itemIndex, binaryPropertyName);
	return await apiData<UploadedAsset>(ctx, 'uploadAsset', {
		itemIndex,
		fieldLabels: { file: binaryPropertyName },
		streamBody: async () => await multipartBody(file),
	});
}

/**
 * A hash of the item's binary file, read as a stream: it stands for the file in a create's
 * idempotency key, so a re-run with the same file replays the same job and another file does not.
 */
export async function binaryFingerprint(ctx: IExecuteFunctions, itemIndex: number, binaryPropertyName: string): Promise<string> {
	const file = await sourceFile(ctx, itemIndex, binaryPropertyName);
	const source = await file.open();
	const hash = createHash('sha256');
	if (Buffer.isBuffer(source)) hash.update(source);
	else for await (const chunk of source as AsyncIterable<Buffer>) hash.update(chunk);
	return `sha256:${hash.digest('hex')}`;
}

/** A binary file small enough to hold (a subtitle file), read whole; a larger one is refused before it is read. */
export async function smallBinaryFile(
	ctx: IExecuteFunctions,
	itemIndex: number,
	binaryPropertyName: string,
	maxBytes: number,
): Promise<{ fileName: string; mimeType: string; bytes: Buffer }> {
	const file = await sourceFile(ctx, itemIndex, binaryPropertyName);
	if (Number.isFinite(file.size) && file.size > maxBytes) {
		throw new NodeOperationError(
			ctx.getNode(),
			`The file in "${binaryPropertyName}" is ${(file.size / MEGABYTE).toFixed(1)} MB; at most ${(maxBytes / MEGABYTE).toFixed(0)} MB is taken here [item ${itemIndex}]`,
			{ itemIndex, description: 'Nothing was uploaded.' },
		);
	}
	const source = await file.open();
	const chunks: Buffer[] = [];
	if (Buffer.isBuffer(source)) chunks.push(source);
	else for await (const chunk of source as AsyncIterable<Buffer>) chunks.push(chunk);
	return { fileName: file.fileName, mimeType: file.mimeType, bytes: Buffer.concat(chunks) };
}

/** Uploads bytes the node holds and has checked (an edited subtitle file) as a HeyGen asset of the given type. */
export async function uploadBytesAsset(
	ctx: IExecuteFunctions,
	itemIndex: number,
	file: { fileName: string; mimeType: string; bytes: Buffer },
	label: string,
): Promise<UploadedAsset> {
	const source: SourceFile = { fileName: file.fileName, mimeType: file.mimeType, size: file.bytes.length, open: async () => file.bytes };
	return await apiData<UploadedAsset>(ctx, 'uploadAsset', { itemIndex, fieldLabels: { file: label }, streamBody: async () => await multipartBody(source) });
}
