import { timingSafeEqual } from 'crypto';

import { LEGACY_SIGNATURE_HEADER, MAX_TIMESTAMP_SKEW_SECONDS, SIGNATURE_HEADER, signBody, TIMESTAMP_HEADER } from '../schemas/signing';

export { EVENT_ID_HEADER, LEGACY_SIGNATURE_HEADER, MAX_TIMESTAMP_SKEW_SECONDS, SIGNATURE_HEADER, signBody, TIMESTAMP_HEADER } from '../schemas/signing';

export type Rejection =
	| 'no_secret'
	| 'no_body'
	| 'no_signature'
	| 'bad_signature'
	| 'no_timestamp'
	| 'bad_timestamp'
	| 'stale_timestamp'
	| 'future_timestamp';

export type Verdict = { ok: true; legacy: boolean } | { ok: false; reason: Rejection };

export interface Delivery {
	rawBody: Buffer | string | undefined;
	/** Request headers with lower-case names, as Node gives them. */
	headers: Record<string, string | string[] | undefined>;
	/** The endpoint secret stored when the endpoint was registered. */
	secret: string | undefined;
	/** Unix seconds. */
	nowSeconds: number;
	/** The user's explicit opt-in to old deliveries signed with `Signature` and carrying no timestamp. */
	acceptLegacyWithoutTimestamp?: boolean;
}

/** A header's value as Node gives it (the first when repeated), trimmed; undefined when blank. */
export function header(headers: Delivery['headers'], name: string): string | undefined {
	const value = headers[name];
	const first = Array.isArray(value) ? value[0] : value;
	return typeof first === 'string' && first.trim() ? first.trim() : undefined;
}

function sameSignature(expected: string, actual: string): boolean {
	const a = Buffer.from(expected, 'utf8');
	const b = Buffer.from(actual.toLowerCase(), 'utf8');
	// timingSafeEqual needs equal lengths; the length itself is not secret.
	return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Checks a delivery and fails closed: no stored secret, no body, a missing or wrong signature,
 * or a missing timestamp or one more than five minutes off are all rejections. Only the legacy
 * `Signature` header may come without `Heygen-Timestamp`, and only when the user turned on
 * `acceptLegacyWithoutTimestamp`. The timestamp is not signed, so it only bounds HeyGen's own
 * deliveries; replays are stopped by the dedupe on signed content. Never throws.
 */
export function verifyDelivery(delivery: Delivery): Verdict {
	if (!delivery.secret) return { ok: false, reason: 'no_secret' };
	if (delivery.rawBody === undefined || delivery.rawBody.length === 0) return { ok: false, reason: 'no_body' };
	const current = header(delivery.headers, SIGNATURE_HEADER);
	const legacy = current ? undefined : header(delivery.headers, LEGACY_SIGNATURE_HEADER);
	const signature = current ?? legacy;
	if (!signature) return { ok: false, reason: 'no_signature' };

	const timestamp = header(delivery.headers, TIMESTAMP_HEADER);
	if (timestamp === undefined) {
		if (!legacy || !delivery.acceptLegacyWithoutTimestamp) return { ok: false, reason: 'no_timestamp' };
	} else {
		if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'bad_timestamp' };
		const skew = delivery.nowSeconds - Number(timestamp);
		if (skew > MAX_TIMESTAMP_SKEW_SECONDS) return { ok: false, reason: 'stale_timestamp' };
		if (skew < -MAX_TIMESTAMP_SKEW_SECONDS) return { ok: false, reason: 'future_timestamp' };
	}

	if (!sameSignature(signBody(delivery.secret, delivery.rawBody), signature)) return { ok: false, reason: 'bad_signature' };
	return { ok: true, legacy: Boolean(legacy) };
}
