import { z } from 'zod';

import { ENDPOINTS, type Endpoint } from '../../nodes/HeyGen/schemas/endpoints';
import { createSpeechBodySchema, listVoicesQuerySchema } from '../../nodes/HeyGen/schemas';
import { checkRead, checkSent, type Mismatch } from './compare';
import { APRIL_DOCUMENT, checkEndpoint, operationIn } from './facts';
import { zodShape, type Shape } from './shape';

const sent = (ours: z.ZodTypeAny, doc: Shape) => {
	const out: Mismatch[] = [];
	checkSent(zodShape(ours), doc, 'body', out);
	return out.map((m) => `${m.at} ${m.kind}`);
};
const read = (ours: z.ZodTypeAny, doc: Shape) => {
	const out: Mismatch[] = [];
	checkRead(zodShape(ours), doc, 'response', out);
	return out.map((m) => `${m.at} ${m.kind}`);
};

const assetUnion: Shape = {
	type: 'union',
	discriminator: 'type',
	variants: {
		url: { type: 'object', fields: { type: { type: 'string', const: 'url', required: true }, url: { type: 'string', required: true } } },
		asset_id: { type: 'object', fields: { type: { type: 'string', const: 'asset_id', required: true }, asset_id: { type: 'string', required: true } } },
	},
};

describe('zod schemas as wire shapes', () => {
	it('sees through refinements, transforms, defaults and wrappers, and keeps nullability, bounds and strictness', () => {
		const schema = z
			.object({
				id: z.string().trim().min(1).refine((s) => s !== 'x'),
				count: z.coerce.number().int().min(1).max(50).optional(),
				ratio: z.number().gt(0).nullish(),
				mode: z.enum(['a', 'b']).default('a'),
				fps: z.union([z.literal(25), z.literal(30)]).optional(),
				tags: z.array(z.string()).max(3).optional(),
				extra: z.record(z.string(), z.number()).optional(),
			})
			.strict()
			.superRefine(() => undefined);
		expect(zodShape(schema)).toEqual({
			type: 'object',
			closed: true,
			strict: true,
			fields: {
				id: { type: 'string', minLength: 1, required: true },
				count: { type: 'integer', minimum: 1, maximum: 50 },
				ratio: { type: 'number', exclusiveMinimum: 0, nullable: true },
				mode: { type: 'string', enum: ['a', 'b'], default: 'a', required: true },
				fps: { type: 'integer', enum: [25, 30] },
				tags: { type: 'array', items: { type: 'string' }, maxItems: 3 },
				extra: { type: 'object', fields: {}, values: { type: 'number' } },
			},
		});
	});

	it('keys a discriminated union by its values and marks a passthrough object open', () => {
		const shape = zodShape(
			z.discriminatedUnion('kind', [z.object({ kind: z.literal('a'), x: z.string() }), z.object({ kind: z.literal('b') }).passthrough()]),
		);
		expect(shape.discriminator).toBe('kind');
		expect(Object.keys(shape.variants as object)).toEqual(['a', 'b']);
		expect((shape.variants as Record<string, Shape>).b.open).toBe(true);
	});
});

describe('checking what the node sends', () => {
	const doc: Shape = {
		type: 'object',
		fields: {
			name: { type: 'string', required: true },
			size: { type: 'integer', minimum: 1, maximum: 10 },
			color: { type: 'string', enum: ['red', 'blue'] },
			note: { type: 'string', nullable: true },
			file: assetUnion,
		},
	};

	it('passes a schema that sends only what the document takes', () => {
		const ours = z
			.object({
				name: z.string(),
				size: z.number().int().min(2).max(10).optional(),
				color: z.enum(['red']).optional(),
				note: z.string().nullish(),
				file: z.discriminatedUnion('type', [z.object({ type: z.literal('url'), url: z.string() }).strict()]).optional(),
			})
			.strict();
		expect(sent(ours, doc)).toEqual([]);
	});

	it('finds an undocumented field, a missing required field, a wider range, an enum value, a null, a type and an unknown variant', () => {
		const ours = z
			.object({
				name: z.string().optional(),
				size: z.number().min(0).optional(),
				color: z.enum(['red', 'green']).optional(),
				note: z.string().nullish(),
				file: z.discriminatedUnion('type', [z.object({ type: z.literal('base64'), data: z.string() }).strict()]).nullish(),
				bogus: z.boolean().optional(),
			})
			.strict();
		expect(sent(ours, doc).sort()).toEqual(
			[
				'body.name required',
				'body.size type',
				'body.color enum',
				'body.file null',
				'body.file[type=base64] not-documented',
				'body.bogus not-documented',
			].sort(),
		);
		expect(sent(z.object({ name: z.string(), size: z.number().int().min(0).max(20) }).strict(), doc)).toEqual(['body.size bound', 'body.size bound']);
	});

	it('finds a passthrough object and a map where the document names its fields', () => {
		expect(sent(z.object({ name: z.string() }).passthrough(), doc)).toEqual(['body open']);
		expect(sent(z.record(z.string(), z.string()), doc)).toEqual(['body.name required', 'body{} not-documented']);
	});

	it('checks an object whose discriminator is an enum as one variant per value', () => {
		const engines: Shape = {
			type: 'union',
			discriminator: 'type',
			variants: {
				iv: { type: 'object', fields: { type: { type: 'string', const: 'iv', required: true } } },
				v: { type: 'object', fields: { type: { type: 'string', const: 'v', required: true }, look: { type: 'string' } } },
			},
		};
		expect(sent(z.object({ type: z.enum(['iv', 'v']), look: z.string().optional() }).strict(), engines)).toEqual(['body[type=iv].look not-documented']);
	});

	it('pairs variants by their fields when the source lost which value goes with which', () => {
		const unpaired: Shape = {
			type: 'union',
			discriminator: 'type',
			tags: ['asset_id', 'url'],
			variants: [
				{ type: 'object', fields: { type: { type: 'string', required: true }, url: { type: 'string', required: true } } },
				{ type: 'object', fields: { type: { type: 'string', required: true }, asset_id: { type: 'string', required: true } } },
			],
		};
		const ours = z.discriminatedUnion('type', [
			z.object({ type: z.literal('url'), url: z.string() }).strict(),
			z.object({ type: z.literal('asset_id'), asset_id: z.string() }).strict(),
		]);
		expect(sent(ours, unpaired)).toEqual([]);
		const wrong = z.discriminatedUnion('type', [z.object({ type: z.literal('url'), link: z.string() }).strict()]);
		expect(sent(wrong, unpaired)).toEqual(['body[type=url].link not-documented', 'body[type=url].url required']);
	});
});

