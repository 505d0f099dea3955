import type { GenerateTemplateVideoBody, TemplateVariableValue } from '../../nodes/HeyGen/schemas';
import type { CatalogLook } from '../catalogues/catalog';
import type { Template, TemplateVariableSeed } from '../catalogues/templateCatalog';
import { invalidParameter } from '../http/errors';
import { requireAsset } from './assets';
import {
	creditsFor,
	decideOutcome,
	DEFAULT_ENGINE,
	estimateDurationSeconds,
	requireLook,
	requireVoice,
	type FetchedInput,
	type PlanContext,
	type RenderPlan,
} from './rendering';

const ASPECT_RATIOS: Readonly<Record<Template['aspectRatio'], number>> = { '16:9': 16 / 9, '9:16': 9 / 16, '1:1': 1 };
/** Rounding slack, so 854×480 counts as 16:9. */
const ASPECT_TOLERANCE = 0.01;

function describe(template: Template): string {
	return `template '${template.name}' (${template.id})`;
}

/** Every given key must be a variable of the template, of the same type; null-default ones must be given. */
function checkVariableNames(template: Template, body: GenerateTemplateVideoBody): void {
	const byName = new Map(template.variables.map((variable) => [variable.name, variable]));
	for (const [key, value] of Object.entries(body.variables)) {
		const variable = byName.get(key);
		if (!variable) {
			const known = template.variables.map((candidate) => candidate.name).join(', ') || 'none';
			throw invalidParameter(
				`variables.${key}`,
				`'variables.${key}' is not a variable of ${describe(template)}; its variables are: ${known}.`,
			);
		}
		if (value.type !== variable.type) {
			throw invalidParameter(
				`variables.${key}.type`,
				`'variables.${key}.type' must be '${variable.type}': that is the type of '${key}' in ${describe(template)}.`,
			);
		}
	}
	for (const variable of template.variables) {
		if (variable.default === null && !(variable.name in body.variables)) {
			throw invalidParameter(
				`variables.${variable.name}`,
				`'variables.${variable.name}' is required: ${describe(template)} has no default for it.`,
			);
		}
	}
}

function checkScenesAndDimension(template: Template, body: GenerateTemplateVideoBody): Template['scenes'] {
	const sceneIds = template.scenes.map((scene) => scene.id);
	const unknown = body.scene_ids?.find((id) => !sceneIds.includes(id));
	if (unknown !== undefined) {
		throw invalidParameter(
			'scene_ids',
			`'scene_ids' must list scenes of ${describe(template)}; '${unknown}' is not one of: ${sceneIds.join(', ')}.`,
		);
	}
	if (body.dimension) {
		const { width, height } = body.dimension;
		const expected = ASPECT_RATIOS[template.aspectRatio];
		if (Math.abs(width / height - expected) / expected > ASPECT_TOLERANCE) {
			throw invalidParameter(
				'dimension',
				`'dimension' ${width}x${height} does not match the ${template.aspectRatio} aspect ratio of ${describe(template)}.`,
			);
		}
	}
	// Scenes can be picked, reordered and repeated, never added.
	const byId = new Map(template.scenes.map((scene) => [scene.id, scene]));
	return (body.scene_ids ?? sceneIds).map((id) => byId.get(id) as Template['scenes'][number]);
}

/** A variable's value for this render: what the body gave (checked), else the template default. */
interface ResolvedVariable {
	seed: TemplateVariableSeed;
	given: TemplateVariableValue | undefined;
	text?: string;
	look?: CatalogLook;
	voiceId?: string;
	url?: string;
}

function resolveVariable(
	seed: TemplateVariableSeed,
	given: TemplateVariableValue | undefined,
	context: PlanContext,
): ResolvedVariable {
	const param = `variables.${seed.name}.properties`;
	const resolved: ResolvedVariable = { seed, given };
	if (seed.type === 'text') {
		resolved.text = given?.type === 'text' ? given.properties.content : (seed.default ?? '');
	} else if (seed.type === 'character') {
		const id = given?.type === 'character' ? given.properties.character_id : seed.default;
		if (id) resolved.look = requireLook(context.catalog, id, `${param}.character_id`);
	} else if (seed.type === 'voice') {
		const id = given?.type === 'voice' ? given.properties.voice_id : seed.default;
		if (id) resolved.voiceId = requireVoice(context.catalog, id, `${param}.voice_id`).voiceId;
	} else if (given && (given.type === 'image' || given.type === 'video' || given.type === 'audio')) {
		if (given.properties.asset_id)
			requireAsset(context.assets, given.properties.asset_id, `${param}.asset_id`, [seed.type]);
		resolved.url = given.properties.url ?? undefined;
	}
	return resolved;
}

/**
 * Checks a generate body against its template, fills the text placeholders and plans the render:
 * one scene per selected scene id, each as long as its filled script takes to read.
 */
export function planTemplateVideo(
	template: Template,
	body: GenerateTemplateVideoBody,
	context: PlanContext,
): RenderPlan {
	checkVariableNames(template, body);
	const scenes = checkScenesAndDimension(template, body);
	const resolved = new Map(
		template.variables.map((seed) => [seed.name, resolveVariable(seed, body.variables[seed.name], context)]),
	);

	const scripts = scenes.map((scene) =>
		scene.script.replace(/\{\{(\w+)\}\}/g, (placeholder, name: string) => resolved.get(name)?.text ?? placeholder),
	);
	const used = [...new Set(scenes.flatMap((scene) => scene.variables))].map((name) => resolved.get(name));
	const looks = used.map((variable) => variable?.look).filter((look): look is CatalogLook => look !== undefined);
	const voiceId =
		used.find((variable) => variable?.voiceId)?.voiceId ??
		looks.find((look) => look.defaultVoiceId)?.defaultVoiceId ??
		null;
	const inputs: FetchedInput[] = [...resolved.values()]
		.filter((variable) => variable.url)
		.map((variable) => [`variables.${variable.seed.name}.properties.url`, variable.url]);

	const durationSeconds =
		Math.round(scripts.reduce((sum, script) => sum + estimateDurationSeconds(script, 1), 0) * 10) / 10;
	const script = scripts.join('\n');
	const avatarIds = looks.map((look) => look.id);
	return {
		kind: 'template',
		templateId: template.id,
		title: body.title ?? template.name,
		avatarId: avatarIds[0] ?? null,
		voiceId,
		script,
		engine: DEFAULT_ENGINE,
		outputFormat: 'mp4',
		captions: Boolean(body.caption) || Boolean(body.subtitles),
		callbackId: body.callback_id ?? null,
		callbackUrl: body.callback_url ?? null,
		durationSeconds,
		costCredits: creditsFor(durationSeconds, DEFAULT_ENGINE),
		outcome: decideOutcome(inputs, script, avatarIds, context.renderFailures),
	};
}
