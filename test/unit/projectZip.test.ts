import { listZipEntries, projectPath, projectZipProblem } from '../../nodes/HeyGen/schemas/projectZip';
import { makeZip, sampleProject } from '../harness/zip';

/** The same zip with its end record moved to ZIP64 (as zip tools write past 65,535 entries or 4 GB). */
function asZip64(zip: Buffer): Buffer {
	const end = zip.length - 22;
	const count = zip.readUInt16LE(end + 10);
	const size = zip.readUInt32LE(end + 12);
	const offset = zip.readUInt32LE(end + 16);
	const record = Buffer.alloc(56);
	record.writeUInt32LE(0x06064b50, 0);
	record.writeBigUInt64LE(44n, 4);
	record.writeUInt16LE(45, 12);
	record.writeUInt16LE(45, 14);
	record.writeBigUInt64LE(BigInt(count), 24);
	record.writeBigUInt64LE(BigInt(count), 32);
	record.writeBigUInt64LE(BigInt(size), 40);
	record.writeBigUInt64LE(BigInt(offset), 48);
	const locator = Buffer.alloc(20);
	locator.writeUInt32LE(0x07064b50, 0);
	locator.writeBigUInt64LE(BigInt(end), 8);
	locator.writeUInt32LE(1, 16);
	const classic = Buffer.from(zip.subarray(end));
	classic.writeUInt16LE(0xffff, 8);
	classic.writeUInt16LE(0xffff, 10);
	classic.writeUInt32LE(0xffffffff, 12);
	classic.writeUInt32LE(0xffffffff, 16);
	return Buffer.concat([zip.subarray(0, end), record, locator, classic]);
}

describe('reading a zip file’s central directory', () => {
	it('lists the entries of stored and deflated zips, folders included, in order', () => {
		expect(listZipEntries(makeZip({ 'index.html': '<p>hi</p>', 'media/': '', 'media/logo.svg': '<svg/>' }))).toEqual({
			ok: true,
			names: ['index.html', 'media/', 'media/logo.svg'],
		});
		expect(listZipEntries(sampleProject())).toEqual({ ok: true, names: ['index.html', 'style.css'] });
	});

	it('finds the end record behind a comment, and in a ZIP64 zip', () => {
		expect(listZipEntries(makeZip({ 'index.html': 'x' }, { comment: 'made by a zip tool PK\u0005\u0006 with a fake end record' }))).toEqual({ ok: true, names: ['index.html'] });
		expect(listZipEntries(asZip64(makeZip({ 'index.html': 'x', 'app.js': 'y' })))).toEqual({ ok: true, names: ['index.html', 'app.js'] });
	});

	it('reads UTF-8 names', () => {
		expect(listZipEntries(makeZip({ 'index.html': 'x', 'bilder/größe.png': 'y' }))).toEqual({ ok: true, names: ['index.html', 'bilder/größe.png'] });
	});

	it('refuses what is not a zip, or a zip cut off or damaged, without reading past its end', () => {
		const zip = makeZip({ 'index.html': '<p>hi</p>', 'app.js': 'let a = 1;' });
		expect(listZipEntries(Buffer.alloc(0))).toEqual({ ok: false, problem: 'is an empty file' });
		expect(listZipEntries(Buffer.from('<!doctype html><p>hi</p>'))).toEqual({ ok: false, problem: 'is not a zip file' });
		expect(listZipEntries(Buffer.from([0x1f, 0x8b, 8, 0]))).toEqual({ ok: false, problem: 'is not a zip file' });
		expect(listZipEntries(zip.subarray(0, zip.length - 30))).toEqual({ ok: false, problem: 'is a damaged zip file (its central directory is missing; the file may be cut off)' });
		expect(listZipEntries(zip.subarray(0, 10))).toEqual({ ok: false, problem: 'is a damaged zip file (it is cut off)' });

		const bigCount = Buffer.from(zip);
		bigCount.writeUInt16LE(500, zip.length - 12);
		expect(listZipEntries(bigCount)).toEqual({ ok: false, problem: 'is a damaged zip file (its central directory does not fit in the file)' });
		const wrongOffset = Buffer.from(zip);
		wrongOffset.writeUInt32LE(3, zip.length - 6);
		expect(listZipEntries(wrongOffset)).toEqual({ ok: false, problem: 'is a damaged zip file (entry 1 of its central directory is unreadable)' });
		const longName = Buffer.from(zip);
		const directory = zip.readUInt32LE(zip.length - 6);
		longName.writeUInt16LE(0xfff0, directory + 28);
		expect(listZipEntries(longName)).toEqual({ ok: false, problem: 'is a damaged zip file (entry 1 of its central directory runs past its end)' });
		const split = Buffer.from(zip);
		split.writeUInt16LE(2, zip.length - 18);
		expect(listZipEntries(split)).toEqual({ ok: false, problem: 'is one part of a zip split over several files' });
	});

	it('answers (never throws) for any corruption of the directory or the end record', () => {
		const zip = asZip64(makeZip({ 'index.html': '<p>hi</p>', 'media/logo.svg': '<svg/>' }));
		const directory = zip.length - 22 - 20 - 56 - 2 * 46 - 'index.html'.length - 'media/logo.svg'.length;
		let seed = 7;
		const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
		for (let round = 0; round < 3000; round++) {
			const copy = Buffer.from(zip);
			for (let flips = 1 + Math.floor(random() * 3); flips > 0; flips--) copy[directory + Math.floor(random() * (zip.length - directory))] = Math.floor(random() * 256);
			const cut = random() < 0.2 ? copy.subarray(0, Math.floor(random() * copy.length)) : copy;
			const listing = listZipEntries(cut);
			expect(typeof listing.ok).toBe('boolean');
		}
	});
});

