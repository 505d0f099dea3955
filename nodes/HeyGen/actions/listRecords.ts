import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { runPerItemChecked } from '../helpers/items';
import { collectionTexts, limitParameter } from '../helpers/parameters';
import type { EndpointKey } from '../schemas/endpoints';
import { apiCollect } from '../transport/request';

export interface ListPlan {
	endpoint: EndpointKey;
	/** HeyGen's record as the node outputs it (default: as is). */
	toJson?: (record: IDataObject) => IDataObject;
	/** The "Filters" collection's fields (query names) and their display names. */
	filterLabels?: Record<string, string>;
	/** Query fields read from other parameters of the item. */
	query?: (itemIndex: number) => IDataObject;
}

/**
 * The one body of every Get Many: Return All or Limit (checked against the endpoint's page), the
 * item's filters, HeyGen's pages followed until done, one output item per record.
 */
export async function listRecords(ctx: IExecuteFunctions, items: INodeExecutionData[], plan: ListPlan): Promise<INodeExecutionData[]> {
	const read = (itemIndex: number) => ({
		limit: limitParameter(ctx, itemIndex, plan.endpoint),
		qs: {
			...(plan.filterLabels ? collectionTexts(ctx, ctx.getNodeParameter('filters', itemIndex, {}) as IDataObject, plan.filterLabels, itemIndex) : {}),
			...plan.query?.(itemIndex),
		},
	});
	const toJson = plan.toJson ?? ((record: IDataObject) => ({ ...record }));
	return await runPerItemChecked(ctx, items, read, async (itemIndex, { limit, qs }) => {
		const records = await apiCollect<IDataObject>(ctx, plan.endpoint, { qs, max: limit, itemIndex });
		return records.map(toJson);
	});
}
