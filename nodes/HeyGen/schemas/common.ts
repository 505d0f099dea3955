import { z } from 'zod';

/** Where every HeyGen job (video, translation, lipsync, proofread, render, agent session) ends. */
export const TERMINAL_JOB_STATUSES: readonly string[] = ['completed', 'failed'];

/** HeyGen v3 error body: `{ error: { code, message, param?, doc_url? } }`. */
export const apiErrorSchema = z
	.object({
		code: z.string(),
		message: z.string(),
		param: z.string().nullish(),
		doc_url: z.string().nullish(),
	})
	.passthrough();
export type ApiError = z.infer<typeof apiErrorSchema>;

export const errorEnvelopeSchema = z.object({ error: apiErrorSchema }).passthrough();

/** Wraps a payload schema in the v3 success envelope `{ data }`. */
export function dataEnvelope<T extends z.ZodTypeAny>(data: T) {
	return z.object({ data }).passthrough();
}

/** Wraps an item schema in the v3 cursor-paginated list envelope. */
export function listEnvelope<T extends z.ZodTypeAny>(item: T) {
	return z
		.object({
			data: z.array(item),
			has_more: z.boolean(),
			next_token: z.string().nullable(),
		})
		.passthrough();
}

/** Query of every cursor-paginated v3 list: `limit` within the endpoint's bounds and an opaque `token`. */
export function pageQuery(maxLimit: number) {
	return z.object({
		limit: z.coerce
			.number({ invalid_type_error: 'must be a whole number' })
			.int('must be a whole number')
			.min(1, `must be between 1 and ${maxLimit}`)
			.max(maxLimit, `must be between 1 and ${maxLimit}`)
			.optional(),
		token: z.string().min(1, 'must not be empty').optional(),
	});
}

const URL_SCHEMES = new Set(['http:', 'https:']);

/** A public http(s) URL HeyGen can fetch. */
export const httpUrl = z.string().refine(
	(value) => {
		try {
			const url = new URL(value);
			return URL_SCHEMES.has(url.protocol) && url.hostname.length > 0;
		} catch {
			return false;
		}
	},
	{ message: 'must be a full http:// or https:// URL' },
);

/** `#RRGGBB` or `#RGB`. */
export const hexColor = z
	.string()
	.regex(/^#(?:[0-9a-fA-F]{6}|[0-9a-fA-F]{3})$/, 'must be a hex colour such as #1a2b3c');

export const nonEmptyId = z.string().trim().min(1, 'must not be empty');

/** File input accepted by v3 endpoints: a URL, an uploaded asset, or inline base64. */
export const assetInputSchema = z.discriminatedUnion('type', [
	z.object({ type: z.literal('url'), url: httpUrl }).strict(),
	z.object({ type: z.literal('asset_id'), asset_id: nonEmptyId }).strict(),
	z
		.object({
			type: z.literal('base64'),
			media_type: z.string().min(1, 'must not be empty'),
			data: z.string().min(1, 'must not be empty'),
		})
		.strict(),
]);
export type AssetInput = z.infer<typeof assetInputSchema>;

/** A file given by URL or uploaded asset only (no inline base64). */
export const urlOrAssetSchema = z.discriminatedUnion('type', [
	z.object({ type: z.literal('url'), url: httpUrl }).strict(),
	z.object({ type: z.literal('asset_id'), asset_id: nonEmptyId }).strict(),
]);

/** `{ id, deleted }` returned by v3 deletes. */
export const deletedSchema = z.object({ id: z.string(), deleted: z.boolean().optional() }).passthrough();
