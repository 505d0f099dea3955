import { randomBytes } from 'node:crypto';

import type { AssetInput } from '../../nodes/HeyGen/schemas';
import { ApiProblem, invalidParameter } from '../http/errors';
import type { MultipartFile } from '../http/multipart';

/** `type` of `GET /v3/assets/{id}`. */
export type AssetKind = 'image' | 'video' | 'audio' | 'pdf' | 'subtitle' | 'archive';

/** What HeyGen stores, by detected MIME type; anything else is refused. */
const STORABLE_TYPES: Readonly<Record<string, { kind: AssetKind; extension: string }>> = {
	'image/png': { kind: 'image', extension: 'png' },
	'image/jpeg': { kind: 'image', extension: 'jpg' },
	'video/mp4': { kind: 'video', extension: 'mp4' },
	'video/webm': { kind: 'video', extension: 'webm' },
	'audio/mpeg': { kind: 'audio', extension: 'mp3' },
	'audio/wav': { kind: 'audio', extension: 'wav' },
	'application/pdf': { kind: 'pdf', extension: 'pdf' },
	'application/x-subrip': { kind: 'subtitle', extension: 'srt' },
	// HyperFrames projects: HeyGen's HyperFrames CLI uploads its zips to `POST /v3/assets`.
	'application/zip': { kind: 'archive', extension: 'zip' },
};

/** ISO-BMFF brands that are not videos (HEIF/AVIF stills, M4A audio). */
const NON_VIDEO_BRANDS: Readonly<Record<string, string>> = {
	heic: 'image/heic',
	heix: 'image/heic',
	mif1: 'image/heif',
	avif: 'image/avif',
	'M4A ': 'audio/mp4',
};

const SRT_CUE_TIMING = /^\s*\d+\s*\r?\n\s*\d{1,2}:\d{2}:\d{2}[,.]\d{3}\s*-->\s*\d{1,2}:\d{2}:\d{2}[,.]\d{3}/m;
/** Only the start of a file is looked at, as `file(1)` does. */
const SNIFF_BYTES = 64 * 1024;

function startsWith(bytes: Buffer, signature: number[] | string, offset = 0): boolean {
	const expected = typeof signature === 'string' ? Buffer.from(signature, 'latin1') : Buffer.from(signature);
	return bytes.length >= offset + expected.length && bytes.subarray(offset, offset + expected.length).equals(expected);
}

/** An MPEG audio frame header: 11 sync bits, then a version, layer and bitrate that are not reserved. */
function isMpegAudioFrame(bytes: Buffer): boolean {
	if (bytes.length < 4 || bytes[0] !== 0xff || (bytes[1] & 0xe0) !== 0xe0) return false;
	const version = (bytes[1] >> 3) & 0b11;
	const layer = (bytes[1] >> 1) & 0b11;
	const bitrate = bytes[2] >> 4;
	const sampleRate = (bytes[2] >> 2) & 0b11;
	return version !== 0b01 && layer !== 0b00 && bitrate !== 0b1111 && sampleRate !== 0b11;
}

function looksLikeText(head: Buffer): boolean {
	if (head.includes(0)) return false;
	// A lone replacement character means the bytes are not UTF-8.
	return !head.toString('utf8').includes('\uFFFD');
}

/** The MIME type the bytes say they are (magic numbers), whatever the client declared. */
export function detectMimeType(bytes: Buffer): string {
	if (bytes.length === 0) return 'application/x-empty';
	const head = bytes.subarray(0, SNIFF_BYTES);
	if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
	if (startsWith(head, [0xff, 0xd8, 0xff])) return 'image/jpeg';
	if (startsWith(head, 'GIF87a') || startsWith(head, 'GIF89a')) return 'image/gif';
	if (startsWith(head, 'ftyp', 4)) return NON_VIDEO_BRANDS[head.toString('latin1', 8, 12)] ?? 'video/mp4';
	if (startsWith(head, [0x1a, 0x45, 0xdf, 0xa3])) {
		// EBML: the DocType sits in the first few dozen bytes.
		return head.subarray(0, 64).includes(Buffer.from('webm', 'latin1')) ? 'video/webm' : 'video/x-matroska';
	}
	if (startsWith(head, 'RIFF')) {
		if (startsWith(head, 'WAVE', 8)) return 'audio/wav';
		if (startsWith(head, 'AVI ', 8)) return 'video/x-msvideo';
		if (startsWith(head, 'WEBP', 8)) return 'image/webp';
	}
	if (startsWith(head, 'ID3') || isMpegAudioFrame(head)) return 'audio/mpeg';
	if (startsWith(head, '%PDF-')) return 'application/pdf';
	// A zip's first local file header, or the end record of an empty zip.
	if (startsWith(head, 'PK\x03\x04') || startsWith(head, 'PK\x05\x06')) return 'application/zip';
	if (looksLikeText(head)) {
		return SRT_CUE_TIMING.test(head.toString('utf8').replace(/^\uFEFF/, '')) ? 'application/x-subrip' : 'text/plain';
	}
	return 'application/octet-stream';
}

