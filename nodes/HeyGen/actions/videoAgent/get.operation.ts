import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { runPerItem } from '../../helpers/items';
import { agentJobKind, sessionOutput } from './agentJobs';
import { sessionIdField } from './fields';

const properties: INodeProperties[] = [sessionIdField];

const displayOptions = { show: { resource: ['videoAgent'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const sessions = agentJobKind(this, () => true);
	return await runPerItem(this, items, async (itemIndex) => {
		const sessionId = String(this.getNodeParameter('session_id', itemIndex)).trim();
		return sessionOutput((await sessions.getOne(sessionId, itemIndex)).raw as IDataObject);
	});
}
