import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

import { RequestAborted } from './http';

/** The file part of a `multipart/form-data` upload, held in memory (it is at most the size limit). */
export interface MultipartFile {
	filename: string;
	/** The part's own Content-Type, as the client declared it (not trusted for the stored type). */
	declaredMimeType: string | null;
	bytes: Buffer;
	sha256: string;
}

export type MultipartForm =
	| { kind: 'form'; file: MultipartFile | null; fields: Record<string, string> }
	| { kind: 'not_multipart'; contentType: string | null }
	| { kind: 'malformed'; reason: string }
	/** The file (or the whole body) passed the limit; only what was seen of it is described. */
	| { kind: 'too_large'; filename: string | null; declaredMimeType: string | null; bytesSeen: number };

/** Room for part headers and small text fields next to the file, before the body counts as too large. */
const FORM_OVERHEAD_BYTES = 1024 * 1024;
const MAX_HEADER_BLOCK_BYTES = 16 * 1024;
const MAX_FIELD_BYTES = 64 * 1024;
const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');

/** `multipart/form-data; boundary=...` → the boundary, or null for any other content type. */
export function multipartBoundary(contentType: string | undefined): string | null {
	if (!contentType || !/^multipart\/form-data\s*(;|$)/i.test(contentType.trim())) return null;
	const match = /;\s*boundary=(?:"([^"]+)"|([^\s;]+))/i.exec(contentType);
	const boundary = match?.[1] ?? match?.[2];
	return boundary && boundary.length <= 70 ? boundary : null;
}

function headerParameter(header: string, name: string): string | null {
	// RFC 5987 `filename*=UTF-8''...` wins over the plain form when both are sent.
	const extended = new RegExp(`;\\s*${name}\\*=(?:UTF-8|utf-8)''([^;]+)`).exec(header);
	if (extended) {
		try {
			return decodeURIComponent(extended[1].trim());
		} catch {
			// fall through to the plain parameter
		}
	}
	const plain = new RegExp(`;\\s*${name}=(?:"((?:[^"\\\\]|\\\\.)*)"|([^;\\s]+))`, 'i').exec(header);
	if (!plain) return null;
	return plain[1] !== undefined ? plain[1].replace(/\\(.)/g, '$1') : plain[2];
}

interface PartHeaders {
	name: string | null;
	filename: string | null;
	contentType: string | null;
}

function parsePartHeaders(block: string): PartHeaders {
	const headers: PartHeaders = { name: null, filename: null, contentType: null };
	for (const line of block.split('\r\n')) {
		const colon = line.indexOf(':');
		if (colon <= 0) continue;
		const name = line.slice(0, colon).trim().toLowerCase();
		const value = line.slice(colon + 1).trim();
		if (name === 'content-disposition') {
			headers.name = headerParameter(value, 'name');
			headers.filename = headerParameter(value, 'filename');
		} else if (name === 'content-type') {
			headers.contentType = value.split(';')[0].trim() || null;
		}
	}
	return headers;
}

/** Where the bytes of the current part go. */
interface PartSink {
	write(bytes: Buffer): void;
	close(): void;
}

/**
 * A streaming multipart/form-data reader: it keeps only the file part (up to `maxFileBytes`), a few
 * small text fields and a window of about one boundary's length, whatever the body's size.
 */
class MultipartScanner {
	/** Each part starts after CRLF + `--boundary`; a CRLF is fed first so the opening one matches too. */
	private readonly delimiter: Buffer;
	private window: Buffer = CRLF;
	private state: 'preamble' | 'after_delimiter' | 'headers' | 'body' | 'epilogue' = 'preamble';
	private sink: PartSink | undefined;
	private totalBytes = 0;
	private malformed: string | undefined;

	private file: MultipartFile | null = null;
	private fileTooLarge = false;
	private fileName: string | null = null;
	private fileType: string | null = null;
	private fileBytesSeen = 0;
	private readonly fields: Record<string, string> = {};

	constructor(
		boundary: string,
		private readonly fileField: string,
		private readonly maxFileBytes: number,
	) {
		this.delimiter = Buffer.from(`\r\n--${boundary}`, 'latin1');
	}

	private get bodyTooLarge(): boolean {
		return this.totalBytes > this.maxFileBytes + FORM_OVERHEAD_BYTES;
	}

	push(chunk: Buffer): void {
		this.totalBytes += chunk.length;
		// Past the limit nothing more is parsed: the rest is only counted and dropped.
		if (this.fileTooLarge || this.bodyTooLarge || this.malformed || this.state === 'epilogue') return;
		this.window = this.window.length === 0 ? chunk : Buffer.concat([this.window, chunk]);
		this.scan();
	}

	private fail(reason: string): void {
		this.malformed ??= reason;
		this.window = Buffer.alloc(0);
	}

