import { Readable } from 'node:stream';
import { crc32, deflateSync } from 'node:zlib';

/**
 * A file the storage host serves: real leading bytes (container headers) followed by zero filler.
 * Nothing but the prefix is ever held in memory, so a 1 GB video costs a few hundred bytes.
 */
export interface GeneratedFile {
	contentType: string;
	size: number;
	prefix: Buffer;
}

const FILLER_CHUNK_BYTES = 64 * 1024;
const FILLER = Buffer.alloc(FILLER_CHUNK_BYTES);

/** Seconds between the MP4 epoch (1904-01-01) and the Unix epoch. */
const MP4_EPOCH_OFFSET = 2_082_844_800;

function box(type: string, ...payload: Buffer[]): Buffer {
	const body = Buffer.concat(payload);
	const header = Buffer.alloc(8);
	header.writeUInt32BE(8 + body.length, 0);
	header.write(type, 4, 'latin1');
	return Buffer.concat([header, body]);
}

function uint32s(...values: number[]): Buffer {
	const out = Buffer.alloc(values.length * 4);
	values.forEach((value, index) => out.writeUInt32BE(value >>> 0, index * 4));
	return out;
}

function movieHeader(durationSeconds: number, createdAtUnix: number): Buffer {
	const timescale = 1000;
	const mp4Time = createdAtUnix + MP4_EPOCH_OFFSET;
	return box(
		'mvhd',
		uint32s(0, mp4Time, mp4Time, timescale, Math.round(durationSeconds * timescale)),
		uint32s(0x0001_0000), // rate 1.0
		Buffer.from([0x01, 0x00]), // volume 1.0
		Buffer.alloc(10), // reserved
		uint32s(0x0001_0000, 0, 0, 0, 0x0001_0000, 0, 0, 0, 0x4000_0000), // identity matrix
		Buffer.alloc(24), // pre_defined
		uint32s(1), // next_track_ID
	);
}

/** The `ftyp` of each ISO-BMFF container: MP4, or QuickTime (`qt  `, the brand a MOV carries). */
const FILE_TYPES = {
	mp4: { contentType: 'video/mp4', ftyp: box('ftyp', Buffer.from('isom', 'latin1'), uint32s(0x200), Buffer.from('isomiso2avc1mp41', 'latin1')) },
	mov: { contentType: 'video/quicktime', ftyp: box('ftyp', Buffer.from('qt  ', 'latin1'), uint32s(0x200), Buffer.from('qt  ', 'latin1')) },
};

/** An ISO-BMFF file: `ftyp` (isom, or qt for a MOV), a `moov` holding `mvhd`, and an `mdat` filling up to `size`. */
export function mp4File(size: number, durationSeconds: number, createdAtUnix: number, container: 'mp4' | 'mov' = 'mp4'): GeneratedFile {
	const { ftyp, contentType } = FILE_TYPES[container];
	const moov = box('moov', movieHeader(durationSeconds, createdAtUnix));
	const mdatSize = size - ftyp.length - moov.length;
	let mdatHeader: Buffer;
	if (mdatSize <= 0xffff_ffff) {
		mdatHeader = Buffer.alloc(8);
		mdatHeader.writeUInt32BE(mdatSize, 0);
		mdatHeader.write('mdat', 4, 'latin1');
	} else {
		// Boxes over 4 GiB use size 1 and a 64-bit "largesize".
		mdatHeader = Buffer.alloc(16);
		mdatHeader.writeUInt32BE(1, 0);
		mdatHeader.write('mdat', 4, 'latin1');
		mdatHeader.writeBigUInt64BE(BigInt(mdatSize), 8);
	}
	return { contentType, size, prefix: Buffer.concat([ftyp, moov, mdatHeader]) };
}

function ebmlElement(id: number[], data: Buffer): Buffer {
	// One-byte sizes suffice for the header fields written here (all under 127 bytes).
	return Buffer.concat([Buffer.from(id), Buffer.from([0x80 | data.length]), data]);
}

function ebmlEightByteSize(size: number): Buffer {
	const out = Buffer.alloc(8);
	out.writeBigUInt64BE(BigInt(size), 0);
	out[0] = 0x01; // 8-byte vint marker; sizes here stay below 2^56
	return out;
}