describe('checking what the node reads', () => {
	const doc: Shape = {
		type: 'object',
		fields: {
			id: { type: 'string', required: true },
			status: { type: 'string', enum: ['done', 'failed'], required: true },
			url: { type: 'string', nullable: true },
			seconds: { type: 'number' },
		},
	};

	it('passes a schema that takes every documented answer', () => {
		expect(read(z.object({ id: z.string(), status: z.string(), url: z.string().nullish(), seconds: z.number().optional() }).passthrough(), doc)).toEqual([]);
	});

	it('finds an unpublished field, a field required but optional, a refused null, a refused value and a narrower type', () => {
		const ours = z
			.object({
				id: z.string(),
				status: z.enum(['done']),
				url: z.string(),
				seconds: z.number().int().optional(),
				extra: z.string().optional(),
			})
			.passthrough();
		expect(read(ours, doc).sort()).toEqual(
			['response.status enum', 'response.url null', 'response.url required', 'response.seconds type', 'response.extra not-published'].sort(),
		);
	});

	it('finds a strict object that would refuse a documented field', () => {
		expect(read(z.object({ id: z.string() }).strict(), doc)).toEqual(['response.status open', 'response.url open', 'response.seconds open']);
	});
});

describe('checking an endpoint of the table against the April document', () => {
	const createSpeech = ENDPOINTS.createSpeech as Endpoint;
	const facts = operationIn(APRIL_DOCUMENT, 'POST', '/v3/voices/speech');
	const kinds = (endpoint: Endpoint) => (facts ? checkEndpoint(endpoint, facts).map((m) => `${m.at} ${m.kind}`) : ['no facts']);

	it('passes the endpoint as it is', () => {
		expect(kinds(createSpeech)).toEqual([]);
	});

	it('fails a body with a field HeyGen does not take, a required field made optional, or a null', () => {
		expect(kinds({ ...createSpeech, body: createSpeechBodySchema.extend({ emotion: z.string().optional() }) })).toEqual(['body.emotion not-documented']);
		expect(kinds({ ...createSpeech, body: createSpeechBodySchema.extend({ voice_id: z.string().optional() }) })).toEqual(['body.voice_id required']);
		expect(kinds({ ...createSpeech, body: createSpeechBodySchema.extend({ speed: z.number().nullish() }) })).toEqual(['body.speed null']);
	});

	it('fails a response field HeyGen does not publish, and a field required that HeyGen may leave out', () => {
		const response = z.object({ audio_url: z.string(), duration: z.number(), request_id: z.string(), bitrate: z.number().optional() }).passthrough();
		expect(kinds({ ...createSpeech, response }).sort()).toEqual(['response.bitrate not-published', 'response.request_id null', 'response.request_id required'].sort());
	});

	it('fails page bounds and a query parameter the document does not list', () => {
		const listVoices = ENDPOINTS.listVoices as Endpoint;
		const voices = operationIn(APRIL_DOCUMENT, 'GET', '/v3/voices');
		if (!voices) throw new Error('GET /v3/voices is not in the April facts');
		expect(checkEndpoint(listVoices, voices)).toEqual([]);
		const found = checkEndpoint(
			{ ...listVoices, page: { defaultLimit: 10, maxLimit: 200 }, query: listVoicesQuerySchema.extend({ accent: z.string().optional() }) },
			voices,
		).map((m) => `${m.at} ${m.kind}`);
		expect(found).toEqual(['query.accent not-documented', 'query.limit envelope', 'query.limit envelope']);
	});

	it('finds no operation for a path or method HeyGen does not have', () => {
		expect(operationIn(APRIL_DOCUMENT, 'GET', '/v3/videos/{video_id}')).toBeDefined();
		expect(operationIn(APRIL_DOCUMENT, 'GET', '/v3/videos/{id}')).toBeDefined();
		expect(operationIn(APRIL_DOCUMENT, 'PUT', '/v3/videos/{video_id}')).toBeUndefined();
		expect(operationIn(APRIL_DOCUMENT, 'GET', '/v3/video/{video_id}')).toBeUndefined();
	});
});