	private scan(): void {
		for (;;) {
			if (this.fileTooLarge || this.malformed) return;
			if (this.state === 'epilogue') {
				this.window = Buffer.alloc(0);
				return;
			}
			if (this.state === 'preamble' || this.state === 'body') {
				const at = this.window.indexOf(this.delimiter);
				if (at < 0) {
					// Keep a tail that may be the start of a delimiter split across chunks.
					const keep = Math.min(this.window.length, this.delimiter.length - 1);
					if (this.state === 'body') this.sink?.write(this.window.subarray(0, this.window.length - keep));
					this.window = this.window.subarray(this.window.length - keep);
					return;
				}
				if (this.state === 'body') {
					this.sink?.write(this.window.subarray(0, at));
					this.sink?.close();
					this.sink = undefined;
				}
				this.window = this.window.subarray(at + this.delimiter.length);
				this.state = 'after_delimiter';
				continue;
			}
			if (this.state === 'after_delimiter') {
				// Transport padding (spaces, tabs) may follow a delimiter before its CRLF.
				let start = 0;
				while (start < this.window.length && (this.window[start] === 0x20 || this.window[start] === 0x09)) start++;
				if (this.window.length - start < 2) return;
				const next = this.window.toString('latin1', start, start + 2);
				if (next === '--') {
					this.state = 'epilogue';
					continue;
				}
				if (next !== '\r\n') return this.fail('a boundary is not followed by a line break');
				this.window = this.window.subarray(start); // the CRLF stays: an empty header block is CRLF CRLF
				this.state = 'headers';
				continue;
			}
			// headers
			const end = this.window.indexOf(HEADER_END);
			if (end < 0) {
				if (this.window.length > MAX_HEADER_BLOCK_BYTES) this.fail('a part has too many header bytes');
				return;
			}
			const headers = parsePartHeaders(this.window.toString('utf8', 2, Math.max(2, end)));
			this.window = this.window.subarray(end + HEADER_END.length);
			this.sink = this.openSink(headers);
			this.state = 'body';
		}
	}

	private openSink(headers: PartHeaders): PartSink {
		if (headers.name === this.fileField && this.file === null && this.fileName === null) {
			this.fileName = headers.filename ?? 'upload';
			this.fileType = headers.contentType;
			const chunks: Buffer[] = [];
			const hash = createHash('sha256');
			return {
				write: (bytes) => {
					if (bytes.length === 0) return;
					this.fileBytesSeen += bytes.length;
					if (this.fileBytesSeen > this.maxFileBytes) {
						this.fileTooLarge = true;
						chunks.length = 0; // let go of what was kept: the upload is refused anyway
						return;
					}
					// Copied, so the part does not pin the (larger) chunks it was cut from.
					chunks.push(Buffer.from(bytes));
					hash.update(bytes);
				},
				close: () => {
					const bytes = Buffer.concat(chunks);
					this.file = {
						filename: this.fileName ?? 'upload',
						declaredMimeType: this.fileType,
						bytes,
						sha256: hash.digest('hex'),
					};
				},
			};
		}
		// Other parts: small text fields are kept (for the record), anything else is dropped.
		const name = headers.name;
		const pieces: Buffer[] = [];
		let size = 0;
		return {
			write: (bytes) => {
				size += bytes.length;
				if (size <= MAX_FIELD_BYTES) pieces.push(Buffer.from(bytes));
			},
			close: () => {
				if (name !== null && headers.filename === null && size <= MAX_FIELD_BYTES) {
					this.fields[name] = Buffer.concat(pieces).toString('utf8');
				}
			},
		};
	}

	result(): MultipartForm {
		if (this.fileTooLarge || this.bodyTooLarge) {
			return {
				kind: 'too_large',
				filename: this.fileName,
				declaredMimeType: this.fileType,
				bytesSeen: this.fileBytesSeen,
			};
		}
		if (this.malformed) return { kind: 'malformed', reason: this.malformed };
		if (this.state !== 'epilogue') return { kind: 'malformed', reason: 'the body ended before its closing boundary' };
		return { kind: 'form', file: this.file, fields: this.fields };
	}
}

/**
 * Reads a `multipart/form-data` request as it streams in. The body is always read to its end (so the
 * client gets an answer rather than a reset connection), but no more than the limit is ever held.
 */
export function readMultipart(req: IncomingMessage, fileField: string, maxFileBytes: number): Promise<MultipartForm> {
	const contentType = req.headers['content-type'];
	const boundary = multipartBoundary(contentType);
	const scanner = boundary ? new MultipartScanner(boundary, fileField, maxFileBytes) : undefined;
	return new Promise((resolve, reject) => {
		req.on('data', (chunk: Buffer) => scanner?.push(chunk));
		req.on('error', () => reject(new RequestAborted()));
		req.on('close', () => {
			if (!req.complete) reject(new RequestAborted());
		});
		req.on('end', () => {
			resolve(scanner ? scanner.result() : { kind: 'not_multipart', contentType: contentType ?? null });
		});
	});
}