/** A WebM (Matroska) file: EBML header with DocType `webm`, then a Segment padded with a Void element. */
export function webmFile(size: number): GeneratedFile {
	const ebmlHeader = ebmlElement(
		[0x1a, 0x45, 0xdf, 0xa3],
		Buffer.concat([
			ebmlElement([0x42, 0x86], Buffer.from([1])), // EBMLVersion
			ebmlElement([0x42, 0xf7], Buffer.from([1])), // EBMLReadVersion
			ebmlElement([0x42, 0xf2], Buffer.from([4])), // EBMLMaxIDLength
			ebmlElement([0x42, 0xf3], Buffer.from([8])), // EBMLMaxSizeLength
			ebmlElement([0x42, 0x82], Buffer.from('webm', 'latin1')), // DocType
			ebmlElement([0x42, 0x87], Buffer.from([4])), // DocTypeVersion
			ebmlElement([0x42, 0x85], Buffer.from([2])), // DocTypeReadVersion
		]),
	);
	const segmentHeaderLength = 4 + 8;
	const voidHeaderLength = 1 + 8;
	const segmentSize = size - ebmlHeader.length - segmentHeaderLength;
	const voidSize = segmentSize - voidHeaderLength;
	const prefix = Buffer.concat([
		ebmlHeader,
		Buffer.from([0x18, 0x53, 0x80, 0x67]),
		ebmlEightByteSize(segmentSize),
		Buffer.from([0xec]),
		ebmlEightByteSize(voidSize),
	]);
	return { contentType: 'video/webm', size, prefix };
}

function pngChunk(type: string, data: Buffer): Buffer {
	const typeAndData = Buffer.concat([Buffer.from(type, 'latin1'), data]);
	return Buffer.concat([uint32s(data.length), typeAndData, uint32s(crc32(typeAndData))]);
}

/** A 1×1 PNG in the given colour, for thumbnails and avatar previews. */
export function solidPng(red: number, green: number, blue: number): Buffer {
	const header = Buffer.concat([uint32s(1, 1), Buffer.from([8, 2, 0, 0, 0])]); // 8-bit RGB
	const scanline = Buffer.from([0, red, green, blue]); // filter byte, then one pixel
	return Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		pngChunk('IHDR', header),
		pngChunk('IDAT', deflateSync(scanline)),
		pngChunk('IEND', Buffer.alloc(0)),
	]);
}

/** The classic 1×1 transparent GIF89a. */
export const PREVIEW_GIF = Buffer.from('R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==', 'base64');

/** Ten silent MPEG-1 Layer III frames (128 kbit/s, 44.1 kHz, 417 bytes each): about a quarter second. */
export const SILENT_MP3 = (() => {
	const frame = Buffer.alloc(417);
	frame.set([0xff, 0xfb, 0x90, 0x04]);
	return Buffer.concat(Array.from({ length: 10 }, () => frame));
})();

/** MPEG-1 Layer III, 32 kbit/s, 44.1 kHz, mono, no CRC: 104-byte frames of 1152 samples each. */
const SPEECH_FRAME_HEADER = [0xff, 0xfb, 0x10, 0xc4];
const SPEECH_FRAME_BYTES = 104;
const SPEECH_FRAME_SECONDS = 1152 / 44_100;

/** ID3v2.4 sizes carry 7 bits per byte. */
function syncsafe(size: number): Buffer {
	return Buffer.from([(size >> 21) & 0x7f, (size >> 14) & 0x7f, (size >> 7) & 0x7f, size & 0x7f]);
}

function id3TextFrame(id: string, text: string): Buffer {
	const payload = Buffer.concat([Buffer.from([0x03]), Buffer.from(text, 'utf8')]); // 0x03: UTF-8
	return Buffer.concat([Buffer.from(id, 'latin1'), syncsafe(payload.length), Buffer.from([0, 0]), payload]);
}

/**
 * A real MP3 of about `durationSeconds`: an ID3v2.4 tag (title, encoder) and silent MPEG audio frames
 * at a low bitrate, so a minute of speech is about 240 KB.
 */
