import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

// The emulator's folders and top-level files, lowest first (emulator/README.md draws the same map).
// A module imports from its own folder or from a lower layer, never sideways or upward.
const LAYERS: ReadonlyArray<readonly string[]> = [
	['http', 'catalogues', 'settings'],
	['webhooks'],
	['jobs'],
	['services.ts'],
	['routes', 'control.ts'],
	['server.ts'],
	['index.ts'],
	['cliOptions.ts'],
	['cli.ts'],
];
/** All the emulator may import of the node: the wire contract. */
const CONTRACT = resolve(__dirname, '../../nodes/HeyGen/schemas');
const EMULATOR = resolve(__dirname, '../../emulator');

function sources(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return sources(path);
		return name.endsWith('.ts') ? [path] : [];
	});
}

/** A folder's name, or a top-level file's name with its extension. */
function unitOf(path: string): string {
	const [first, ...rest] = relative(EMULATOR, path).split(sep);
	const isFolder = rest.length > 0 || (existsSync(join(EMULATOR, first)) && statSync(join(EMULATOR, first)).isDirectory());
	if (isFolder) return first;
	return first.endsWith('.ts') ? first : `${first}.ts`;
}

function layerOf(unit: string): number {
	return LAYERS.findIndex((layer) => layer.includes(unit));
}

function relativeImports(file: string): string[] {
	const text = readFileSync(file, 'utf8');
	return [...text.matchAll(/(?:from|import)\s+'(\.[^']*)'/g)].map((match) => match[1]);
}

describe('emulator layout', () => {
	const files = sources(EMULATOR);

	it('places every folder and top-level file in a layer', () => {
		const units = [...new Set(files.map(unitOf))];
		expect(units.filter((unit) => layerOf(unit) < 0)).toEqual([]);
	});

	it('imports only from its own folder, a lower layer or the wire contract', () => {
		const wrong: string[] = [];
		for (const file of files) {
			const from = unitOf(file);
			for (const specifier of relativeImports(file)) {
				const target = resolve(dirname(file), specifier);
				const where = `${relative(EMULATOR, file)} imports '${specifier}'`;
				if (!target.startsWith(EMULATOR + sep) && target !== EMULATOR) {
					if (target !== CONTRACT && !target.startsWith(CONTRACT + sep)) wrong.push(`${where}: outside the wire contract`);
					continue;
				}
				const to = unitOf(target);
				if (to !== from && !(layerOf(to) < layerOf(from))) wrong.push(`${where}: ${to} is not below ${from}`);
			}
		}
		expect(wrong).toEqual([]);
	});
});
