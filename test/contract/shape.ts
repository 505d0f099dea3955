import { z } from 'zod';

/**
 * The shape of a value on the wire, in the form scripts/contract-fixture.mjs writes HeyGen's
 * documents in: the node's zod schemas are turned into the same form so the two can be compared.
 */
export interface Shape {
	type: 'string' | 'number' | 'integer' | 'boolean' | 'null' | 'object' | 'array' | 'union' | 'any' | 'ref';
	/** On an object's field: the field must be present. */
	required?: boolean;
	nullable?: boolean;
	const?: string | number | boolean;
	enum?: Array<string | number | boolean>;
	format?: string;
	minimum?: number;
	maximum?: number;
	exclusiveMinimum?: number;
	exclusiveMaximum?: number;
	minLength?: number;
	maxLength?: number;
	minItems?: number;
	maxItems?: number;
	default?: unknown;
	fields?: Record<string, Shape>;
	/** No field but those in `fields`. */
	closed?: boolean;
	/** Any further field is taken and kept (zod's passthrough). Our side only. */
	open?: boolean;
	/** A further field is refused (zod's strict), not just dropped. Our side only. */
	strict?: boolean;
	/** A map: every further key's value. */
	values?: Shape;
	items?: Shape;
	/** Unions: keyed by the discriminator's value when there is one, else a list. */
	discriminator?: string;
	variants?: Record<string, Shape> | Shape[];
	/** A discriminated union whose variants the source does not pair with their values. */
	tags?: string[];
	ref?: string;
}

const Kind = z.ZodFirstPartyTypeKind;

type Def = Record<string, unknown> & { typeName: z.ZodFirstPartyTypeKind };
const defOf = (schema: z.ZodTypeAny) => schema._def as Def;

function kindOf(value: unknown): Shape['type'] {
	if (typeof value === 'string') return 'string';
	if (typeof value === 'boolean') return 'boolean';
	if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
	if (value === null) return 'null';
	return 'any';
}

/** The one type of a list of literal values, or `any` when they mix. */
function kindOfValues(values: unknown[]): Shape['type'] {
	const kinds = new Set(values.map(kindOf));
	if (kinds.size === 1) return [...kinds][0];
	if ([...kinds].every((k) => k === 'integer' || k === 'number')) return 'number';
	return 'any';
}

interface Checks {
	checks?: Array<{ kind: string; value?: number; inclusive?: boolean }>;
}

function numberShape(def: Checks): Shape {
	const shape: Shape = { type: 'number' };
	for (const check of def.checks ?? []) {
		if (check.kind === 'int') shape.type = 'integer';
		if (check.kind === 'min') shape[check.inclusive ? 'minimum' : 'exclusiveMinimum'] = check.value;
		if (check.kind === 'max') shape[check.inclusive ? 'maximum' : 'exclusiveMaximum'] = check.value;
	}
	return shape;
}

function stringShape(def: Checks): Shape {
	const shape: Shape = { type: 'string' };
	for (const check of def.checks ?? []) {
		if (check.kind === 'min' || check.kind === 'length') shape.minLength = check.value;
		if (check.kind === 'max' || check.kind === 'length') shape.maxLength = check.value;
	}
	return shape;
}

function objectShape(schema: z.AnyZodObject): Shape {
	const fields: Record<string, Shape> = {};
	for (const [name, field] of Object.entries(schema.shape as Record<string, z.ZodTypeAny>)) fields[name] = fieldShape(field);
	const shape: Shape = { type: 'object', fields };
	const { unknownKeys, catchall } = schema._def;
	if (unknownKeys === 'strict') Object.assign(shape, { closed: true, strict: true });
	// `strip` drops unknown keys from what the node sends: as closed as `strict` on the wire.
	if (unknownKeys === 'strip' && defOf(catchall).typeName === Kind.ZodNever) shape.closed = true;
	if (unknownKeys === 'passthrough') shape.open = true;
	if (defOf(catchall).typeName !== Kind.ZodNever) shape.values = zodShape(catchall);
	return shape;
}

/** A field of an object: required unless optional or defaulted (zod fills a default in). */
function fieldShape(schema: z.ZodTypeAny): Shape {
	const shape = zodShape(schema);
	return schema.isOptional() && !hasDefault(schema) ? shape : { ...shape, required: true };
}

function hasDefault(schema: z.ZodTypeAny): boolean {
	const def = defOf(schema);
	if (def.typeName === Kind.ZodDefault) return true;
	const inner = innerOf(schema);
	return inner ? hasDefault(inner) : false;
}

