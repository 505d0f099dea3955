import { ENDPOINTS } from '../../nodes/HeyGen/schemas/endpoints';
import {
	LISTED_TEMPLATES,
	MEDIA_EXTENSION,
	TEMPLATE_BY_ID,
	TEMPLATE_RANK,
	type Template,
	type TemplateVariableSeed,
} from '../catalogues/templateCatalog';
import { notFound } from '../http/errors';
import { paginate } from '../http/pagination';
import { dataReply, listReply } from '../http/reply';
import type { UrlSigner } from '../jobs/storage';
import { planTemplateVideo } from '../jobs/templatePlan';
import type { Services } from '../services';
import type { HandlerTable } from './context';
import { presentVideo, startVideo } from './videos';

function presentSummary(template: Template, signer: UrlSigner) {
	return {
		id: template.id,
		name: template.name,
		aspect_ratio: template.aspectRatio,
		thumbnail_url: signer.publicUrl(`/assets/templates/${template.id}.png`),
		created_at: template.createdAt,
		updated_at: template.updatedAt,
	};
}

/** A variable's default in the shape generate takes (so a GET result can be edited and posted back). */
function defaultValue(template: Template, variable: TemplateVariableSeed, services: Services) {
	if (variable.default === null) return null;
	const { name, type } = variable;
	switch (variable.type) {
		case 'text':
			return { name, type, properties: { content: variable.default } };
		case 'character': {
			const look = services.catalog.lookById.get(variable.default);
			const kind = look?.avatarType === 'photo_avatar' ? 'talking_photo' : 'avatar';
			return { name, type, properties: { type: kind, character_id: variable.default } };
		}
		case 'voice':
			return { name, type, properties: { voice_id: variable.default } };
		default: {
			const url = services.signer.publicUrl(
				`/assets/templates/${template.id}/${name}.${MEDIA_EXTENSION[variable.type]}`,
			);
			const playStyle = variable.type === 'video' && variable.playStyle ? { play_style: variable.playStyle } : {};
			return { name, type, properties: { url, ...playStyle } };
		}
	}
}

function presentDetail(template: Template, services: Services) {
	const typeOf = new Map(template.variables.map((variable) => [variable.name, variable.type]));
	return {
		...presentSummary(template, services.signer),
		scene_ids: template.scenes.map((scene) => scene.id),
		scenes: template.scenes.map((scene) => ({
			scene_id: scene.id,
			script: scene.script,
			variables: scene.variables.map((name) => ({ name, variable_type: typeOf.get(name) ?? 'text' })),
		})),
		variables: Object.fromEntries(
			template.variables.map((variable) => [variable.name, defaultValue(template, variable, services)]),
		),
	};
}

function requireTemplate(id: string): Template {
	const template = TEMPLATE_BY_ID.get(id);
	if (!template) throw notFound('Template not found.');
	return template;
}

export const templateHandlers: HandlerTable = {
	listTemplates: ({ query, services }) => {
		const page = paginate({
			items: LISTED_TEMPLATES,
			limit: query.limit ?? ENDPOINTS.listTemplates.page.defaultLimit,
			token: query.token,
			list: 'templates',
			rankOf: (template) => TEMPLATE_RANK.get(template) ?? 0,
		});
		return listReply({ ...page, data: page.data.map((template) => presentSummary(template, services.signer)) });
	},

	getTemplate: ({ params, services }) => dataReply(presentDetail(requireTemplate(params.template_id), services)),

	/** Answers the whole VideoDetail (not `{video_id}`); the video then follows the normal lifecycle. */
	generateTemplateVideo: ({ params, body, now, services }) => {
		const template = requireTemplate(params.template_id);
		const plan = planTemplateVideo(template, body, {
			catalog: services.catalog,
			assets: services.state.assets,
			renderFailures: services.config.renderFailures,
		});
		const job = startVideo(plan, services, now);
		return dataReply(presentVideo(job, now, services.signer));
	},
};
