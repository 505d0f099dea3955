import type { IDataObject, INodePropertyOptions, ResourceMapperField } from 'n8n-workflow';

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

function defaultShown(variable: TemplateVariable): string | undefined {
	const properties = (variable.default?.properties ?? {}) as IDataObject;
	const shown = properties.content ?? properties.url ?? properties.asset_id ?? properties.character_id ?? properties.voice_id;
	return typeof shown === 'string' ? shown : undefined;
}

/** Resource-mapper fields for a template's variables; avatar and voice variables list the account's choices. */
export function mapperFields(
	variables: TemplateVariable[],
	choices: { avatars: INodePropertyOptions[]; voices: INodePropertyOptions[] },
): ResourceMapperField[] {
	return variables.map((variable) => {
		const options = variable.type === 'character' ? choices.avatars : variable.type === 'voice' ? choices.voices : undefined;
		return {
			id: variable.name,
			displayName: `${variable.name} (${TYPE_LABELS[variable.type]})`,
			required: !variable.default,
			defaultMatch: false,
			canBeUsedToMatch: false,
			display: true,
			type: options ? 'options' : 'string',
			...(options ? { options } : {}),
			defaultValue: defaultShown(variable) ?? null,
		};
	});
}

const isUrl = (value: string) => /^https?:\/\//i.test(value);

/** The generate shape of one variable's value, from what the user mapped onto it. */
export function variableValue(variable: TemplateVariable, raw: string): IDataObject {
	const defaults = (variable.default?.properties ?? {}) as IDataObject;
	const media = isUrl(raw) ? { url: raw } : { asset_id: raw };
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

export type VariableProblem = { param: string; message: string };

/**
 * Every variable of the template, typed: mapped values where given, the template's defaults
 * elsewhere. Names the template does not have, and required variables left empty, are problems.
 */
export function buildVariables(
	variables: TemplateVariable[],
	mapped: Record<string, unknown>,
	templateName: string,
): { variables: Record<string, IDataObject>; problem?: VariableProblem } {
	const known = new Map(variables.map((variable) => [variable.name, variable]));
	for (const name of Object.keys(mapped)) {
		if (!known.has(name)) {
			return {
				variables: {},
				problem: { param: `variables.${name}`, message: `is not a variable of the template "${templateName}" (it has ${[...known.keys()].join(', ')})` },
			};
		}
	}
	const result: Record<string, IDataObject> = {};
	for (const variable of variables) {
		const value = mapped[variable.name];
		const text = value === undefined || value === null ? '' : String(value);
		if (text.trim() === '') {
			if (!variable.default) {
				return { variables: {}, problem: { param: `variables.${variable.name}`, message: 'is required: the template has no default for it' } };
			}
			result[variable.name] = variable.default;
		} else {
			result[variable.name] = variableValue(variable, variable.type === 'text' ? text : text.trim());
		}
	}
	return { variables: result };
}
