import { verifyDelivery, type Verdict } from '../../nodes/HeyGen/trigger/signature';
import type { Emulator } from '../../emulator';
import { avatarVideo, call } from './helpers';
import type { ReceivedDelivery, Receiver } from './receiver';

/** Fast retries for tests: three tries, 20 ms then 40 ms apart, a short receiver timeout. */
export const FAST_WEBHOOKS = { attempts: 3, retryDelayMs: 20, timeoutMs: 500 };

/** Jobs that finish in 50 ms, so a file of delivery tests stays quick. */
export const WEBHOOK_TEST_TIMINGS = { pendingMs: 10, processingMs: 40 };

/** Long enough for a stray extra delivery to show up after the expected ones. */
export const QUIET_MS = 80;

export interface Subscription {
	endpointId: string;
	secret: string;
	url: string;
	path: string;
}

/** Registers `receiver.url + path` as an endpoint (all events unless `events` says otherwise). */
export async function subscribe(
	emulator: Emulator,
	receiver: Receiver,
	path: string,
	extra: { events?: string[]; entity_id?: string } = {},
): Promise<Subscription> {
	const url = `${receiver.url}${path}`;
	const response = await call(emulator, 'POST', '/v3/webhooks/endpoints', { body: { url, ...extra } });
	if (response.status !== 200) throw new Error(`subscribe failed: ${JSON.stringify(response.body)}`);
	return { endpointId: response.body.data.endpoint_id, secret: response.body.data.secret, url, path };
}

/** Checks a received delivery the way the trigger node does. */
export function verify(delivery: ReceivedDelivery, secret: string): Verdict {
	return verifyDelivery({
		rawBody: delivery.rawBody,
		headers: delivery.headers,
		secret,
		nowSeconds: Math.floor(Date.now() / 1000),
	});
}

/** Starts an avatar video and answers its id. */
export async function startVideo(emulator: Emulator, overrides: Record<string, unknown> = {}): Promise<string> {
	const response = await call(emulator, 'POST', '/v3/videos', { body: avatarVideo(overrides) });
	if (response.status !== 200) throw new Error(`create failed: ${JSON.stringify(response.body)}`);
	return response.body.data.video_id;
}
