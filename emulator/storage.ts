import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream';

import type { Catalog } from './catalog';
import {
	mp4File,
	PREVIEW_GIF,
	readRange,
	SILENT_MP3,
	solidPng,
	staticFile,
	streamRange,
	subtitlesSrt,
	webmFile,
	type GeneratedFile,
} from './media';
import { videoStatusAt, type EmulatorState, type VideoJob } from './state';

const THUMBNAIL_PNG = solidPng(32, 96, 160);
const AVATAR_PREVIEW_PNG = solidPng(200, 170, 150);
const PREVIEW_VIDEO_BYTES = 4096;

/**
 * S3-style presigned URLs: `Expires` (Unix seconds) and an HMAC `Signature` over path and expiry,
 * keyed by a secret that lives only in this emulator instance.
 */
export class UrlSigner {
	private readonly secret = randomBytes(32);
	/** The storage origin, known once its listener is bound. */
	origin = '';

	constructor(private readonly ttlSeconds: () => number) {}

	signedUrl(path: string, now: number): string {
		// Rounded up, so a URL is valid for at least the configured TTL.
		const expires = Math.ceil(now / 1000 + this.ttlSeconds());
		return `${this.origin}${path}?Expires=${expires}&Signature=${this.sign(path, expires)}`;
	}

	/** Non-expiring URL of a public asset (avatar and voice previews). */
	publicUrl(path: string): string {
		return `${this.origin}${path}`;
	}

	check(
		path: string,
		query: URLSearchParams,
		now: number,
	): { ok: true } | { ok: false; code: string; message: string } {
		const expires = query.get('Expires');
		const signature = query.get('Signature');
		if (!expires || !signature) {
			return {
				ok: false,
				code: 'AccessDenied',
				message: 'Query-string authentication requires the Signature and Expires parameters',
			};
		}
		const expected = Buffer.from(this.sign(path, Number(expires)));
		const given = Buffer.from(signature);
		if (!/^\d+$/.test(expires) || given.length !== expected.length || !timingSafeEqual(given, expected)) {
			return {
				ok: false,
				code: 'SignatureDoesNotMatch',
				message: 'The request signature we calculated does not match the signature you provided.',
			};
		}
		if (now / 1000 > Number(expires)) return { ok: false, code: 'AccessDenied', message: 'Request has expired' };
		return { ok: true };
	}

	private sign(path: string, expires: number): string {
		return createHmac('sha256', this.secret).update(`${path}\n${expires}`).digest('hex');
	}
}

/** Download links of a completed video, regenerated (fresh expiry) on every call. */
export function videoLinks(job: VideoJob, signer: UrlSigner, now: number) {
	const extension = job.outputFormat;
	return {
		video_url: signer.signedUrl(`/videos/${job.id}.${extension}`, now),
		thumbnail_url: signer.signedUrl(`/videos/${job.id}.png`, now),
		gif_url: signer.signedUrl(`/videos/${job.id}.gif`, now),
		captioned_video_url: job.captions ? signer.signedUrl(`/videos/${job.id}_captioned.${extension}`, now) : null,
		subtitle_url: job.captions ? signer.signedUrl(`/videos/${job.id}.srt`, now) : null,
	};
}

export type StorageLookup = { kind: 'file'; file: GeneratedFile; signed: boolean } | { kind: 'missing' };

const VIDEO_OBJECT = /^\/videos\/([0-9a-f]{32})(_captioned)?\.(mp4|webm|png|gif|srt)$/;
const AVATAR_OBJECT = /^\/assets\/avatars\/([A-Za-z0-9_]+)\.(png|mp4)$/;
const VOICE_OBJECT = /^\/assets\/voices\/([0-9a-f]{32})\.mp3$/;

function videoObject(job: VideoJob, captioned: boolean, extension: string): GeneratedFile | undefined {
	const createdAtUnix = Math.floor(job.createdAtMs / 1000);
	const isVideo = extension === 'mp4' || extension === 'webm';
	if (captioned && (!job.captions || !isVideo)) return undefined;
	if (isVideo) {
		if (extension !== job.outputFormat) return undefined;
		return extension === 'mp4' ? mp4File(job.sizeBytes, job.durationSeconds, createdAtUnix) : webmFile(job.sizeBytes);
	}
	if (extension === 'png') return staticFile('image/png', THUMBNAIL_PNG);
	if (extension === 'gif') return staticFile('image/gif', PREVIEW_GIF);
	if (!job.captions) return undefined;
	return staticFile('application/x-subrip', subtitlesSrt(job.script ?? '(audio)', job.durationSeconds));
}

