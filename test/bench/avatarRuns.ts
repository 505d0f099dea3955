import type { INodeParameters } from 'n8n-workflow';

import { HeyGenApi } from '../../credentials/HeyGenApi.credentials';
import { HeyGen } from '../../nodes/HeyGen/HeyGen.node';
import { runNode, type RunNodeResult } from '../harness/engine';

const NODE_TYPE = 'n8n-nodes-heygen-video.heyGen';

/** Create Avatar Video, waiting, for `count` contacts, through n8n-core against an emulator. */
export async function runAvatarVideos(
	emulator: { url: string; apiKey: string },
	count: number,
	parameters: INodeParameters,
	node: { continueOnFail?: boolean } = {},
): Promise<RunNodeResult> {
	return await runNode({
		nodeTypes: { [NODE_TYPE]: new HeyGen() },
		credentialTypes: { heyGenApi: new HeyGenApi() },
		credentials: { heyGenApi: { apiKey: emulator.apiKey, baseUrl: emulator.url } },
		node: {
			type: NODE_TYPE,
			...node,
			parameters: {
				resource: 'video',
				operation: 'createAvatarVideo',
				avatar_id: { __rl: true, mode: 'id', value: 'lk_abigail_office' },
				speechSource: 'script',
				script: '={{ "Hi " + $json.name + ", here is your personal demo." }}',
				voice_id: { __rl: true, mode: 'id', value: '' },
				callback_id: '={{ $json.id }}',
				waitForCompletion: true,
				...parameters,
			},
		},
		items: Array.from({ length: count }, (_, i) => ({ json: { id: `contact-${i}`, name: `Person ${i}` } })),
	});
}
