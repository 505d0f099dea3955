import type { IDataObject } from 'n8n-workflow';

import type { TemplateDetail } from '../../schemas';
import { templateVariables } from './variables';

/** A template as the node outputs it: `id` as `template_id`, and its variables as a readable list. */
export function templateOutput(template: IDataObject): IDataObject {
	const { id, ...rest } = template;
	const output: IDataObject = { template_id: id, ...rest };
	if (template.scenes || template.variables) {
		output.variable_list = templateVariables(template as TemplateDetail).map((variable) => ({
			name: variable.name,
			type: variable.type,
			required: !variable.default,
		}));
	}
	return output;
}
