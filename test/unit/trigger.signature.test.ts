import { signBody, verifyDelivery, type Delivery } from '../../nodes/HeyGen/trigger/signature';

const SECRET = 'whsec_test_0123456789abcdef';
const NOW = 1_795_000_000;
const body = Buffer.from(JSON.stringify({ event_type: 'avatar_video.success', event_data: { video_id: 'v1', callback_id: 'c1' } }));

function delivery(overrides: Partial<Delivery> = {}, headers: Record<string, string | undefined> = {}): Delivery {
	return {
		rawBody: body,
		secret: SECRET,
		nowSeconds: NOW,
		headers: {
			'heygen-signature': signBody(SECRET, body),
			'heygen-timestamp': String(NOW - 2),
			'heygen-event-id': 'evt_1',
			...headers,
		},
		...overrides,
	};
}

describe('verifyDelivery', () => {
	it('accepts a delivery signed with the stored secret', () => {
		expect(verifyDelivery(delivery())).toEqual({ ok: true, legacy: false });
	});

	it('signs hex HMAC-SHA256 of the raw bytes with the whole secret, prefix included', () => {
		// Known answer: HMAC-SHA256("key", "The quick brown fox jumps over the lazy dog").
		expect(signBody('key', 'The quick brown fox jumps over the lazy dog')).toBe(
			'f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8',
		);
		expect(signBody(SECRET, body)).not.toBe(signBody(SECRET.replace('whsec_', ''), body));
	});

	it('rejects a wrong secret, a tampered body and a truncated signature', () => {
		expect(verifyDelivery(delivery({ secret: 'whsec_other' }))).toEqual({ ok: false, reason: 'bad_signature' });
		expect(verifyDelivery(delivery({ rawBody: Buffer.from(body.toString().replace('v1', 'v2')) }))).toEqual({ ok: false, reason: 'bad_signature' });
		expect(verifyDelivery(delivery({}, { 'heygen-signature': signBody(SECRET, body).slice(0, 40) }))).toEqual({ ok: false, reason: 'bad_signature' });
	});

	it('accepts an upper-case hex signature', () => {
		expect(verifyDelivery(delivery({}, { 'heygen-signature': signBody(SECRET, body).toUpperCase() })).ok).toBe(true);
	});

	it('rejects a missing signature, a missing body and a missing secret (fails closed)', () => {
		expect(verifyDelivery(delivery({}, { 'heygen-signature': undefined }))).toEqual({ ok: false, reason: 'no_signature' });
		expect(verifyDelivery(delivery({ rawBody: undefined }))).toEqual({ ok: false, reason: 'no_body' });
		expect(verifyDelivery(delivery({ rawBody: Buffer.alloc(0) }))).toEqual({ ok: false, reason: 'no_body' });
		expect(verifyDelivery(delivery({ secret: undefined }))).toEqual({ ok: false, reason: 'no_secret' });
		expect(verifyDelivery(delivery({ secret: '' }))).toEqual({ ok: false, reason: 'no_secret' });
	});

	it('accepts the legacy Signature header with a timestamp, checked like any other', () => {
		const legacy = { 'heygen-signature': undefined, signature: signBody(SECRET, body) };
		expect(verifyDelivery(delivery({}, legacy))).toEqual({ ok: true, legacy: true });
		expect(verifyDelivery(delivery({}, { ...legacy, signature: 'deadbeef' }))).toEqual({ ok: false, reason: 'bad_signature' });
		expect(verifyDelivery(delivery({}, { ...legacy, 'heygen-timestamp': String(NOW - 301) }))).toEqual({ ok: false, reason: 'stale_timestamp' });
	});

	it('refuses any delivery without a timestamp unless the legacy option is on, and then only the legacy header', () => {
		const untimedLegacy = { 'heygen-signature': undefined, 'heygen-timestamp': undefined, signature: signBody(SECRET, body) };
		expect(verifyDelivery(delivery({}, untimedLegacy))).toEqual({ ok: false, reason: 'no_timestamp' });
		expect(verifyDelivery(delivery({ acceptLegacyWithoutTimestamp: true }, untimedLegacy))).toEqual({ ok: true, legacy: true });
		expect(verifyDelivery(delivery({ acceptLegacyWithoutTimestamp: true }, { ...untimedLegacy, signature: 'f'.repeat(64) }))).toEqual({ ok: false, reason: 'bad_signature' });
		// Heygen-Signature always comes with a timestamp; the option does not change that.
		expect(verifyDelivery(delivery({ acceptLegacyWithoutTimestamp: true }, { 'heygen-timestamp': undefined }))).toEqual({ ok: false, reason: 'no_timestamp' });
		expect(verifyDelivery(delivery({ acceptLegacyWithoutTimestamp: true }, { 'heygen-timestamp': '  ' }))).toEqual({ ok: false, reason: 'no_timestamp' });
	});

	it('requires a timestamp with Heygen-Signature and refuses one more than five minutes off', () => {
		expect(verifyDelivery(delivery({}, { 'heygen-timestamp': undefined }))).toEqual({ ok: false, reason: 'no_timestamp' });
		expect(verifyDelivery(delivery({}, { 'heygen-timestamp': String(NOW - 301) }))).toEqual({ ok: false, reason: 'stale_timestamp' });
		expect(verifyDelivery(delivery({}, { 'heygen-timestamp': String(NOW - 300) })).ok).toBe(true);
		expect(verifyDelivery(delivery({}, { 'heygen-timestamp': String(NOW + 301) }))).toEqual({ ok: false, reason: 'future_timestamp' });
		expect(verifyDelivery(delivery({}, { 'heygen-timestamp': 'yesterday' }))).toEqual({ ok: false, reason: 'bad_timestamp' });
	});

	it('verifies bytes, so a body that is not JSON is still checked for its signature only', () => {
		const text = Buffer.from('not json at all');
		expect(verifyDelivery(delivery({ rawBody: text }, { 'heygen-signature': signBody(SECRET, text) })).ok).toBe(true);
		expect(verifyDelivery(delivery({ rawBody: text })).ok).toBe(false);
	});

	it('takes the first value of a repeated header', () => {
		const d = delivery();
		d.headers['heygen-signature'] = [signBody(SECRET, body), 'other'];
		expect(verifyDelivery(d).ok).toBe(true);
	});
});
