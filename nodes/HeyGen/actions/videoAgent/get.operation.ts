import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { runPerItemChecked } from '../../helpers/items';
import { idParameter } from '../../helpers/parameters';
import { agentJobKind, sessionOutput } from './agentJobs';
import { sessionIdField } from './fields';

const properties: INodeProperties[] = [sessionIdField];

const displayOptions = { show: { resource: ['videoAgent'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const sessions = agentJobKind(this, () => true);
	return await runPerItemChecked(
		this,
		items,
		(itemIndex) => idParameter(this, 'session_id', 'Session ID', itemIndex),
		async (itemIndex, sessionId) => sessionOutput((await sessions.getOne(sessionId, itemIndex)).raw as IDataObject),
	);
}
