import type { IDataObject, INodePropertyOptions, ResourceMapperField } from 'n8n-workflow';

import { FILE_REFERENCE_HINT, notAFileReference } from '../../helpers/parameters';
import { fileReferenceKind } from '../../helpers/urls';
import { TEMPLATE_VARIABLE_TYPES, type TemplateDetail, type TemplateVariableType } from '../../schemas';

/** One variable of a template: its kind and its default value (in generate shape), if any. */
export interface TemplateVariable {
	name: string;
	type: TemplateVariableType;
	default?: IDataObject;
}

const TYPE_LABELS: Record<TemplateVariableType, string> = {
	text: 'text',
	image: 'image: URL or asset ID',
	video: 'video: URL or asset ID',
	audio: 'audio: URL or asset ID',
	character: 'avatar',
	voice: 'voice',
};

function isVariableType(value: unknown): value is TemplateVariableType {
	return typeof value === 'string' && (TEMPLATE_VARIABLE_TYPES as readonly string[]).includes(value);
}

/** The template's variables, from its scenes and its defaults map, in first-use order. */
export function templateVariables(detail: TemplateDetail): TemplateVariable[] {
	const byName = new Map<string, TemplateVariable>();
	for (const scene of detail.scenes ?? []) {
		for (const variable of scene.variables ?? []) {
			if (!byName.has(variable.name) && isVariableType(variable.variable_type)) {
				byName.set(variable.name, { name: variable.name, type: variable.variable_type });
			}
		}
	}
	for (const [name, value] of Object.entries(detail.variables ?? {})) {
		const defaults = value && typeof value === 'object' ? (value as IDataObject) : undefined;
		const known = byName.get(name);
		const type = known?.type ?? (isVariableType(defaults?.type) ? defaults.type : undefined);
		if (type) byName.set(name, { name, type, default: defaults ?? undefined });
	}
	return [...byName.values()];
}

/** The longest default text a mapper label quotes. */
const SHOWN_TEXT_LENGTH = 40;

/**
 * How a variable's default reads in its mapper label: text quoted, a file by its name, an avatar
 * or voice as the lists name it. Undefined when the template has no default for it.
 */
function defaultShown(variable: TemplateVariable, options: INodePropertyOptions[] | undefined): string | undefined {
	if (!variable.default) return undefined;
	const properties = (variable.default.properties ?? {}) as IDataObject;
	const pick = (key: string) => (typeof properties[key] === 'string' && properties[key] !== '' ? (properties[key] as string) : undefined);
	const chosen = pick('character_id') ?? pick('voice_id');
	if (chosen) return options?.find((option) => option.value === chosen)?.name ?? chosen;
	const text = pick('content');
	if (text !== undefined) return JSON.stringify(text.length > SHOWN_TEXT_LENGTH ? `${text.slice(0, SHOWN_TEXT_LENGTH - 1)}…` : text);
	const url = pick('url');
	if (url) return url.split(/[?#]/)[0].split('/').filter(Boolean).pop() ?? url;
	return pick('asset_id') ?? "the template's own";
}

/**
 * Resource-mapper fields for a template's variables; avatar and voice variables list the account's
 * choices. Fields start empty, and an empty one is not sent, so HeyGen applies the template's
 * default: the label shows that default. A variable without a default is required.
 */
export function mapperFields(
	variables: TemplateVariable[],
	choices: { avatars: INodePropertyOptions[]; voices: INodePropertyOptions[] },
): ResourceMapperField[] {
	return variables.map((variable) => {
		const options = variable.type === 'character' ? choices.avatars : variable.type === 'voice' ? choices.voices : undefined;
		const shown = defaultShown(variable, options);
		return {
			id: variable.name,
			displayName: `${variable.name} (${TYPE_LABELS[variable.type]})${shown ? ` — empty keeps ${shown}` : ''}`,
			required: !variable.default,
			defaultMatch: false,
			canBeUsedToMatch: false,
			display: true,
			type: options ? 'options' : 'string',
			...(options ? { options } : {}),
		};
	});
}

/** The generate shape of one variable's value, from what the user mapped onto it (a media value already checked). */
export function variableValue(variable: TemplateVariable, raw: string): IDataObject {
	const defaults = (variable.default?.properties ?? {}) as IDataObject;
	const media = fileReferenceKind(raw) === 'url' ? { url: raw } : { asset_id: raw };
	const properties: Record<TemplateVariableType, IDataObject> = {
		text: { content: raw },
		image: media,
		video: { ...media, ...(defaults.play_style ? { play_style: defaults.play_style } : {}) },
		audio: media,
		character: { character_id: raw, type: (defaults.type as string | undefined) ?? 'avatar' },
		voice: { voice_id: raw },
	};
	return { name: variable.name, type: variable.type, properties: properties[variable.type] };
}

/** A variable's display name in messages. */
export const variableLabel = (name: string) => `Variable ${name}`;

/** Body paths of the mapped variables ("variables.logo.properties.url") named as the mapper shows them. */
export function variableLabels(names: Iterable<string>): Record<string, string> {
	const labels: Record<string, string> = {};
	for (const name of names) {
		for (const path of ['', '.properties', '.properties.content', '.properties.url', '.properties.asset_id', '.properties.character_id', '.properties.voice_id']) {
			labels[`variables.${name}${path}`] = variableLabel(name);
		}
	}
	return labels;
}

const MEDIA_TYPES = new Set<TemplateVariableType>(['image', 'video', 'audio']);

export type VariableProblem = { name: string; message: string; hint?: string };

const REQUIRED_HINT = 'Map a value onto it under Variables, or give it a default in the HeyGen template editor.';

/**
 * The variables an item sets, typed, in generate shape. Variables left empty are not sent, so
 * HeyGen applies the template's default; a required one (the template has none) left empty, a
 * name the template does not have, and a media value that is neither a URL nor an asset ID are
 * problems. `mapped` holds text, '' for a variable left empty.
 */
export function buildVariables(
	variables: TemplateVariable[],
	mapped: Record<string, string>,
	templateName: string,
): { given: Record<string, IDataObject>; problem?: VariableProblem } {
	const known = new Map(variables.map((variable) => [variable.name, variable]));
	const failed = (problem: VariableProblem) => ({ given: {}, problem });
	for (const name of Object.keys(mapped)) {
		if (!known.has(name)) {
			return failed({ name, message: `is not a variable of the template "${templateName}" (it has ${[...known.keys()].join(', ')})` });
		}
	}
	const given: Record<string, IDataObject> = {};
	for (const variable of variables) {
		const text = mapped[variable.name] ?? '';
		if (text.trim() === '') {
			if (!variable.default) return failed({ name: variable.name, message: 'is required: the template has no default for it', hint: REQUIRED_HINT });
			continue;
		}
		const value = variable.type === 'text' ? text : text.trim();
		const notFile = MEDIA_TYPES.has(variable.type) ? notAFileReference(value) : undefined;
		if (notFile) return failed({ name: variable.name, message: notFile, hint: FILE_REFERENCE_HINT });
		given[variable.name] = variableValue(variable, value);
	}
	return { given };
}
