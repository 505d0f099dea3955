/**
 * The rule a HyperFrames project follows: a .zip whose entry HTML file (`index.html` at the
 * root unless a composition is named) is listed in its central directory. Only the directory is
 * read, never an entry's content: nothing is inflated, and every offset is checked against the
 * file's length before it is used. The node checks a file with it before uploading it, and the
 * emulator checks a project with it before rendering it.
 */

const LOCAL_HEADER = 0x04034b50;
const END_OF_DIRECTORY = 0x06054b50;
const END_LENGTH = 22;
const MAX_COMMENT_LENGTH = 0xffff;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_LOCATOR_LENGTH = 20;
const ZIP64_END = 0x06064b50;
const ZIP64_END_LENGTH = 56;
const DIRECTORY_ENTRY = 0x02014b50;
const DIRECTORY_ENTRY_LENGTH = 46;
/** General purpose flag: the name is UTF-8 (else CP437, read here as Latin-1: entry names that matter are ASCII). */
const UTF8_NAMES = 0x0800;

export type ZipListing = { ok: true; names: string[] } | { ok: false; problem: string };

const damaged = (why: string): ZipListing => ({ ok: false, problem: `is a damaged zip file (${why})` });

/** The end-of-central-directory record: the last one whose comment ends the file, else the last one at all. */
function findEnd(bytes: Buffer): number {
	const last = bytes.length - END_LENGTH;
	const first = Math.max(0, last - MAX_COMMENT_LENGTH);
	let loose = -1;
	for (let at = last; at >= first; at--) {
		if (bytes.readUInt32LE(at) !== END_OF_DIRECTORY) continue;
		if (at + END_LENGTH + bytes.readUInt16LE(at + 20) === bytes.length) return at;
		if (loose === -1) loose = at;
	}
	return loose;
}

/** Where the central directory is and how many entries it holds (from the ZIP64 record when the classic one is full). */
function directoryOf(bytes: Buffer, end: number): { count: number; offset: number; size: number; limit: number } | string {
	const count = bytes.readUInt16LE(end + 10);
	const size = bytes.readUInt32LE(end + 12);
	const offset = bytes.readUInt32LE(end + 16);
	if (count !== 0xffff && size !== 0xffffffff && offset !== 0xffffffff) return { count, offset, size, limit: end };
	const locator = end - ZIP64_LOCATOR_LENGTH;
	if (locator < 0 || bytes.readUInt32LE(locator) !== ZIP64_LOCATOR) return 'its ZIP64 locator is missing';
	const zip64End = Number(bytes.readBigUInt64LE(locator + 8));
	if (zip64End + ZIP64_END_LENGTH > locator || bytes.readUInt32LE(zip64End) !== ZIP64_END) return 'its ZIP64 directory record is missing';
	return {
		count: Number(bytes.readBigUInt64LE(zip64End + 32)),
		size: Number(bytes.readBigUInt64LE(zip64End + 40)),
		offset: Number(bytes.readBigUInt64LE(zip64End + 48)),
		limit: zip64End,
	};
}

/** The names a zip's central directory lists (folders end in `/`), or why the bytes are not a readable zip. */
export function listZipEntries(bytes: Buffer): ZipListing {
	if (bytes.length === 0) return { ok: false, problem: 'is an empty file' };
	const magic = bytes.length >= 4 ? bytes.readUInt32LE(0) : 0;
	if (magic !== LOCAL_HEADER && magic !== END_OF_DIRECTORY) return { ok: false, problem: 'is not a zip file' };
	if (bytes.length < END_LENGTH) return damaged('it is cut off');
	const end = findEnd(bytes);
	if (end === -1) return damaged('its central directory is missing; the file may be cut off');
	if (bytes.readUInt16LE(end + 4) !== 0 && bytes.readUInt16LE(end + 4) !== 0xffff) return { ok: false, problem: 'is one part of a zip split over several files' };
	const directory = directoryOf(bytes, end);
	if (typeof directory === 'string') return damaged(directory);
	const { count, offset, size, limit } = directory;
	if (offset + size > limit || count * DIRECTORY_ENTRY_LENGTH > size) return damaged('its central directory does not fit in the file');

	const names: string[] = [];
	let at = offset;
	for (let index = 0; index < count; index++) {
		if (at + DIRECTORY_ENTRY_LENGTH > offset + size || bytes.readUInt32LE(at) !== DIRECTORY_ENTRY) return damaged(`entry ${index + 1} of its central directory is unreadable`);
		const flags = bytes.readUInt16LE(at + 8);
		const nameLength = bytes.readUInt16LE(at + 28);
		const next = at + DIRECTORY_ENTRY_LENGTH + nameLength + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
		if (next > offset + size) return damaged(`entry ${index + 1} of its central directory runs past its end`);
		const name = bytes.subarray(at + DIRECTORY_ENTRY_LENGTH, at + DIRECTORY_ENTRY_LENGTH + nameLength);
		names.push(name.toString(flags & UTF8_NAMES ? 'utf8' : 'latin1'));
		at = next;
	}
	return { ok: true, names };
}

/** A path inside a project as zip tools write it: forward slashes, no leading `./` or `/`. */
export function projectPath(path: string): string {
	return path.trim().replace(/\\/g, '/').replace(/^(?:\.\/|\/)+/, '');
}

/**
 * Why a zip cannot be rendered with `entry` as its composition, or undefined when it can: the
 * bytes must be a readable zip listing the entry file. A zip of a folder (its files one level
 * down) is the usual mistake, and is named as such.
 */
export function projectZipProblem(bytes: Buffer, entry: string): string | undefined {
	const listing = listZipEntries(bytes);
	if (!listing.ok) return listing.problem;
	const wanted = projectPath(entry);
	const files = listing.names.map(projectPath).filter((name) => name && !name.endsWith('/'));
	if (files.includes(wanted)) return undefined;
	const nested = files.find((name) => name.endsWith(`/${wanted}`));
	if (nested) return `has ${nested}, not ${wanted} at the top of the zip: zip the project folder's contents, not the folder`;
	if (files.length === 0) return `is a zip with no files; it must hold ${wanted}`;
	const shown = files.slice(0, 5).join(', ');
	return `is a zip without ${wanted} (it holds ${shown}${files.length > 5 ? `, and ${files.length - 5} more` : ''})`;
}
