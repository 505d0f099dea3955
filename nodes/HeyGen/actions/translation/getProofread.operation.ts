import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { runPerItemChecked, withInputFields } from '../../helpers/items';
import { withIsoTimes } from '../../helpers/timestamps';
import { booleanParameter, idParameter } from '../../helpers/parameters';
import { apiData } from '../../transport/request';
import { waitModeField, waitOnlyOptions } from '../common.descriptions';
import { waitForExisting } from '../createFlow';
import { proofreadIdField } from './fields';
import { PROOFREAD_ID_LABELS, proofreadOutput, proofreadPlan } from './proofreadJobs';

const properties: INodeProperties[] = [
	proofreadIdField,
	{
		displayName: 'Wait Until Ready',
		name: 'waitForCompletion',
		type: 'boolean',
		default: false,
		description:
			'Whether to wait until HeyGen has made the subtitles (status completed or failed), for example of a proofread created with waiting off. All items wait together.',
	},
	{ ...waitModeField, displayOptions: { show: { waitForCompletion: [true] } } },
	waitOnlyOptions,
];

const displayOptions = { show: { resource: ['translation'], operation: ['getProofread'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	if (booleanParameter(this, 'waitForCompletion', 'Wait Until Ready', 0, false)) {
		return await waitForExisting(this, items, 'proofread_id', 'Proofread ID', proofreadPlan(this));
	}
	return await runPerItemChecked(
		this,
		items,
		(itemIndex) => idParameter(this, 'proofread_id', 'Proofread ID', itemIndex),
		async (itemIndex, id) => {
			const detail = await apiData<IDataObject>(this, 'getProofread', { pathParams: { proofread_id: id }, itemIndex, fieldLabels: PROOFREAD_ID_LABELS });
			const include = Boolean((this.getNodeParameter('options', itemIndex, {}) as IDataObject).includeInputFields);
			return { json: withInputFields(items[itemIndex], withIsoTimes(proofreadOutput(detail)), include) };
		},
	);
}
