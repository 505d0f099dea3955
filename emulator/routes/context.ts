import type { z } from 'zod';

import type { ENDPOINTS, EndpointKey } from '../../nodes/HeyGen/schemas/endpoints';
import type { MultipartFile } from '../http/multipart';
import type { Reply } from '../http/reply';
import type { Services } from '../services';

type Definition<K extends EndpointKey> = (typeof ENDPOINTS)[K];

/** The validated query of endpoint K (empty when it declares none). */
export type QueryOf<K extends EndpointKey> =
	Definition<K> extends { query: infer S extends z.ZodTypeAny } ? z.output<S> : Record<string, never>;

/** The validated body of endpoint K (undefined when it declares none). */
export type BodyOf<K extends EndpointKey> =
	Definition<K> extends { body: infer S extends z.ZodTypeAny } ? z.output<S> : undefined;

export interface HandlerContext<K extends EndpointKey> {
	params: Record<string, string>;
	query: QueryOf<K>;
	body: BodyOf<K>;
	/** The file part of a multipart upload (endpoints with `multipartFile` only). */
	upload?: MultipartFile;
	now: number;
	services: Services;
}

export type Handler<K extends EndpointKey> = (context: HandlerContext<K>) => Reply;

/** Partial on purpose: a missing handler is reported at startup rather than breaking everyone's build. */
export type HandlerTable = { [K in EndpointKey]?: Handler<K> };