describe('what a HyperFrames project zip must hold', () => {
	it('accepts index.html at the top, or the named composition', () => {
		expect(projectZipProblem(sampleProject(), 'index.html')).toBeUndefined();
		const zip = makeZip({ 'compositions/intro.html': 'x', 'index.html': 'y' });
		expect(projectZipProblem(zip, 'compositions/intro.html')).toBeUndefined();
		expect(projectZipProblem(zip, './compositions/intro.html')).toBeUndefined();
		expect(projectZipProblem(makeZip({ 'compositions\\intro.html': 'x' }), 'compositions/intro.html')).toBeUndefined();
	});

	it('names the usual mistake: a zip of the folder rather than of its contents', () => {
		expect(projectZipProblem(makeZip({ 'launch/': '', 'launch/index.html': 'x', 'launch/style.css': 'y' }), 'index.html')).toBe(
			"has launch/index.html, not index.html at the top of the zip: zip the project folder's contents, not the folder",
		);
	});

	it('says what a zip without the entry file holds', () => {
		expect(projectZipProblem(makeZip({ 'page.html': 'x' }), 'index.html')).toBe('is a zip without index.html (it holds page.html)');
		const many = makeZip(Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`part-${i}.html`, 'x'])));
		expect(projectZipProblem(many, 'index.html')).toBe('is a zip without index.html (it holds part-0.html, part-1.html, part-2.html, part-3.html, part-4.html, and 3 more)');
		expect(projectZipProblem(makeZip({ 'assets/': '' }), 'index.html')).toBe('is a zip with no files; it must hold index.html');
		expect(projectZipProblem(makeZip({ 'index.html/': '' }), 'index.html')).toBe('is a zip with no files; it must hold index.html');
		expect(projectZipProblem(Buffer.from('<html></html>'), 'index.html')).toBe('is not a zip file');
	});

	it('writes paths as zip tools do', () => {
		expect(projectPath('./compositions/intro.html')).toBe('compositions/intro.html');
		expect(projectPath('/index.html')).toBe('index.html');
		expect(projectPath('scenes\\one.html ')).toBe('scenes/one.html');
	});
});