/** The schema a wrapper wraps (what a value must first be), or undefined for a leaf. */
function innerOf(schema: z.ZodTypeAny): z.ZodTypeAny | undefined {
	const def = defOf(schema);
	switch (def.typeName) {
		case Kind.ZodOptional:
		case Kind.ZodNullable:
		case Kind.ZodDefault:
		case Kind.ZodCatch:
		case Kind.ZodReadonly:
			return def.innerType as z.ZodTypeAny;
		case Kind.ZodEffects:
			// refine, superRefine, transform: the value sent is what the inner schema takes.
			return def.schema as z.ZodTypeAny;
		case Kind.ZodBranded:
			return def.type as z.ZodTypeAny;
		case Kind.ZodPipeline:
			return def.in as z.ZodTypeAny;
		case Kind.ZodLazy:
			return (def.getter as () => z.ZodTypeAny)();
		default:
			return undefined;
	}
}

function unionShape(options: z.ZodTypeAny[]): Shape {
	const shapes = options.map(zodShape);
	const literals = shapes.filter((s) => s.const !== undefined);
	const nullable = shapes.some((s) => s.type === 'null' || s.nullable);
	const rest = shapes.filter((s) => s.type !== 'null');
	if (literals.length === rest.length && literals.length > 0) {
		const values = literals.map((s) => s.const as string | number | boolean);
		return { type: kindOfValues(values), enum: values, ...(nullable ? { nullable } : {}) };
	}
	if (rest.length === 1) return { ...rest[0], ...(nullable ? { nullable } : {}) };
	return { type: 'union', variants: rest, ...(nullable ? { nullable } : {}) };
}

/** A zod schema as a wire shape: wrappers unwrapped (nullable kept), refinements and transforms seen through. */
export function zodShape(schema: z.ZodTypeAny): Shape {
	const def = defOf(schema);
	switch (def.typeName) {
		case Kind.ZodString:
			return stringShape(def as Checks);
		case Kind.ZodNumber:
			return numberShape(def as Checks);
		case Kind.ZodBigInt:
			return { type: 'integer' };
		case Kind.ZodBoolean:
			return { type: 'boolean' };
		case Kind.ZodNull:
			return { type: 'null' };
		case Kind.ZodLiteral:
			return { type: kindOf(def.value), const: def.value as string | number | boolean };
		case Kind.ZodEnum: {
			const values = def.values as string[];
			return { type: 'string', enum: [...values] };
		}
		case Kind.ZodNativeEnum: {
			const values = Object.values(def.values as Record<string, string | number>);
			return { type: kindOfValues(values), enum: values };
		}
		case Kind.ZodObject:
			return objectShape(schema as z.AnyZodObject);
		case Kind.ZodRecord:
			return { type: 'object', fields: {}, values: zodShape(def.valueType as z.ZodTypeAny) };
		case Kind.ZodArray: {
			const shape: Shape = { type: 'array', items: zodShape(def.type as z.ZodTypeAny) };
			const min = def.minLength as { value: number } | null;
			const max = def.maxLength as { value: number } | null;
			if (min) shape.minItems = min.value;
			if (max) shape.maxItems = max.value;
			return shape;
		}
		case Kind.ZodDiscriminatedUnion: {
			const discriminator = def.discriminator as string;
			const variants: Record<string, Shape> = {};
			for (const option of def.options as z.AnyZodObject[]) {
				const tag = String(defOf(option.shape[discriminator]).value);
				variants[tag] = zodShape(option);
			}
			return { type: 'union', discriminator, variants };
		}
		case Kind.ZodUnion:
			return unionShape(def.options as z.ZodTypeAny[]);
		case Kind.ZodIntersection: {
			const left = zodShape(def.left as z.ZodTypeAny);
			const right = zodShape(def.right as z.ZodTypeAny);
			return { type: 'object', fields: { ...left.fields, ...right.fields }, closed: left.closed && right.closed };
		}
		case Kind.ZodNullable:
			return { ...zodShape(def.innerType as z.ZodTypeAny), nullable: true };
		case Kind.ZodDefault:
			return { ...zodShape(def.innerType as z.ZodTypeAny), default: (def.defaultValue as () => unknown)() };
		case Kind.ZodAny:
		case Kind.ZodUnknown:
			return { type: 'any' };
		default: {
			const inner = innerOf(schema);
			if (inner) return zodShape(inner);
			throw new Error(`contract test: no wire shape for zod type ${def.typeName}; teach test/contract/shape.ts about it`);
		}
	}
}