export interface StoredAsset {
	id: string;
	/** The uploaded file name, shown as the asset's name. */
	name: string;
	mimeType: string;
	declaredMimeType: string | null;
	kind: AssetKind;
	extension: string;
	bytes: Buffer;
	sha256: string;
	uploadedAtMs: number;
	deletedAtMs: number | null;
}

export interface AssetSummary {
	/** Assets that exist (uploaded and not deleted). */
	count: number;
	deleted: number;
	bytes: number;
	by_kind: Record<AssetKind, number>;
}

/** The account's uploaded files. */
export class AssetStore {
	private readonly assets = new Map<string, StoredAsset>();

	/** Stores an upload, or refuses it (400) when its bytes are not a type HeyGen keeps. */
	add(file: MultipartFile, now: number): StoredAsset {
		const mimeType = detectMimeType(file.bytes);
		const storable = STORABLE_TYPES[mimeType];
		if (!storable) throw invalidParameter('file', `Stored file type not supported: ${mimeType}`);
		const asset: StoredAsset = {
			id: randomBytes(16).toString('hex'),
			name: file.filename,
			mimeType,
			declaredMimeType: file.declaredMimeType,
			kind: storable.kind,
			extension: storable.extension,
			bytes: file.bytes,
			sha256: file.sha256,
			uploadedAtMs: now,
			deletedAtMs: null,
		};
		this.assets.set(asset.id, asset);
		return asset;
	}

	/** An asset that exists and is not deleted. */
	find(id: string): StoredAsset | undefined {
		const asset = this.assets.get(id);
		return asset && asset.deletedAtMs === null ? asset : undefined;
	}

	delete(id: string, now: number): boolean {
		const asset = this.find(id);
		if (!asset) return false;
		asset.deletedAtMs = now;
		asset.bytes = Buffer.alloc(0); // the bytes are gone with it; only the record stays
		return true;
	}

	clear(): void {
		this.assets.clear();
	}

	summary(): AssetSummary {
		const byKind: Record<AssetKind, number> = { image: 0, video: 0, audio: 0, pdf: 0, subtitle: 0, archive: 0 };
		let count = 0;
		let bytes = 0;
		for (const asset of this.assets.values()) {
			if (asset.deletedAtMs !== null) continue;
			count++;
			bytes += asset.bytes.length;
			byKind[asset.kind]++;
		}
		return { count, deleted: this.assets.size - count, bytes, by_kind: byKind };
	}
}

/** Storage path that serves an asset's bytes back. */
export function assetPath(asset: StoredAsset): string {
	return `/uploads/${asset.id}.${asset.extension}`;
}

const ARTICLE = (word: string) => (/^[aeiou]/.test(word) ? 'an' : 'a');

/**
 * The uploaded asset `id` named by a body field at `param`: 404 `asset_not_found` when it does not
 * exist (or was deleted), 400 when it is not one of the kinds that field takes.
 */
export function requireAsset(store: AssetStore, id: string, param: string, kinds: readonly AssetKind[]): StoredAsset {
	const asset = store.find(id);
	if (!asset) throw new ApiProblem(404, 'asset_not_found', `Asset '${id}' not found.`, param);
	if (!kinds.includes(asset.kind)) {
		throw invalidParameter(
			param,
			`'${param}' must be ${kinds.map((kind) => `${ARTICLE(kind)} ${kind}`).join(' or ')} asset, but asset '${id}' is ${ARTICLE(asset.kind)} ${asset.kind} (${asset.mimeType}).`,
		);
	}
	return asset;
}

/**
 * Checks an asset input (`{type:'url'|'asset_id'|'base64'}`) at `param`; returns the URL it names,
 * if any, so the caller can look for unreachable hosts.
 */
export function checkAssetInput(
	store: AssetStore,
	input: AssetInput | null | undefined,
	param: string,
	kinds: readonly AssetKind[],
): string | undefined {
	if (!input) return undefined;
	if (input.type === 'asset_id') requireAsset(store, input.asset_id, `${param}.asset_id`, kinds);
	return input.type === 'url' ? input.url : undefined;
}
