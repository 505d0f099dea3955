import { createHmac } from 'crypto';

/** Headers HeyGen signs its deliveries to registered endpoints with. */
export const SIGNATURE_HEADER = 'heygen-signature';
export const LEGACY_SIGNATURE_HEADER = 'signature';
export const TIMESTAMP_HEADER = 'heygen-timestamp';
export const EVENT_ID_HEADER = 'heygen-event-id';

/** How old (or how far ahead) a delivery's timestamp may be. */
export const MAX_TIMESTAMP_SKEW_SECONDS = 300;

/**
 * The signature of a delivery: lowercase hex HMAC-SHA256 of the raw body bytes, keyed with the
 * endpoint secret exactly as HeyGen returned it (`whsec_…` prefix included). The timestamp is
 * not signed. The emulator signs with this same function, so signer and verifier cannot drift.
 */
export function signBody(secret: string, rawBody: Buffer | string): string {
	return createHmac('sha256', secret).update(rawBody).digest('hex');
}
