import type { Shape } from './shape';

/** What can be wrong between the node's contract and HeyGen's document, at one place. */
export type MismatchKind =
	/** The node sends a field, variant or parameter the document does not have. */
	| 'not-documented'
	/** The node reads a response field the document does not publish. */
	| 'not-published'
	/** The types cannot meet (the node sends a fraction where HeyGen takes whole numbers; it parses text where HeyGen sends a number). */
	| 'type'
	/** Sending: a value outside the document's list. Reading: a documented value the node refuses. */
	| 'enum'
	/** Sending: a field the document requires that the node may leave out. Reading: a field the node requires that the document may leave out. */
	| 'required'
	/** Sending: the node may send null where the document takes none. Reading: the document may send null where the node refuses it. */
	| 'null'
	/** Sending: a range the node allows that is wider than the document's. */
	| 'bound'
	/** Sending: the node passes on fields of the user's choosing. Reading: a strict object refuses a documented field. */
	| 'open'
	/** The body, its content type, the answer's envelope or the page bounds differ. */
	| 'envelope';

export interface Mismatch {
	/** Where: `body.voice_settings.speed`, `body[type=studio].scenes[]`, `query.limit`, `response.items[].status`. */
	at: string;
	kind: MismatchKind;
	detail: string;
}

type Check = (ours: Shape, doc: Shape, at: string, out: Mismatch[]) => void;

const valuesOf = (shape: Shape) => (shape.const !== undefined ? [shape.const] : shape.enum);
const list = (values: unknown[]) => values.map((v) => JSON.stringify(v)).join(', ');
const join = (at: string, name: string) => (at ? `${at}.${name}` : name);

/** An object that names no field and refuses none: the document says nothing about its keys. */
const isFreeForm = (shape: Shape) => shape.type === 'object' && !shape.closed && !shape.values && Object.keys(shape.fields ?? {}).length === 0;

/** The attempt with the fewest mismatches (a union is met when one of its variants is). */
function fewest(attempts: Mismatch[][]): Mismatch[] {
	return attempts.reduce<Mismatch[] | undefined>((best, found) => (!best || found.length < best.length ? found : best), undefined) ?? [];
}

function attempt(check: Check, ours: Shape, doc: Shape, at: string): Mismatch[] {
	const found: Mismatch[] = [];
	check(ours, doc, at, found);
	return found;
}

function typesMeet(sent: Shape['type'], taken: Shape['type']): boolean {
	if (sent === taken) return true;
	return sent === 'integer' && taken === 'number';
}

const LOWER: Array<keyof Shape> = ['minimum', 'exclusiveMinimum', 'minLength', 'minItems'];
const UPPER: Array<keyof Shape> = ['maximum', 'exclusiveMaximum', 'maxLength', 'maxItems'];

/** Sending: where both sides bound a value, the node's range must lie inside the document's. */
function checkBounds(ours: Shape, doc: Shape, at: string, out: Mismatch[]) {
	for (const [bounds, wider] of [
		[LOWER, (o: number, d: number) => o < d],
		[UPPER, (o: number, d: number) => o > d],
	] as const) {
		for (const bound of bounds) {
			const o = ours[bound] as number | undefined;
			const d = doc[bound] as number | undefined;
			if (o !== undefined && d !== undefined && wider(o, d)) {
				out.push({ at, kind: 'bound', detail: `the node allows ${bound} ${o}; the document's ${bound} is ${d}` });
			}
		}
	}
}

/**
 * The node's variants of a value the document discriminates on `property`: a discriminated union's
 * own, or an object's one per value its `property` can take (`{ type: enum, ... }` sends each).
 */
function variantsOn(ours: Shape, property: string): Record<string, Shape> {
	if (ours.type === 'union' && ours.discriminator === property && !Array.isArray(ours.variants)) return ours.variants as Record<string, Shape>;
	const tag = ours.fields?.[property];
	const values = tag ? valuesOf(tag) : undefined;
	if (!tag || !values) return { '?': ours };
	// Null was judged on the whole value; each variant is the value itself.
	return Object.fromEntries(values.map((value) => [String(value), { ...ours, nullable: undefined, fields: { ...ours.fields, [property]: { ...tag, enum: undefined, const: value } } }]));
}

/** Sending a discriminated union: each of the node's variants against the document's variant of that value. */
function sendVariants(ours: Shape, doc: Shape, at: string, out: Mismatch[]) {
	const property = doc.discriminator as string;
	for (const [tag, variant] of Object.entries(variantsOn(ours, property))) {
		const where = `${at}[${property}=${tag}]`;
		if (Array.isArray(doc.variants)) {
			// The source knows the values but not which variant takes which: the nearest one must take it.
			if (!doc.tags?.includes(tag)) out.push({ at: where, kind: 'not-documented', detail: `the document's ${property} takes ${list(doc.tags ?? [])}` });
			else out.push(...fewest(doc.variants.map((candidate) => attempt(checkSent, variant, candidate, where))));
			continue;
		}
		const target = (doc.variants as Record<string, Shape>)[tag];
		if (!target) out.push({ at: where, kind: 'not-documented', detail: `the document's ${property} takes ${list(Object.keys(doc.variants ?? {}))}` });
		else checkSent(variant, target, where, out);
	}
}

