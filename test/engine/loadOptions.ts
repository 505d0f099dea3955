import type { INodeParameters, ResourceMapperFields } from 'n8n-workflow';

import type { Emulator } from '../../emulator';
import { runLoadOptions, runResourceMapping } from '../harness/engine';
import { credentialTypes, credentialsFor, heyGen, NODE_TYPE } from './heygen';

/** Calls the node's load-options and resource-mapper methods the way the editor does. */
export class LoadOptionsHarness {
	constructor(private readonly emulator: Emulator) {}

	private base(method: string, parameters: INodeParameters) {
		return { nodeType: heyGen, nodeTypeName: NODE_TYPE, credentialTypes, credentials: credentialsFor(this.emulator), method, parameters };
	}

	async options(method: string, parameters: INodeParameters = {}) {
		return await runLoadOptions(this.base(method, parameters));
	}

	async resourceMapper(method: string, parameters: INodeParameters): Promise<ResourceMapperFields> {
		return await runResourceMapping(this.base(method, parameters));
	}
}
