import { randomBytes } from 'node:crypto';
import { connect } from 'node:net';

import type { IDataObject } from 'n8n-workflow';

import { signBody } from '../../nodes/HeyGen/trigger/signature';

/*
 * Forged HeyGen deliveries, generated from genuine ones and the endpoint's secret, for the trigger's
 * engine suite (through n8n-core) and its end-to-end run (through a real n8n).
 */

// ---------------------------------------------------------------------------------------------
// Seeded randomness, so every run generates the same deliveries
// ---------------------------------------------------------------------------------------------

export class Dice {
	private state: number;

	constructor(seed: number) {
		this.state = seed >>> 0;
	}

	/** mulberry32: a float in [0, 1). */
	next(): number {
		this.state = (this.state + 0x6d2b79f5) >>> 0;
		let t = this.state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	}

	/** An integer in [min, max]. */
	int(min: number, max: number): number {
		return min + Math.floor(this.next() * (max - min + 1));
	}

	pick<T>(list: readonly T[]): T {
		return list[this.int(0, list.length - 1)];
	}

	chance(probability: number): boolean {
		return this.next() < probability;
	}

	bytes(count: number): Buffer {
		const out = Buffer.alloc(count);
		for (let i = 0; i < count; i++) out[i] = this.int(0, 255);
		return out;
	}

	hex(length: number): string {
		return this.bytes(Math.ceil(length / 2)).toString('hex').slice(0, length);
	}

	shuffle<T>(list: T[]): T[] {
		for (let i = list.length - 1; i > 0; i--) {
			const j = this.int(0, i);
			[list[i], list[j]] = [list[j], list[i]];
		}
		return list;
	}
}

// ---------------------------------------------------------------------------------------------
// Raw HTTP, so header case, repeats and spacing reach the server exactly as generated
// ---------------------------------------------------------------------------------------------

/** A request as bytes on the wire: header lines in order (any case, repeats allowed) and the body. */
export interface WireRequest {
	head: Array<[string, string]>;
	body: Buffer;
}

/** Sends a request over a fresh connection and reads the whole answer. */
export function sendRaw(url: string, request: WireRequest, extraHead: Array<[string, string]> = []): Promise<{ status: number; body: string }> {
	const target = new URL(url);
	const lines = [
		`POST ${target.pathname}${target.search} HTTP/1.1`,
		`Host: ${target.host}`,
		'Connection: close',
		`Content-Length: ${request.body.length}`,
		...[...extraHead, ...request.head].map(([name, value]) => `${name}: ${value}`),
	];
	return new Promise((resolve, reject) => {
		const socket = connect(Number(target.port), target.hostname, () => {
			socket.write(Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), request.body]));
		});
		const chunks: Buffer[] = [];
		socket.on('data', (chunk: Buffer) => chunks.push(chunk));
		socket.on('close', () => {
			const answer = Buffer.concat(chunks).toString('utf8');
			const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0);
			resolve({ status, body: answer.slice(answer.indexOf('\r\n\r\n') + 4) });
		});
		socket.on('error', reject);
	});
}

// ---------------------------------------------------------------------------------------------
// Genuine deliveries and the forgeries made from them
// ---------------------------------------------------------------------------------------------

/** One event as HeyGen delivered it (the first try), and whether the trigger is set to run it. */
export interface GenuineEvent {
	label: string;
	headers: Record<string, string>;
	body: Buffer;
	selected: boolean;
	/** What tells its run apart: the type and the resource id in its item. */
	runKey: string;
	/** Headers of HeyGen's later tries of this same event (same body). */
	retries: Array<Record<string, string>>;
}

/** The run key of an item: which event started that run. */
export function runKeyOf(json: IDataObject): string {
	return [json.event_type, json.video_id ?? json.video_translate_id ?? json.batch_id ?? json.group_id, json.callback_id].map(String).join('|');
}

/** A genuine event signed the way HeyGen signs, for event types the emulator does not make here. */
export function signedEvent(
	secret: string,
	type: string,
	data: IDataObject,
	options: { selected: boolean; eventIdInBody?: boolean; label: string },
): GenuineEvent {
	const eventId = `evt_${randomBytes(12).toString('hex')}`;
	const body = Buffer.from(JSON.stringify(options.eventIdInBody ? { event_type: type, event_id: eventId, event_data: data } : { event_type: type, event_data: data }));
	return {
		label: options.label,
		body,
		selected: options.selected,
		headers: {
			'content-type': 'application/json',
			'user-agent': 'HeyGen-Webhook/1.0',
			'heygen-signature': signBody(secret, body),
			'heygen-timestamp': String(Math.floor(Date.now() / 1000)),
			'heygen-event-id': eventId,
		},
		runKey: runKeyOf({ event_type: type, ...data }),
		retries: [],
	};
}