/** What the node can send (`ours`) must be something the document takes (`doc`). */
export const checkSent: Check = (ours, doc, at, out) => {
	if (doc.type === 'any' || doc.type === 'ref') return;
	if (ours.nullable && !doc.nullable) out.push({ at, kind: 'null', detail: 'the node may send null; the document takes no null here' });
	if (doc.type === 'union') {
		if (doc.discriminator && (ours.type === 'object' || ours.discriminator === doc.discriminator)) return sendVariants(ours, doc, at, out);
		const mine = ours.type === 'union' ? (ours.variants as Shape[]) : [ours];
		for (const variant of mine) out.push(...fewest(Object.values(doc.variants ?? {}).map((candidate) => attempt(checkSent, variant, candidate, at))));
		return;
	}
	if (ours.type === 'union') {
		for (const [tag, variant] of Object.entries(ours.variants ?? {})) {
			checkSent(variant, doc, ours.discriminator ? `${at}[${ours.discriminator}=${tag}]` : at, out);
		}
		return;
	}
	if (!typesMeet(ours.type, doc.type)) {
		out.push({ at, kind: 'type', detail: `the node sends ${ours.type}; the document takes ${doc.type}` });
		return;
	}
	const taken = valuesOf(doc);
	if (taken) {
		const sent = valuesOf(ours);
		if (!sent) out.push({ at, kind: 'enum', detail: `the node may send any ${ours.type}; the document takes only ${list(taken)}` });
		else {
			const outside = sent.filter((value) => !taken.includes(value));
			if (outside.length) out.push({ at, kind: 'enum', detail: `the node may send ${list(outside)}; the document takes ${list(taken)}` });
		}
	}
	checkBounds(ours, doc, at, out);
	if (ours.type === 'array' && ours.items && doc.items) checkSent(ours.items, doc.items, `${at}[]`, out);
	if (ours.type === 'object') sendObject(ours, doc, at, out);
};

function sendObject(ours: Shape, doc: Shape, at: string, out: Mismatch[]) {
	if (isFreeForm(doc)) return;
	for (const [name, field] of Object.entries(ours.fields ?? {})) {
		const target = doc.fields?.[name] ?? doc.values;
		if (!target) out.push({ at: join(at, name), kind: 'not-documented', detail: 'the node can send this field; the document does not have it' });
		else checkSent(field, target, join(at, name), out);
	}
	for (const [name, field] of Object.entries(doc.fields ?? {})) {
		if (!field.required) continue;
		const mine = ours.fields?.[name];
		if (!mine) out.push({ at: join(at, name), kind: 'required', detail: 'the document requires this field; the node never sends it' });
		else if (!mine.required) out.push({ at: join(at, name), kind: 'required', detail: 'the document requires this field; the node may leave it out' });
	}
	if (ours.open) out.push({ at, kind: 'open', detail: 'the node passes on fields of the user\'s choosing here; the document names its fields' });
	if (ours.values && !doc.values) out.push({ at: `${at}{}`, kind: 'not-documented', detail: 'the node sends keys of the user\'s choosing; the document names its fields' });
}

/** What the document says HeyGen answers (`doc`) must be something the node's schema takes (`ours`). */
export const checkRead: Check = (ours, doc, at, out) => {
	if (ours.type === 'any') return;
	if (doc.nullable && !ours.nullable) out.push({ at, kind: 'null', detail: 'the document may answer null; the node refuses null' });
	if (doc.type === 'union') {
		const variants = doc.variants ?? [];
		for (const [tag, variant] of Object.entries(variants)) {
			const where = doc.discriminator && !Array.isArray(variants) ? `${at}[${doc.discriminator}=${tag}]` : at;
			checkRead(ours, variant, where, out);
		}
		return;
	}
	if (ours.type === 'union') {
		out.push(...fewest(Object.values(ours.variants ?? {}).map((variant) => attempt(checkRead, variant, doc, at))));
		return;
	}
	if (doc.type === 'any' || doc.type === 'ref') {
		out.push({ at, kind: 'type', detail: `the node takes only ${ours.type}; the document does not say what this holds` });
		return;
	}
	if (!typesMeet(doc.type, ours.type)) {
		out.push({ at, kind: 'type', detail: `the document answers ${doc.type}; the node takes ${ours.type}` });
		return;
	}
	const accepted = valuesOf(ours);
	if (accepted) {
		const answered = valuesOf(doc);
		if (!answered) out.push({ at, kind: 'enum', detail: `the node takes only ${list(accepted)}; the document promises no fixed list` });
		else {
			const refused = answered.filter((value) => !accepted.includes(value));
			if (refused.length) out.push({ at, kind: 'enum', detail: `the document may answer ${list(refused)}; the node refuses it` });
		}
	}
	if (ours.type === 'array' && ours.items && doc.items) checkRead(ours.items, doc.items, `${at}[]`, out);
	if (ours.type === 'object') readObject(ours, doc, at, out);
};

function readObject(ours: Shape, doc: Shape, at: string, out: Mismatch[]) {
	for (const [name, field] of Object.entries(ours.fields ?? {})) {
		const answered = doc.fields?.[name] ?? doc.values;
		if (!answered) {
			out.push({ at: join(at, name), kind: 'not-published', detail: 'the node reads this field; the document does not publish it' });
			continue;
		}
		checkRead(field, answered, join(at, name), out);
		if (field.required && !doc.fields?.[name]?.required) {
			out.push({ at: join(at, name), kind: 'required', detail: 'the node requires this field; the document may leave it out' });
		}
	}
	for (const [name, field] of Object.entries(doc.fields ?? {})) {
		if (ours.fields?.[name]) continue;
		if (ours.values) checkRead(ours.values, field, join(at, name), out);
		else if (ours.strict) out.push({ at: join(at, name), kind: 'open', detail: 'the document answers this field; the node\'s strict schema refuses it' });
	}
}
