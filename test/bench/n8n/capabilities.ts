import { join } from 'node:path';

import { PROJECT_ROOT } from './project';

interface PropertyLike {
	name?: string;
	value?: unknown;
	options?: PropertyLike[];
	values?: PropertyLike[];
}

/** Every parameter definition, collections' and fixed collections' children included. */
function allProperties(properties: PropertyLike[]): PropertyLike[] {
	return properties.flatMap((property) => [
		property,
		...allProperties((property.options ?? []).filter((option) => Array.isArray(option.options) || 'displayName' in option)),
		...allProperties(property.values ?? []),
	]);
}

/** Whether the built HeyGen node (dist/) has, for each name, a parameter of that name offering that value. */
export function heyGenNodeOffers(parameters: Record<string, string>): boolean {
	/* eslint-disable-next-line @typescript-eslint/no-require-imports */
	const { HeyGen } = require(join(PROJECT_ROOT, 'dist', 'nodes', 'HeyGen', 'HeyGen.node.js'));
	const properties = allProperties(new HeyGen().description.properties as PropertyLike[]);
	return Object.entries(parameters).every(([name, value]) =>
		properties.some((property) => property.name === name && (property.options ?? []).some((option) => option.value === value)),
	);
}
