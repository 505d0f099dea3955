import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { properties } from './actions/description';
import { router } from './actions/router';
import { listSearch, loadOptions, resourceMapping } from './methods';

export class HeyGen implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'HeyGen',
		name: 'heyGen',
		icon: { light: 'file:heygen.svg', dark: 'file:heygen.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'Create AI avatar videos with HeyGen, wait for them and download them',
		documentationUrl: 'https://github.com/n8n-nodes-heygen-video/n8n-nodes-heygen-video#readme',
		defaults: { name: 'HeyGen' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'heyGenApi', required: true }],
		properties,
	};

	methods = { listSearch, loadOptions, resourceMapping };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
