import { ENDPOINTS } from '../../nodes/HeyGen/schemas/endpoints';
import { WEBHOOK_EVENTS } from '../../nodes/HeyGen/schemas/events';
import { paginate } from '../http/pagination';
import { dataReply, listReply } from '../http/reply';
import { isoTime, type WebhookEndpointRecord } from '../webhooks/store';
import type { HandlerTable } from './context';

/** `WebhookEndpoint`: the secret only when the caller is meant to see it (create, rotate). */
function presentEndpoint(endpoint: WebhookEndpointRecord, showSecret: boolean) {
	return {
		endpoint_id: endpoint.id,
		url: endpoint.url,
		events: endpoint.events ? [...endpoint.events] : null,
		status: endpoint.status,
		created_at: isoTime(endpoint.createdAtMs),
		secret: showSecret ? endpoint.secret : null,
	};
}

export const webhookHandlers: HandlerTable = {
	createWebhookEndpoint: ({ body, now, services }) => {
		const endpoint = services.state.webhooks.createEndpoint(
			{ url: body.url, events: body.events, entityId: body.entity_id },
			now,
		);
		return dataReply(presentEndpoint(endpoint, true));
	},

	listWebhookEndpoints: ({ query, services }) => {
		const page = paginate({
			items: services.state.webhooks.listEndpoints(),
			limit: query.limit ?? ENDPOINTS.listWebhookEndpoints.page.defaultLimit,
			token: query.token,
			list: 'webhook_endpoints',
			rankOf: (endpoint) => endpoint.sequence,
		});
		return listReply({ ...page, data: page.data.map((endpoint) => presentEndpoint(endpoint, false)) });
	},

	updateWebhookEndpoint: ({ params, body, services }) =>
		dataReply(presentEndpoint(services.state.webhooks.updateEndpoint(params.endpoint_id, body), false)),

	/** HeyGen answers `{"data": {}, "error": null}` here, unlike its other deletes. */
	deleteWebhookEndpoint: ({ params, services }) => {
		services.state.webhooks.deleteEndpoint(params.endpoint_id);
		return { status: 200, body: { data: {}, error: null } };
	},

	rotateWebhookSecret: ({ params, services }) => {
		const endpoint = services.state.webhooks.rotateSecret(params.endpoint_id);
		return dataReply({ endpoint_id: endpoint.id, secret: endpoint.secret });
	},

	/** The whole set in one response, as HeyGen documents. */
	listWebhookEventTypes: () =>
		listReply({
			data: WEBHOOK_EVENTS.map((event) => ({ event_type: event.value, description: event.description })),
			has_more: false,
			next_token: null,
		}),

	listWebhookEvents: ({ query, services }) => {
		const matching = services.state.webhooks
			.listedEvents()
			.filter(
				(event) =>
					(query.event_type === undefined || event.type === query.event_type) &&
					(query.entity_id === undefined || event.entityIds.includes(query.entity_id)),
			);
		const page = paginate({
			items: matching,
			limit: query.limit ?? ENDPOINTS.listWebhookEvents.page.defaultLimit,
			token: query.token,
			list: 'webhook_events',
			rankOf: (event) => -event.sequence,
		});
		return listReply({
			...page,
			data: page.data.map((event) => ({
				event_id: event.id,
				event_type: event.type,
				event_data: event.data,
				created_at: isoTime(event.occurredAtMs),
			})),
		});
	},
};
