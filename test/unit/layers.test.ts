/**
 * The layer rule of docs/architecture.md, read from the import statements themselves: which
 * folder of the node may import which, what the node may import from outside, and that the
 * emulator shares nothing with the node but its wire contract.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';

import { preProcessFile } from 'typescript';

const ROOT = resolve(__dirname, '..', '..');
const NODE = 'nodes/HeyGen';

/** Every module a source names: imports and re-exports (type-only too), `import()` and `require()`. */
export function importsOf(source: string): string[] {
	return preProcessFile(source, true, true).importedFiles.map((file) => file.fileName);
}

interface Import {
	/** The importing file, from the repository root. */
	file: string;
	/** As written. */
	specifier: string;
	/** From the repository root for a relative import; undefined for a package or built-in. */
	target?: string;
}

function sourceFiles(folder: string): string[] {
	return readdirSync(join(ROOT, folder), { withFileTypes: true }).flatMap((entry) => {
		const path = `${folder}/${entry.name}`;
		if (entry.isDirectory()) return sourceFiles(path);
		return entry.name.endsWith('.ts') ? [path] : [];
	});
}

function importsIn(folder: string): Import[] {
	return sourceFiles(folder).flatMap((file) =>
		importsOf(readFileSync(join(ROOT, file), 'utf8')).map((specifier) => ({
			file,
			specifier,
			target: specifier.startsWith('.') ? relative(ROOT, resolve(ROOT, dirname(file), specifier)).split(sep).join('/') : undefined,
		})),
	);
}

const within = (path: string, folder: string) => path === folder || path.startsWith(`${folder}/`);

/** The layer a file of the node belongs to: its folder under nodes/HeyGen, or the node file itself. */
function layerOf(path: string): string {
	if (within(path, 'credentials')) return 'credentials';
	const [first, ...rest] = path.slice(NODE.length + 1).split('/');
	// `../schemas` names the folder (its index.ts); `./HeyGen.node` a file beside the folders.
	return rest.length > 0 || statSync(join(ROOT, NODE, first), { throwIfNoEntry: false })?.isDirectory() ? first : 'node files';
}

/**
 * What each layer may import from the others (itself always). Lower layers never import higher
 * ones: schemas < transport < helpers < actions < methods; the trigger sits beside actions.
 */
const MAY_IMPORT: Record<string, string[]> = {
	credentials: [],
	schemas: [],
	transport: ['schemas'],
	helpers: ['schemas', 'transport'],
	actions: ['schemas', 'transport', 'helpers'],
	methods: ['schemas', 'transport', 'helpers', 'actions'],
	trigger: ['schemas', 'transport', 'helpers'],
	'node files': ['schemas', 'transport', 'helpers', 'actions', 'methods', 'trigger'],
};

/**
 * Imports that break the order today, each named so the list can only shrink: the lead moves
 * these files and deletes the entry (the test fails while an entry names an import that is gone).
 */
const KNOWN_EXCEPTIONS: Array<{ file: string; target: string; why: string }> = [
	{ file: 'nodes/HeyGen/transport/request.ts', target: 'nodes/HeyGen/helpers/sleep', why: 'cancellable sleep lives in helpers/' },
	{ file: 'nodes/HeyGen/transport/jobs.ts', target: 'nodes/HeyGen/helpers/sleep', why: 'cancellable sleep lives in helpers/' },
	{ file: 'nodes/HeyGen/transport/download.ts', target: 'nodes/HeyGen/helpers/sleep', why: 'cancellable sleep lives in helpers/' },
	{ file: 'nodes/HeyGen/transport/errors.ts', target: 'nodes/HeyGen/helpers/labels', why: 'field labels live in helpers/' },
];

const isException = (i: Import) => KNOWN_EXCEPTIONS.some((e) => e.file === i.file && e.target === i.target);
const show = (i: Import) => `${i.file} imports '${i.specifier}'`;

const nodeImports = [...importsIn(NODE), ...importsIn('credentials')];
const packageName = (specifier: string) => specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/');
const isBuiltin = (specifier: string) => specifier.startsWith('node:') || builtinModules.includes(packageName(specifier));

