import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream';

import { parseSrt, writeSubtitles } from '../../nodes/HeyGen/schemas/srt';
import type { Catalog } from '../catalogues/catalog';
import { AGENT_STYLE_BY_ID } from '../catalogues/styleCatalog';
import { MEDIA_EXTENSION, TEMPLATE_BY_ID, type TemplateMedia } from '../catalogues/templateCatalog';
import { assetPath, type StoredAsset } from './assets';
import { renderStatusAt, type HyperframesRender } from './hyperframes';
import { lipsyncStatusAt, type LipsyncJob } from './lipsync';
import {
	mp4File,
	PREVIEW_GIF,
	readRange,
	SILENT_MP3,
	solidPng,
	speechMp3,
	staticFile,
	streamRange,
	subtitlesSrt,
	subtitlesVtt,
	webmFile,
	type GeneratedFile,
} from './media';
import { proofreadStatusAt, type ProofreadJob, type SubtitleSource } from './proofread';
import type { EmulatorState, SpeechClip } from './state';
import { translationStatusAt, type TranslationJob } from './translation';
import { videoStatusAt, type VideoJob } from './videoJob';

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

/** Where an uploaded asset's bytes are served; presigned, so the link expires like HeyGen's. */
export function assetUrl(asset: StoredAsset, signer: UrlSigner, now: number): string {
	return signer.signedUrl(assetPath(asset), now);
}

export function speechUrl(clip: SpeechClip, signer: UrlSigner, now: number): string {
	return signer.signedUrl(`/speech/${clip.id}.mp3`, now);
}

/** Files of a completed translation, regenerated (fresh expiry) on every call. */
export function translationLinks(job: TranslationJob, signer: UrlSigner, now: number) {
	return {
		video_url: job.translateAudioOnly ? null : signer.signedUrl(`/translations/${job.id}.mp4`, now),
		audio_url: signer.signedUrl(`/translations/${job.id}.mp3`, now),
		srt_caption_url: job.captions ? signer.signedUrl(`/translations/${job.id}.srt`, now) : null,
		vtt_caption_url: job.captions ? signer.signedUrl(`/translations/${job.id}.vtt`, now) : null,
	};
}

/** Files of a completed lipsync, regenerated (fresh expiry) on every call. */
export function lipsyncLinks(job: LipsyncJob, signer: UrlSigner, now: number) {
	return {
		video_url: signer.signedUrl(`/lipsyncs/${job.id}.mp4`, now),
		caption_url: job.captions ? signer.signedUrl(`/lipsyncs/${job.id}.srt`, now) : null,
	};
}

/** Files of a completed HyperFrames render (its video in the container it asked for), regenerated (fresh expiry) on every call. */
export function renderLinks(render: HyperframesRender, signer: UrlSigner, now: number) {
	return {
		video_url: signer.signedUrl(`/hyperframes/${render.id}.${render.format}`, now),
		thumbnail_url: signer.signedUrl(`/hyperframes/${render.id}.png`, now),
	};
}

function subtitleUrl(source: SubtitleSource | null, path: string, signer: UrlSigner, now: number): string | null {
	if (!source) return null;
	return source.kind === 'url' ? source.url : signer.signedUrl(path, now);
}

/** `GET .../proofreads/{id}/srt`: the subtitles as they stand, and the SRT given at creation. */
export function proofreadSrtLinks(job: ProofreadJob, signer: UrlSigner, now: number) {
	return {
		srt_url: subtitleUrl(job.subtitles, `/proofreads/${job.id}.srt`, signer, now) as string,
		original_srt_url: subtitleUrl(job.original, `/proofreads/${job.id}.original.srt`, signer, now),
	};
}

/** Paths under these prefixes need a valid presigned query; the rest (previews, thumbnails) is public. */
export const SIGNED_PREFIXES: readonly string[] = ['/videos/', '/uploads/', '/speech/', '/translations/', '/lipsyncs/', '/hyperframes/', '/proofreads/'];

export function needsSignature(path: string): boolean {
	return SIGNED_PREFIXES.some((prefix) => path.startsWith(prefix));
}

