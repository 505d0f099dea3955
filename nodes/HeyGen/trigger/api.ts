import type { IDataObject, IHookFunctions } from 'n8n-workflow';

import { heyGenErrorOf } from '../transport/errors';
import { apiCollect, apiData, apiRequest } from '../transport/request';
import type { EndpointRecord, WebhookApi } from './lifecycle';

/** The lifecycle's calls, made through the node's one transport with the trigger's credential. */
export function heyGenWebhookApi(ctx: IHookFunctions): WebhookApi {
	return {
		async list() {
			return await apiCollect<EndpointRecord>(ctx, 'listWebhookEndpoints');
		},
		async create(url, events) {
			const body: IDataObject = { url, ...(events ? { events } : {}) };
			return await apiData<{ endpoint_id: string; secret: string }>(ctx, 'createWebhookEndpoint', { body });
		},
		async remove(endpointId) {
			const result = await apiRequest(ctx, 'deleteWebhookEndpoint', { pathParams: { endpoint_id: endpointId } }).then(
				() => 'deleted' as const,
				(error: unknown) => error,
			);
			if (result === 'deleted') return result;
			if (heyGenErrorOf(result)?.status === 404) return 'missing';
			throw result;
		},
	};
}