describe('the import scanner', () => {
	it('finds multi-line and type-only imports, re-exports, import() and require()', () => {
		const source = [
			'import type {',
			'\tA,',
			'} from "./a";',
			"export { b } from '../b';",
			"export * from './c';",
			"import './d';",
			"const e = await import('./e');",
			"const f = require('./f');",
			"// import { g } from './not-code';",
		].join('\n');
		expect(importsOf(source)).toEqual(['./a', '../b', './c', './d', './e', './f']);
	});

	it('sees every file of the node', () => {
		expect(sourceFiles(NODE)).toEqual(expect.arrayContaining(['nodes/HeyGen/HeyGen.node.ts', 'nodes/HeyGen/schemas/endpoints.ts', 'nodes/HeyGen/actions/park/resume.ts']));
		expect(nodeImports.length).toBeGreaterThan(300);
	});
});

describe('the layer rule', () => {
	it('node code imports only n8n-workflow, zod, Node built-ins and its own files', () => {
		const outside = nodeImports.filter((i) =>
			i.target === undefined
				? !['n8n-workflow', 'zod'].includes(i.specifier) && !isBuiltin(i.specifier)
				: !within(i.target, 'nodes') && !within(i.target, 'credentials'),
		);
		expect(outside.map(show)).toEqual([]);
	});

	it('schemas/ (the wire contract) imports only zod, n8n-workflow, crypto and itself', () => {
		const schemaImports = nodeImports.filter((i) => layerOf(i.file) === 'schemas');
		expect(schemaImports.length).toBeGreaterThan(0);
		const stray = schemaImports.filter((i) =>
			i.target === undefined ? !['zod', 'n8n-workflow', 'crypto', 'node:crypto'].includes(i.specifier) : !within(i.target, `${NODE}/schemas`),
		);
		expect(stray.map(show)).toEqual([]);
	});

	it('each layer imports only the layers below it', () => {
		const upward = nodeImports.filter((i) => {
			if (i.target === undefined || isException(i)) return false;
			const [from, to] = [layerOf(i.file), layerOf(i.target)];
			return from !== to && !MAY_IMPORT[from].includes(to);
		});
		expect(upward.map((i) => `${show(i)} (${layerOf(i.file)} → ${layerOf(i.target as string)})`)).toEqual([]);
	});

	it('transport/ never imports actions/, methods/ or trigger/, whatever the exceptions', () => {
		const wrong = nodeImports.filter((i) => layerOf(i.file) === 'transport' && i.target && ['actions', 'methods', 'trigger'].includes(layerOf(i.target)));
		expect(wrong.map(show)).toEqual([]);
	});

	it('the action node does not reach into trigger/, nor the trigger into actions/ or methods/', () => {
		const actionNode = nodeImports.filter((i) => i.file === `${NODE}/HeyGen.node.ts` && i.target && layerOf(i.target) === 'trigger');
		const triggerSide = nodeImports.filter(
			(i) => (i.file === `${NODE}/HeyGenTrigger.node.ts` || layerOf(i.file) === 'trigger') && i.target && ['actions', 'methods'].includes(layerOf(i.target)),
		);
		expect([...actionNode, ...triggerSide].map(show)).toEqual([]);
	});

	it('lists no exception that the code no longer has', () => {
		const gone = KNOWN_EXCEPTIONS.filter((e) => !nodeImports.some((i) => i.file === e.file && i.target === e.target));
		expect(gone.map((e) => `${e.file} → ${e.target}`)).toEqual([]);
	});
});

describe('the emulator', () => {
	const emulatorImports = importsIn('emulator');

	it('imports from the node only its wire contract, nodes/HeyGen/schemas', () => {
		const fromNode = emulatorImports.filter((i) => i.target && (within(i.target, 'nodes') || within(i.target, 'credentials')));
		expect(fromNode.length).toBeGreaterThan(0);
		expect(fromNode.filter((i) => !within(i.target as string, `${NODE}/schemas`)).map(show)).toEqual([]);
	});

	it('stands alone: nothing from test/ or scripts/, no package but zod', () => {
		const stray = emulatorImports.filter((i) =>
			i.target === undefined ? i.specifier !== 'zod' && !isBuiltin(i.specifier) : within(i.target, 'test') || within(i.target, 'scripts'),
		);
		expect(stray.map(show)).toEqual([]);
	});
});
