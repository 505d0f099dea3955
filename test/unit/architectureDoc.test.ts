/**
 * docs/architecture.md names files, folders and code by name; a rename that forgets the map fails
 * here instead of leaving the map pointing at nothing.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..');
const DOC = 'docs/architecture.md';

/** The page says paths are under nodes/HeyGen/ unless they say otherwise; emulator rows use its folders. */
const BASES = ['', 'nodes/HeyGen/', 'nodes/HeyGen/actions/', 'emulator/'];
const SOURCE_FOLDERS = ['nodes', 'credentials', 'emulator', 'test', 'scripts'];

function filesUnder(folder: string): string[] {
	return readdirSync(join(ROOT, folder), { withFileTypes: true }).flatMap((entry) => {
		const path = `${folder}/${entry.name}`;
		return entry.isDirectory() ? filesUnder(path) : [path];
	});
}

const sourceFiles = SOURCE_FOLDERS.flatMap(filesUnder);
const fileNames = new Set(sourceFiles.map((path) => path.slice(path.lastIndexOf('/') + 1)));
const sourceText = sourceFiles
	.filter((path) => /\.(ts|js|cjs|mjs)$/.test(path))
	.map((path) => readFileSync(join(ROOT, path), 'utf8'))
	.join('\n');

/** Every `code span` of the page, once each. */
export function codeSpans(markdown: string): string[] {
	return [...new Set([...markdown.matchAll(/`([^`\n]+)`/g)].map((match) => match[1]))];
}

/** A span that names a file or folder: a relative path, or a file name with its extension. */
export function isPath(span: string): boolean {
	if (/\s/.test(span) || span.startsWith('/')) return false;
	return span.includes('/') || /\.(ts|md|js|cjs|mjs|json)$/.test(span);
}

/** A span that names code: camelCase or UPPER_SNAKE, as functions, types and tables are named. */
export function isCodeName(span: string): boolean {
	return /^[A-Za-z_][A-Za-z0-9_]*$/.test(span) && /[a-z][A-Z]|_|^[A-Z][a-z]+[A-Z]/.test(span);
}

/** Where a path span points: the fixed part before any `<placeholder>`, under one of the bases. */
function pathExists(span: string): boolean {
	const fixed = span.split('<')[0];
	if (fixed === '') return true;
	if (fixed === span && !fixed.includes('/')) return fileNames.has(fixed) || existsSync(join(ROOT, fixed));
	return BASES.some((base) => existsSync(join(ROOT, base, fixed)));
}

const spans = codeSpans(readFileSync(join(ROOT, DOC), 'utf8'));

describe(DOC, () => {
	it('the span readers tell paths and code names from other code', () => {
		expect(['actions/router.ts', 'park/', 'jobResource.ts', 'schemas/<resource>.ts'].every(isPath)).toBe(true);
		expect(['/webhook-waiting/<execution>', 'npm test', 'X-Api-Key', 'runPerItem'].some(isPath)).toBe(false);
		expect(['runPerItem', 'VIDEO_JOBS', 'callback_url', 'CreatePlan'].every(isCodeName)).toBe(true);
		expect(['zod', 'execute', 'resource', '429', 'X-Api-Key'].some(isCodeName)).toBe(false);
	});

	it('names only files and folders that exist', () => {
		const paths = spans.filter(isPath);
		expect(paths.length).toBeGreaterThan(50);
		expect(paths.filter((span) => !pathExists(span))).toEqual([]);
	});

	it('names only code that exists', () => {
		const names = spans.filter(isCodeName);
		expect(names.length).toBeGreaterThan(20);
		expect(names.filter((name) => !new RegExp(`\\b${name}\\b`).test(sourceText))).toEqual([]);
	});

	it('a missing file is caught', () => {
		expect(pathExists('actions/router.ts')).toBe(true);
		expect(pathExists('actions/noSuchFile.ts')).toBe(false);
		expect(pathExists('noSuchFile.ts')).toBe(false);
	});
});
