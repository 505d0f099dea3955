import { crc32, deflateRawSync } from 'node:zlib';

/** What a test zip holds: entry names (folders end in `/`) and their content. */
export type ZipFiles = Record<string, string | Buffer>;

export interface ZipOptions {
	/** Deflate the entries (as zip tools do) instead of storing them. */
	deflate?: boolean;
	/** Bytes after the end record's comment length field. */
	comment?: string;
}

function u16(value: number): Buffer {
	const out = Buffer.alloc(2);
	out.writeUInt16LE(value, 0);
	return out;
}

function u32(value: number): Buffer {
	const out = Buffer.alloc(4);
	out.writeUInt32LE(value >>> 0, 0);
	return out;
}

/** A real .zip (local headers, data, central directory, end record), the way zip tools write one. */
export function makeZip(files: ZipFiles, options: ZipOptions = {}): Buffer {
	const locals: Buffer[] = [];
	const central: Buffer[] = [];
	let offset = 0;
	for (const [name, content] of Object.entries(files)) {
		const data = Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8');
		const method = options.deflate && data.length > 0 ? 8 : 0;
		const stored = method === 8 ? deflateRawSync(data) : data;
		const nameBytes = Buffer.from(name, 'utf8');
		const shared = Buffer.concat([u16(20), u16(0x0800), u16(method), u16(0), u16(0x21), u32(crc32(data)), u32(stored.length), u32(data.length), u16(nameBytes.length), u16(0)]);
		const local = Buffer.concat([u32(0x04034b50), shared, nameBytes, stored]);
		central.push(Buffer.concat([u32(0x02014b50), u16(0x031e), shared, u16(0), u16(0), u16(0), u32(name.endsWith('/') ? 0x41ed0010 : 0x81a40000), u32(offset), nameBytes]));
		locals.push(local);
		offset += local.length;
	}
	const directory = Buffer.concat(central);
	const comment = Buffer.from(options.comment ?? '', 'utf8');
	const end = Buffer.concat([u32(0x06054b50), u16(0), u16(0), u16(central.length), u16(central.length), u32(directory.length), u32(offset), u16(comment.length), comment]);
	return Buffer.concat([...locals, directory, end]);
}

/** A small HyperFrames project: index.html (a composition with a variable) and a stylesheet. */
export function sampleProject(html = '<div id="root" data-composition-id="main" data-duration="5"><h1>{{headline}}</h1></div>', extra: ZipFiles = {}): Buffer {
	return makeZip({ 'index.html': `<!doctype html><html><head><link rel="stylesheet" href="style.css"></head><body>${html}</body></html>`, 'style.css': 'h1 { color: #f50; }', ...extra }, { deflate: true });
}