export type StorageLookup = { kind: 'file'; file: GeneratedFile; signed: boolean } | { kind: 'missing' };

const VIDEO_OBJECT = /^\/videos\/([0-9a-f]{32})(_captioned)?\.(mp4|webm|png|gif|srt)$/;
const AVATAR_OBJECT = /^\/assets\/avatars\/([A-Za-z0-9_]+)\.(png|mp4)$/;
const VOICE_OBJECT = /^\/assets\/voices\/([0-9a-f]{32})\.mp3$/;
const UPLOAD_OBJECT = /^\/uploads\/([0-9a-f]{32})\.([a-z0-9]+)$/;
const SPEECH_OBJECT = /^\/speech\/(req_[0-9a-f]{24})\.mp3$/;
const TRANSLATION_OBJECT = /^\/translations\/([0-9a-f]{32})\.(mp4|mp3|srt|vtt)$/;
const LIPSYNC_OBJECT = /^\/lipsyncs\/([0-9a-f]{32})\.(mp4|srt)$/;
const RENDER_OBJECT = /^\/hyperframes\/([0-9a-f]{32})\.(mp4|webm|mov|png)$/;
const PROOFREAD_OBJECT = /^\/proofreads\/([0-9a-f]{32})(\.original)?\.srt$/;
const TEMPLATE_THUMBNAIL = /^\/assets\/templates\/(\w+)\.png$/;
const TEMPLATE_MEDIA = /^\/assets\/templates\/(\w+)\/(\w+)\.(png|mp4|mp3)$/;
const STYLE_OBJECT = /^\/assets\/styles\/(\w+)\.(png|mp4)$/;
const TEMPLATE_THUMBNAIL_PNG = solidPng(240, 200, 80);
const STYLE_THUMBNAIL_PNG = solidPng(120, 60, 200);

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

function translationObject(job: TranslationJob, extension: string): GeneratedFile | undefined {
	const createdAtUnix = Math.floor(job.createdAtMs / 1000);
	const lines = `Translated to ${job.outputLanguage}. ${job.title ?? ''}`;
	if (extension === 'mp4') {
		return job.translateAudioOnly ? undefined : mp4File(job.sizeBytes, job.durationSeconds, createdAtUnix);
	}
	if (extension === 'mp3') return staticFile('audio/mpeg', speechMp3(job.durationSeconds, lines));
	if (!job.captions) return undefined;
	const edited = job.subtitles === undefined ? undefined : parseSrt(job.subtitles);
	if (edited?.ok) {
		return extension === 'srt'
			? staticFile('application/x-subrip', Buffer.from(writeSubtitles(edited.cues), 'utf8'))
			: staticFile('text/vtt', Buffer.from(writeSubtitles(edited.cues, 'vtt'), 'utf8'));
	}
	if (extension === 'srt') return staticFile('application/x-subrip', subtitlesSrt(lines, job.durationSeconds));
	return staticFile('text/vtt', subtitlesVtt(lines, job.durationSeconds));
}

function lipsyncObject(job: LipsyncJob, extension: string): GeneratedFile | undefined {
	if (extension === 'mp4') return mp4File(job.sizeBytes, job.durationSeconds, Math.floor(job.createdAtMs / 1000));
	return job.captions ? staticFile('application/x-subrip', subtitlesSrt(job.title ?? 'Lipsync', job.durationSeconds)) : undefined;
}

/** A completed render's video (only in the container it was rendered to) or thumbnail. */
function renderObject(render: HyperframesRender, extension: string): GeneratedFile | undefined {
	if (extension === 'png') return staticFile('image/png', THUMBNAIL_PNG);
	if (extension !== render.format) return undefined;
	if (extension === 'webm') return webmFile(render.sizeBytes);
	return mp4File(render.sizeBytes, render.durationSeconds, Math.floor(render.createdAtMs / 1000), extension === 'mov' ? 'mov' : 'mp4');
}