export function speechMp3(durationSeconds: number, title: string): Buffer {
	const frames = Buffer.concat([id3TextFrame('TIT2', title.slice(0, 200)), id3TextFrame('TSSE', 'HeyGen emulator')]);
	const tag = Buffer.concat([Buffer.from('ID3', 'latin1'), Buffer.from([4, 0, 0]), syncsafe(frames.length), frames]);
	const frame = Buffer.alloc(SPEECH_FRAME_BYTES);
	frame.set(SPEECH_FRAME_HEADER);
	const count = Math.max(1, Math.ceil(durationSeconds / SPEECH_FRAME_SECONDS));
	return Buffer.concat([tag, ...Array.from({ length: count }, () => frame)]);
}

function srtTime(seconds: number): string {
	const ms = Math.round(seconds * 1000);
	const pad = (value: number, width: number) => String(value).padStart(width, '0');
	return `${pad(Math.floor(ms / 3_600_000), 2)}:${pad(Math.floor(ms / 60_000) % 60, 2)}:${pad(Math.floor(ms / 1000) % 60, 2)},${pad(ms % 1000, 3)}`;
}

function vttTime(seconds: number): string {
	return srtTime(seconds).replace(',', '.');
}

/** Cues of about eight words each, spread evenly over the video. */
function cuesOf(text: string, durationSeconds: number): Array<{ start: number; end: number; text: string }> {
	const words = text.split(/\s+/).filter(Boolean);
	const cues: string[][] = [];
	for (let i = 0; i < words.length; i += 8) cues.push(words.slice(i, i + 8));
	if (cues.length === 0) cues.push(['…']);
	const cueSeconds = durationSeconds / cues.length;
	return cues.map((cue, index) => ({ start: index * cueSeconds, end: (index + 1) * cueSeconds, text: cue.join(' ') }));
}

/** SRT cues of about eight words each, spread evenly over the video. */
export function subtitlesSrt(text: string, durationSeconds: number): Buffer {
	const blocks = cuesOf(text, durationSeconds).map(
		(cue, index) => `${index + 1}\n${srtTime(cue.start)} --> ${srtTime(cue.end)}\n${cue.text}\n`,
	);
	return Buffer.from(blocks.join('\n'), 'utf8');
}

/** The same cues as WebVTT. */
export function subtitlesVtt(text: string, durationSeconds: number): Buffer {
	const blocks = cuesOf(text, durationSeconds).map(
		(cue) => `${vttTime(cue.start)} --> ${vttTime(cue.end)}\n${cue.text}\n`,
	);
	return Buffer.from(`WEBVTT\n\n${blocks.join('\n')}`, 'utf8');
}

export function staticFile(contentType: string, bytes: Buffer): GeneratedFile {
	return { contentType, size: bytes.length, prefix: bytes };
}

/** Streams bytes `[start, endExclusive)` of a generated file; `push` returning false pauses it (backpressure). */
class GeneratedFileStream extends Readable {
	private position: number;

	constructor(
		private readonly file: GeneratedFile,
		start: number,
		private readonly endExclusive: number,
	) {
		super({ highWaterMark: FILLER_CHUNK_BYTES });
		this.position = start;
	}

	override _read(): void {
		while (this.position < this.endExclusive) {
			const chunk = chunkAt(this.file, this.position, this.endExclusive);
			this.position += chunk.length;
			if (!this.push(chunk)) return;
		}
		this.push(null);
	}
}

function chunkAt(file: GeneratedFile, position: number, endExclusive: number): Buffer {
	if (position < file.prefix.length) {
		return file.prefix.subarray(position, Math.min(file.prefix.length, endExclusive));
	}
	return FILLER.subarray(0, Math.min(FILLER_CHUNK_BYTES, endExclusive - position));
}

export function streamRange(file: GeneratedFile, start: number, endExclusive: number): Readable {
	return new GeneratedFileStream(file, start, endExclusive);
}

/** Copies a small range into memory (used to send a partial body before a dropped connection). */
export function readRange(file: GeneratedFile, start: number, endExclusive: number): Buffer {
	const out = Buffer.alloc(Math.max(0, endExclusive - start));
	if (start < file.prefix.length) file.prefix.copy(out, 0, start, Math.min(file.prefix.length, endExclusive));
	return out;
}