export type Expected = { status: 401 } | { status: 400 } | { status: 200; duplicate: true };

export interface Forgery {
	category: string;
	/** What was done, for a failure message. */
	label: string;
	wire: WireRequest;
	expected: Expected;
	/** A replay must reach the trigger after the genuine event it copies. */
	after?: GenuineEvent;
}

const REFUSED: Expected = { status: 401 };
const NOT_AN_EVENT: Expected = { status: 400 };
const DUPLICATE: Expected = { status: 200, duplicate: true };

/** Headers in wire order, from a lower-case map, skipping undefined. */
function head(headers: Record<string, string | undefined>): Array<[string, string]> {
	return Object.entries(headers).filter((entry): entry is [string, string] => entry[1] !== undefined);
}

/**
 * At least `total` forged deliveries made from the genuine events and the endpoint's secret,
 * across the categories an attacker (or a broken proxy) would try. Deterministic for a seed.
 */
export function forgeDeliveries(seed: number, genuine: GenuineEvent[], secret: string): Forgery[] {
	const dice = new Dice(seed);
	const now = () => Math.floor(Date.now() / 1000);
	// Sent within a few minutes of being made: fresh timestamps leave room for that.
	const fresh = () => String(now() - dice.int(0, 60));
	const selected = genuine.filter((event) => event.selected);
	const anyGenuine = () => dice.pick(selected);
	const newEventId = () => `evt_${dice.hex(24)}`;
	const forgedBody = () =>
		Buffer.from(
			JSON.stringify({
				event_type: dice.pick(['avatar_video.success', 'avatar_video.fail', 'video_translate.success']),
				event_data: { video_id: `v_forged_${dice.hex(12)}`, url: `https://files.example.com/${dice.hex(8)}.mp4`, callback_id: `row-${dice.int(1, 9999)}` },
			}),
		);
	const base = (extra: Record<string, string | undefined>) => head({ 'Content-Type': 'application/json', 'User-Agent': 'HeyGen-Webhook/1.0', ...extra });
	const forgeries: Forgery[] = [];
	const add = (category: string, label: string, wire: WireRequest, expected: Expected, after?: GenuineEvent) =>
		forgeries.push({ category, label, wire, expected, after });

	// 1. Signed with the wrong secret: a random one, the right one mangled, another endpoint's.
	const wrongSecrets: Array<[string, () => string]> = [
		['a random secret', () => `whsec_${dice.bytes(24).toString('base64')}`],
		['the secret without its whsec_ prefix', () => secret.replace(/^whsec_/, '')],
		['the secret with its prefix upper-cased', () => secret.replace(/^whsec_/, 'WHSEC_')],
		['the secret with its last character changed', () => secret.slice(0, -1) + (secret.endsWith('a') ? 'b' : 'a')],
		['the secret with a trailing newline', () => `${secret}\n`],
		['an empty secret', () => ''],
		['the secret as hex', () => Buffer.from(secret).toString('hex')],
	];
	for (let i = 0; i < 150; i++) {
		const [what, make] = dice.pick(wrongSecrets);
		const target = dice.chance(0.5) ? anyGenuine() : undefined;
		const body = target ? target.body : forgedBody();
		const signature = signBody(make(), body);
		add('wrong secret', `${what}, ${target ? `body of ${target.label}` : 'a new body'}`, {
			head: base({
				[dice.chance(0.8) ? 'Heygen-Signature' : 'Signature']: dice.chance(0.2) ? signature.toUpperCase() : signature,
				'Heygen-Timestamp': fresh(),
				// Header ids of real events too: a refused delivery must not pre-empt or suppress one.
				'Heygen-Event-Id': dice.chance(0.5) ? target?.headers['heygen-event-id'] ?? newEventId() : newEventId(),
			}),
			body,
		}, REFUSED);
	}

	// 2. A genuine body changed, sent with its original signature.
	const tamperings: Array<[string, (text: string, bytes: Buffer) => Buffer]> = [
		['one bit flipped', (_t, bytes) => {
			const copy = Buffer.from(bytes);
			const at = dice.int(0, copy.length - 1);
			copy[at] ^= 1 << dice.int(0, 7);
			return copy;
		}],
		['one character of the video id changed', (text) => Buffer.from(text.replace(/("video_id":"[^"]*?)(.)"/, (_m, start: string, last: string) => `${start}${last === 'x' ? 'y' : 'x'}"`))],
		['a trailing newline', (_t, bytes) => Buffer.concat([bytes, Buffer.from('\n')])],
		['a leading space', (_t, bytes) => Buffer.concat([Buffer.from(' '), bytes])],
		['a byte-order mark in front', (_t, bytes) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes])],
		['the event type swapped', (text) => Buffer.from(text.includes('.success') ? text.replace('.success', '.fail') : text.replace('.fail', '.success'))],
		['another callback id', (text) => Buffer.from(text.replace(/"callback_id":"[^"]*"/, `"callback_id":"row-${dice.int(10000, 99999)}"`))],
		['pretty-printed', (text) => Buffer.from(JSON.stringify(JSON.parse(text), null, 1))],
		['the last byte cut', (_t, bytes) => bytes.subarray(0, bytes.length - 1)],
		['a second event_type appended', (text) => Buffer.from(`${text.slice(0, -1)},"event_type":"avatar_video.success"}`)],
		['a field added', (text) => Buffer.from(`${text.slice(0, -1)},"extra":${dice.int(0, 9)}}`)],
	];
	for (let i = 0; i < 150; i++) {
		const target = anyGenuine();
		const [what, tamper] = dice.pick(tamperings);
		let body = tamper(target.body.toString('utf8'), target.body);
		if (body.equals(target.body)) body = Buffer.concat([target.body, Buffer.from(' ')]);
		add('tampered body', `${what}, ${target.label}`, {
			head: base({ 'Heygen-Signature': target.headers['heygen-signature'], 'Heygen-Timestamp': fresh(), 'Heygen-Event-Id': dice.chance(0.5) ? target.headers['heygen-event-id'] : newEventId() }),
			body,
		}, REFUSED);
	}

	// 3. Odd or missing headers around a genuine or new body.
	const oddHeaders: Array<[string, (signature: string, target: GenuineEvent | undefined) => Array<[string, string]>]> = [
		['no signature header', () => base({ 'Heygen-Timestamp': fresh(), 'Heygen-Event-Id': newEventId() })],
		['an empty signature', () => base({ 'Heygen-Signature': '', 'Heygen-Timestamp': fresh() })],
		['a space inside the signature', (sig) => {
			const at = dice.int(1, sig.length - 1);
			return base({ 'Heygen-Signature': `${sig.slice(0, at)} ${sig.slice(at)}`, 'Heygen-Timestamp': fresh() });
		}],
		['a tab inside the signature', (sig) => base({ 'Heygen-Signature': `${sig.slice(0, 32)}\t${sig.slice(32)}`, 'Heygen-Timestamp': fresh() })],
		['a truncated signature', (sig) => base({ 'Heygen-Signature': sig.slice(0, dice.int(1, 63)), 'Heygen-Timestamp': fresh() })],
		['a signature with extra characters', (sig) => base({ 'Heygen-Signature': sig + dice.hex(dice.int(1, 8)), 'Heygen-Timestamp': fresh() })],
		['a sha256= prefix', (sig) => base({ 'Heygen-Signature': `sha256=${sig}`, 'Heygen-Timestamp': fresh() })],
		['the signature in base64', (sig) => base({ 'Heygen-Signature': Buffer.from(sig, 'hex').toString('base64'), 'Heygen-Timestamp': fresh() })],
		['the valid signature of another body', () => base({ 'Heygen-Signature': signBody(secret, forgedBody()), 'Heygen-Timestamp': fresh() })],
		['the signature header twice, same value', (sig) => [...base({ 'Heygen-Timestamp': fresh() }), ['Heygen-Signature', sig], ['Heygen-Signature', sig]]],
		['the signature header twice, a wrong one first', (sig) => [...base({ 'Heygen-Timestamp': fresh() }), ['Heygen-Signature', dice.hex(64)], ['heygen-signature', sig]]],
		['the signature header twice, a wrong one last', (sig) => [...base({ 'Heygen-Timestamp': fresh() }), ['HEYGEN-SIGNATURE', sig], ['Heygen-Signature', dice.hex(64)]]],
		['the signature under another name', (sig) => base({ [dice.pick(['X-Heygen-Signature', 'Heygen_Signature', 'Heygen-Signature-256', 'X-Signature'])]: sig, 'Heygen-Timestamp': fresh() })],
		['a signature that is not hex', () => base({ 'Heygen-Signature': dice.pick(['z'.repeat(64), 'null', 'undefined', 'true', '[]', '0']), 'Heygen-Timestamp': fresh() })],
		['all zeros', () => base({ 'Heygen-Signature': '0'.repeat(64), 'Heygen-Timestamp': fresh() })],
		['the timestamp header twice', (sig) => [...base({ 'Heygen-Signature': sig }), ['Heygen-Timestamp', fresh()], ['Heygen-Timestamp', fresh()]]],
		['only an event id', () => base({ 'Heygen-Event-Id': newEventId() })],
		['no headers of HeyGen at all', () => base({})],
	];
	for (let i = 0; i < 180; i++) {
		const target = dice.chance(0.7) ? anyGenuine() : undefined;
		const body = target ? target.body : forgedBody();
		const [what, make] = dice.pick(oddHeaders);
		add('odd or missing headers', `${what}, ${target ? target.label : 'a new body'}`, { head: make(signBody(secret, body), target), body }, REFUSED);
	}

	// 4. Correct signatures with stale, future or malformed timestamps (a new event held back, or a replay re-dated).
	const badTimestamps: Array<[string, () => string]> = [
		['stale', () => String(now() - dice.int(301, 10 ** 6))],
		['stale by exactly the window and a second', () => String(now() - 301)],
		['from the future', () => String(now() + dice.int(360, 10 ** 6))],
		['in milliseconds', () => String(Date.now())],
		['negative', () => `-${now()}`],
		['fractional', () => `${now()}.5`],
		['in hex', () => `0x${now().toString(16)}`],
		['an ISO date', () => new Date().toISOString()],
		['exponent notation', () => '1.8e9'],
		['with a unit', () => `${now()}s`],
		['two values', () => `${now()},${now()}`],
		['zero', () => '0'],
	];
	for (let i = 0; i < 150; i++) {
		const target = dice.chance(0.6) ? anyGenuine() : undefined;
		const body = target ? target.body : forgedBody();
		const [what, make] = dice.pick(badTimestamps);
		add('stale, future or malformed timestamp', `${what}, ${target ? target.label : 'a new signed body'}`, {
			head: base({ 'Heygen-Signature': signBody(secret, body), 'Heygen-Timestamp': make(), 'Heygen-Event-Id': newEventId() }),
			body,
		}, REFUSED);
	}

	// 5. Replays of genuine deliveries with fresh unsigned headers: acknowledged, never run again.
	const replays: Array<[string, (target: GenuineEvent) => Array<[string, string]>]> = [
		['as captured, re-dated', (t) => base({ 'Heygen-Signature': t.headers['heygen-signature'], 'Heygen-Timestamp': fresh(), 'Heygen-Event-Id': t.headers['heygen-event-id'] })],
		['a new event id', (t) => base({ 'Heygen-Signature': t.headers['heygen-signature'], 'Heygen-Timestamp': fresh(), 'Heygen-Event-Id': newEventId() })],
		['no event id', (t) => base({ 'Heygen-Signature': t.headers['heygen-signature'], 'Heygen-Timestamp': fresh() })],
		['another event\'s id', (t) => base({ 'Heygen-Signature': t.headers['heygen-signature'], 'Heygen-Timestamp': fresh(), 'Heygen-Event-Id': (selected.find((e) => e !== t) ?? t).headers['heygen-event-id'] })],
		['two event ids', (t) => [...base({ 'Heygen-Signature': t.headers['heygen-signature'], 'Heygen-Timestamp': fresh() }), ['Heygen-Event-Id', newEventId()], ['Heygen-Event-Id', newEventId()]]],
		['a 4 kB event id', (t) => base({ 'Heygen-Signature': t.headers['heygen-signature'], 'Heygen-Timestamp': fresh(), 'Heygen-Event-Id': `evt_${'a'.repeat(4096)}` })],
		['an empty event id', (t) => base({ 'Heygen-Signature': t.headers['heygen-signature'], 'Heygen-Timestamp': fresh(), 'Heygen-Event-Id': '' })],
		['header names in capitals', (t) => [['HEYGEN-SIGNATURE', t.headers['heygen-signature']], ['HEYGEN-TIMESTAMP', fresh()], ['HEYGEN-EVENT-ID', newEventId()]]],
		['header names in lower case', (t) => [['heygen-signature', t.headers['heygen-signature']], ['heygen-timestamp', fresh()]]],
		['the signature in upper-case hex', (t) => base({ 'Heygen-Signature': t.headers['heygen-signature'].toUpperCase(), 'Heygen-Timestamp': fresh(), 'Heygen-Event-Id': newEventId() })],
		['spaces around the signature', (t) => base({ 'Heygen-Signature': `   ${t.headers['heygen-signature']}  `, 'Heygen-Timestamp': ` ${fresh()} `, 'Heygen-Event-Id': newEventId() })],
		['the legacy Signature header, with a timestamp', (t) => base({ Signature: t.headers['heygen-signature'], 'Heygen-Timestamp': fresh(), 'Heygen-Event-Id': newEventId() })],
		['a valid signature beside a garbage legacy one', (t) => base({ 'Heygen-Signature': t.headers['heygen-signature'], Signature: dice.hex(64), 'Heygen-Timestamp': fresh() })],
		['proxy headers and a cookie', (t) => base({ 'Heygen-Signature': t.headers['heygen-signature'], 'Heygen-Timestamp': fresh(), 'X-Forwarded-For': '203.0.113.9', Cookie: 'session=x' })],
		['an older capture re-dated within the window', (t) => base({ 'Heygen-Signature': t.headers['heygen-signature'], 'Heygen-Timestamp': String(now() - dice.int(60, 120)), 'Heygen-Event-Id': newEventId() })],
	];
	for (let i = 0; i < 200; i++) {
		const target = anyGenuine();
		const [what, make] = dice.pick(replays);
		add('replay with fresh headers', `${what}, ${target.label}`, { head: make(target), body: target.body }, DUPLICATE, target);
	}

	// 6. No timestamp at all: refused whatever the signature header (the legacy option is off).
	for (let i = 0; i < 60; i++) {
		const target = dice.chance(0.6) ? anyGenuine() : undefined;
		const body = target ? target.body : forgedBody();
		const name = dice.chance(0.75) ? 'Signature' : 'Heygen-Signature';
		add('no timestamp (legacy signature)', `${name} without a timestamp, ${target ? target.label : 'a new signed body'}`, {
			head: base({ [name]: signBody(secret, body), 'Heygen-Event-Id': dice.chance(0.5) ? newEventId() : undefined }),
			body,
		}, REFUSED, target);
	}

	// 7. Huge bodies, 1 to 6 MB: forged ones are refused, a signed one that is no event is not run.
	for (let i = 0; i < 24; i++) {
		const size = dice.int(1, 6) * 1024 * 1024 + dice.int(0, 1000);
		const kind = dice.pick(['random bytes', 'a padded event', 'a huge JSON array', 'a genuine body padded with spaces']);
		let body: Buffer;
		if (kind === 'random bytes') body = dice.bytes(size);
		else if (kind === 'a padded event') body = Buffer.from(JSON.stringify({ event_type: 'avatar_video.success', event_data: { video_id: `v_${dice.hex(8)}`, pad: 'x'.repeat(size) } }));
		else if (kind === 'a huge JSON array') body = Buffer.from(JSON.stringify(Array.from({ length: Math.floor(size / 60) }, (_, n) => ({ event_type: 'avatar_video.success', n }))));
		else body = Buffer.concat([anyGenuine().body, Buffer.alloc(size, ' ')]);
		const signedWell = kind === 'a huge JSON array' || (kind === 'random bytes' && dice.chance(0.5));
		const signature = signedWell ? signBody(secret, body) : kind === 'a genuine body padded with spaces' ? anyGenuine().headers['heygen-signature'] : signBody(`whsec_${dice.hex(32)}`, body);
		add('huge body', `${kind}, ${(body.length / 1024 / 1024).toFixed(1)} MB, ${signedWell ? 'signed' : 'forged'}`, {
			head: base({ 'Heygen-Signature': signature, 'Heygen-Timestamp': fresh(), 'Heygen-Event-Id': newEventId() }),
			body,
		}, signedWell ? NOT_AN_EVENT : REFUSED);
	}

	// 8. Bodies that are not a HeyGen event: forged ones are refused, signed ones answered 400.
	const notEvents: Array<[string, () => Buffer]> = [
		['plain text', () => Buffer.from(`hello ${dice.hex(8)}`)],
		['bytes that are not UTF-8', () => Buffer.concat([Buffer.from('{"event_type":"avatar_video.success","event_data":{"video_id":"'), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from('"}}')])],
		['Latin-1 text', () => Buffer.from('{"event_type":"avatar_video.success","event_data":{"callback_id":"caf\u00e9"}}', 'latin1')],
		['a JSON array of events', () => Buffer.from(JSON.stringify([{ event_type: 'avatar_video.success', event_data: { video_id: `v_${dice.hex(6)}` } }]))],
		['JSON null', () => Buffer.from('null')],
		['a JSON number', () => Buffer.from(String(dice.int(0, 10 ** 6)))],
		['a JSON string', () => Buffer.from('"avatar_video.success"')],
		['an empty object', () => Buffer.from('{}')],
		['no event_type', () => Buffer.from(JSON.stringify({ event_data: { video_id: `v_${dice.hex(6)}` } }))],
		['a numeric event_type', () => Buffer.from(JSON.stringify({ event_type: 7, event_data: {} }))],
		['cut-off JSON', () => Buffer.from('{"event_type":"avatar_video.success","event_data":{"video_id":"v')],
		['a form body', () => Buffer.from('event_type=avatar_video.success&video_id=v1')],
		['XML', () => Buffer.from('<event><event_type>avatar_video.success</event_type></event>')],
		['JSON after a byte-order mark', () => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"event_type":"avatar_video.success","event_data":{}}')])],
	];
	for (let i = 0; i < 114; i++) {
		const [what, make] = dice.pick(notEvents);
		const body = make();
		const signedWell = dice.chance(0.5);
		add('not JSON or not an event', `${what}, ${signedWell ? 'signed' : 'forged'}`, {
			head: base({ 'Heygen-Signature': signBody(signedWell ? secret : `whsec_${dice.hex(32)}`, body), 'Heygen-Timestamp': fresh(), 'Heygen-Event-Id': newEventId() }),
			body,
		}, signedWell ? NOT_AN_EVENT : REFUSED);
	}
	for (let i = 0; i < 6; i++) {
		add('not JSON or not an event', 'an empty body, signed as the empty string', {
			head: base({ 'Heygen-Signature': signBody(secret, ''), 'Heygen-Timestamp': fresh(), 'Heygen-Event-Id': newEventId() }),
			body: Buffer.alloc(0),
		}, REFUSED);
	}
	return forgeries;
}

/** One request in the order it reaches n8n. */
export type Step =
	/** An event's first try from HeyGen: one run when selected, else 200 ignored. */
	| { kind: 'genuine'; event: GenuineEvent }
	/** HeyGen trying the same event again (same body, its own headers): never a second run. */
	| { kind: 'retry'; event: GenuineEvent; headers: Record<string, string> }
	| { kind: 'forgery'; forgery: Forgery };

/**
 * The genuine first tries and the forgeries shuffled; each retry and replay placed somewhere after
 * the genuine event it repeats (it cannot be captured before it was sent).
 */
export function sequenceOf(seed: number, genuine: GenuineEvent[], forgeries: Forgery[]): Step[] {
	const dice = new Dice(seed);
	const sequence: Step[] = dice.shuffle([
		...genuine.map((event): Step => ({ kind: 'genuine', event })),
		...forgeries.filter((forgery) => !forgery.after).map((forgery): Step => ({ kind: 'forgery', forgery })),
	]);
	const later: Array<[GenuineEvent, Step]> = [
		...genuine.flatMap((event) => event.retries.map((headers): [GenuineEvent, Step] => [event, { kind: 'retry', event, headers }])),
		...forgeries.filter((forgery) => forgery.after).map((forgery): [GenuineEvent, Step] => [forgery.after!, { kind: 'forgery', forgery }]),
	];
	for (const [event, step] of later) {
		const first = sequence.findIndex((entry) => entry.kind === 'genuine' && entry.event === event);
		sequence.splice(dice.int(first + 1, sequence.length), 0, step);
	}
	return sequence;
}