/** Default media of a template variable (`/assets/templates/<template>/<variable>.<ext>`). */
function templateMediaObject(templateId: string, name: string, extension: string): GeneratedFile | undefined {
	const variable = TEMPLATE_BY_ID.get(templateId)?.variables.find((candidate) => candidate.name === name);
	if (!variable || !(variable.type in MEDIA_EXTENSION)) return undefined;
	if (MEDIA_EXTENSION[variable.type as TemplateMedia] !== extension) return undefined;
	if (extension === 'png') return staticFile('image/png', THUMBNAIL_PNG);
	if (extension === 'mp3') return staticFile('audio/mpeg', speechMp3(3, `${templateId} ${name}`));
	return mp4File(PREVIEW_VIDEO_BYTES, 5, 0);
}

/** Finds what a storage path names; videos and translations exist only while completed (and not deleted). */
export function lookupStorageObject(path: string, state: EmulatorState, catalog: Catalog, now: number): StorageLookup {
	const found = lookupNewObject(path, state, now);
	if (found) return found;
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

/** Uploads, speech, translations, lipsyncs, HyperFrames renders, proofread subtitles and template/style previews. */
function lookupNewObject(path: string, state: EmulatorState, now: number): StorageLookup | undefined {
	const missing: StorageLookup = { kind: 'missing' };
	const upload = UPLOAD_OBJECT.exec(path);
	if (upload) {
		const asset = state.assets.find(upload[1]);
		if (!asset || asset.extension !== upload[2]) return missing;
		return { kind: 'file', file: staticFile(asset.mimeType, asset.bytes), signed: true };
	}
	const speech = SPEECH_OBJECT.exec(path);
	if (speech) {
		const clip = state.speechClips.get(speech[1]);
		if (!clip) return missing;
		return { kind: 'file', file: staticFile('audio/mpeg', speechMp3(clip.durationSeconds, clip.id)), signed: true };
	}
	const translation = TRANSLATION_OBJECT.exec(path);
	if (translation) {
		const job = state.translations.get(translation[1]);
		const file =
			job && translationStatusAt(job, now) === 'completed' ? translationObject(job, translation[2]) : undefined;
		return file ? { kind: 'file', file, signed: true } : missing;
	}
	const lipsync = LIPSYNC_OBJECT.exec(path);
	if (lipsync) {
		const job = state.lipsyncs.get(lipsync[1]);
		const file = job && lipsyncStatusAt(job, now) === 'completed' ? lipsyncObject(job, lipsync[2]) : undefined;
		return file ? { kind: 'file', file, signed: true } : missing;
	}
	const rendered = RENDER_OBJECT.exec(path);
	if (rendered) {
		const render = state.findRender(rendered[1]);
		const file = render && renderStatusAt(render, now) === 'completed' ? renderObject(render, rendered[2]) : undefined;
		return file ? { kind: 'file', file, signed: true } : missing;
	}
	const proofread = PROOFREAD_OBJECT.exec(path);
	if (proofread) {
		const job = state.proofreads.get(proofread[1]);
		const source = job && proofreadStatusAt(job, now) === 'completed' ? (proofread[2] ? job.original : job.subtitles) : null;
		return source?.kind === 'text' ? { kind: 'file', file: staticFile('application/x-subrip', Buffer.from(source.text, 'utf8')), signed: true } : missing;
	}
	const thumbnail = TEMPLATE_THUMBNAIL.exec(path);
	if (thumbnail) {
		if (!TEMPLATE_BY_ID.has(thumbnail[1])) return missing;
		return { kind: 'file', file: staticFile('image/png', TEMPLATE_THUMBNAIL_PNG), signed: false };
	}
	const templateMedia = TEMPLATE_MEDIA.exec(path);
	if (templateMedia) {
		const file = templateMediaObject(templateMedia[1], templateMedia[2], templateMedia[3]);
		return file ? { kind: 'file', file, signed: false } : missing;
	}
	const style = STYLE_OBJECT.exec(path);
	if (style) {
		if (!AGENT_STYLE_BY_ID.has(style[1])) return missing;
		const file = style[2] === 'png' ? staticFile('image/png', STYLE_THUMBNAIL_PNG) : mp4File(PREVIEW_VIDEO_BYTES, 5, 0);
		return { kind: 'file', file, signed: false };
	}
	return undefined;
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
