import { z } from 'zod';

import { WEBHOOK_EVENTS, type WebhookEventType } from './events';
import { httpUrl, nonEmptyId, pageQuery } from './common';

/** Every event type an endpoint may subscribe to: the list, with descriptions, lives in events.ts. */
const eventTypeSchema = z.enum(WEBHOOK_EVENTS.map((event) => event.value) as [WebhookEventType, ...WebhookEventType[]]);

/** Body of `POST /v3/webhooks/endpoints`; `events` null or absent subscribes to everything. */
export const createWebhookEndpointBodySchema = z
	.object({
		url: httpUrl,
		events: z.array(eventTypeSchema).nullish(),
		entity_id: nonEmptyId.nullish(),
	})
	.strict();

/** Body of `PATCH /v3/webhooks/endpoints/{endpoint_id}`: at least one field; `events` replaces the list. */
export const updateWebhookEndpointBodySchema = z
	.object({
		url: httpUrl.nullish(),
		events: z.array(eventTypeSchema).nullish(),
	})
	.strict()
	.refine((body) => body.url != null || body.events != null, { message: "At least one of 'url' or 'events' must be provided" });

/** A registered endpoint; `secret` only in the create and rotate answers. */
export const webhookEndpointSchema = z
	.object({
		endpoint_id: z.string(),
		url: z.string(),
		events: z.array(z.string()).nullish(),
		status: z.string(),
		created_at: z.string(),
		secret: z.string().nullish(),
	})
	.passthrough();
export type WebhookEndpoint = z.infer<typeof webhookEndpointSchema>;

export const rotatedSecretSchema = z.object({ endpoint_id: z.string(), secret: z.string() }).passthrough();

export const emptyDataSchema = z.object({}).passthrough();

export const webhookEventTypeSchema = z.object({ event_type: z.string(), description: z.string() }).passthrough();

/** One delivered event of `GET /v3/webhooks/events`. */
export const webhookEventSchema = z
	.object({
		event_id: z.string(),
		event_type: z.string(),
		event_data: z.record(z.string(), z.unknown()),
		created_at: z.string(),
	})
	.passthrough();

export const listWebhookEndpointsQuerySchema = pageQuery(100).strict();

export const listWebhookEventsQuerySchema = pageQuery(100)
	.extend({ event_type: eventTypeSchema.optional(), entity_id: z.string().min(1).optional() })
	.strict();

/** What a delivery's body holds: `{ event_type, event_data }`. */
export const webhookDeliverySchema = z
	.object({ event_type: z.string(), event_data: z.record(z.string(), z.unknown()) })
	.passthrough();