/** Finds what a storage path names; videos exist only while completed and not deleted. */
export function lookupStorageObject(path: string, state: EmulatorState, catalog: Catalog, now: number): StorageLookup {
	const video = VIDEO_OBJECT.exec(path);
	if (video) {
		const job = state.findVideo(video[1]);
		const file =
			job && videoStatusAt(job, now) === 'completed' ? videoObject(job, Boolean(video[2]), video[3]) : undefined;
		return file ? { kind: 'file', file, signed: true } : { kind: 'missing' };
	}
	const avatar = AVATAR_OBJECT.exec(path);
	if (avatar && catalog.lookById.has(avatar[1])) {
		const file =
			avatar[2] === 'png'
				? staticFile('image/png', AVATAR_PREVIEW_PNG)
				: mp4File(
						PREVIEW_VIDEO_BYTES,
						5,
						catalog.groupById.get(catalog.lookById.get(avatar[1])?.groupId ?? '')?.createdAt ?? 0,
					);
		return { kind: 'file', file, signed: false };
	}
	const voice = VOICE_OBJECT.exec(path);
	if (voice && catalog.voiceById.has(voice[1]))
		return { kind: 'file', file: staticFile('audio/mpeg', SILENT_MP3), signed: false };
	return { kind: 'missing' };
}

export function s3ErrorXml(code: string, message: string, extra: Record<string, string> = {}): string {
	const fields = Object.entries({ Code: code, Message: message, ...extra })
		.map(([name, value]) => `<${name}>${value.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</${name}>`)
		.join('');
	return `<?xml version="1.0" encoding="UTF-8"?>\n<Error>${fields}</Error>`;
}

/** A single `bytes=` range, clamped to the file; `undefined` when absent or not a single range. */
function parseRange(
	header: string | undefined,
	size: number,
): { start: number; end: number } | 'unsatisfiable' | undefined {
	const match = header ? /^bytes=(\d*)-(\d*)$/.exec(header.trim()) : null;
	if (!match || (match[1] === '' && match[2] === '')) return undefined;
	if (match[1] === '') {
		const suffix = Number(match[2]);
		if (suffix === 0) return 'unsatisfiable';
		return { start: Math.max(0, size - suffix), end: size - 1 };
	}
	const start = Number(match[1]);
	const end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
	if (start >= size || end < start) return 'unsatisfiable';
	return { start, end };
}

/** Sends a file (HEAD, full GET or one range), streaming with backpressure; `done` settles when the body is out. */
export function sendFile(
	req: IncomingMessage,
	res: ServerResponse,
	file: GeneratedFile,
	headers: Record<string, string>,
): { status: number; done: Promise<void> } {
	const range = parseRange(req.headers.range, file.size);
	const common = { ...headers, 'Accept-Ranges': 'bytes', 'Content-Type': file.contentType };
	if (range === 'unsatisfiable') {
		res.writeHead(416, { ...common, 'Content-Range': `bytes */${file.size}`, 'Content-Length': '0' });
		res.end();
		return { status: 416, done: Promise.resolve() };
	}
	const start = range?.start ?? 0;
	const endExclusive = range ? range.end + 1 : file.size;
	const status = range ? 206 : 200;
	res.writeHead(status, {
		...common,
		'Content-Length': String(endExclusive - start),
		...(range ? { 'Content-Range': `bytes ${start}-${range.end}/${file.size}` } : {}),
	});
	if (req.method === 'HEAD') {
		res.end();
		return { status, done: Promise.resolve() };
	}
	const done = new Promise<void>((resolve) => {
		pipeline(streamRange(file, start, endExclusive), res, () => resolve());
	});
	return { status, done };
}

/** Sends the headers and the first part of the body, then cuts the connection (a download dying midway). */
export function sendPartialThenDrop(res: ServerResponse, file: GeneratedFile, headers: Record<string, string>): void {
	res.writeHead(200, { ...headers, 'Content-Type': file.contentType, 'Content-Length': String(file.size) });
	const partial = readRange(file, 0, Math.min(64 * 1024, Math.floor(file.size / 2)));
	res.write(partial, () => res.destroy());
}
