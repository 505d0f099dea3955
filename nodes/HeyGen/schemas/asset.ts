import { z } from 'zod';

/** The most bytes `POST /v3/assets` takes in one file. */
export const MAX_ASSET_BYTES = 32 * 1024 * 1024;

/** File types HeyGen accepts as assets, by MIME type. */
export const ASSET_MIME_TYPES: Record<string, string> = {
	'image/png': 'png',
	'image/jpeg': 'jpg',
	'video/mp4': 'mp4',
	'video/webm': 'webm',
	'audio/mpeg': 'mp3',
	'audio/mp3': 'mp3',
	'audio/wav': 'wav',
	'audio/x-wav': 'wav',
	'application/pdf': 'pdf',
	'application/x-subrip': 'srt',
	// A HyperFrames project; HeyGen's own HyperFrames CLI uploads its zips here.
	'application/zip': 'zip',
};

/** `POST /v3/assets` (multipart, one part named `file`). */
export const uploadAssetResponseSchema = z
	.object({ asset_id: z.string(), url: z.string(), mime_type: z.string(), size_bytes: z.number().int() })
	.passthrough();
export type UploadedAsset = z.infer<typeof uploadAssetResponseSchema>;

/** `GET /v3/assets/{asset_id}`: note `id`, not `asset_id`. */
export const assetDetailSchema = z
	.object({
		id: z.string(),
		name: z.string(),
		owner: z.string(),
		space_id: z.string(),
		type: z.string(),
		uploaded_at: z.number(),
		folder_id: z.string().nullish(),
		url: z.string().nullish(),
	})
	.passthrough();

export const deletedAssetSchema = z.object({ id: z.string() }).passthrough();
