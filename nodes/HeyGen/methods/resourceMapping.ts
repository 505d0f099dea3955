import type { ILoadOptionsFunctions, ResourceMapperFields } from 'n8n-workflow';

import { mapperFields, templateVariables } from '../actions/template/variables';
import type { TemplateDetail } from '../schemas';
import { apiData } from '../transport/request';
import { getAvatarLookOptions, getVoiceOptions } from './loadOptions';

/** The chosen template's variables as mapper fields, each typed by its HeyGen kind. */
export async function getTemplateVariables(this: ILoadOptionsFunctions): Promise<ResourceMapperFields> {
	const chosen = this.getNodeParameter('template_id', '') as string | { value?: unknown };
	const templateId = String((typeof chosen === 'object' ? chosen?.value : chosen) ?? '').trim();
	if (!templateId) return { fields: [], emptyFieldsNotice: 'Choose a template first.' };
	const template = await apiData<TemplateDetail>(this, 'getTemplate', { pathParams: { template_id: templateId } });
	const variables = templateVariables(template);
	const needs = new Set(variables.map((variable) => variable.type));
	const [avatars, voices] = await Promise.all([
		needs.has('character') ? getAvatarLookOptions.call(this) : Promise.resolve([]),
		needs.has('voice') ? getVoiceOptions.call(this) : Promise.resolve([]),
	]);
	return {
		fields: mapperFields(variables, { avatars, voices }),
		emptyFieldsNotice: 'This template has no variables. Add variables to it in the HeyGen editor.',
	};
}
