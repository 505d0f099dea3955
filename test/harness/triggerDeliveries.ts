import { signBody } from '../../nodes/HeyGen/trigger/signature';
import type { n8nApi, N8nTarget } from './n8nApi';
import { waitFor } from './n8nApi';

/** The emulator's record of one delivery attempt, as it reached n8n (headers and body bytes). */
export interface CapturedDelivery {
	event_id: string;
	event_type: string;
	url: string;
	attempt: number;
	status: number | null;
	headers: Record<string, string>;
	body: string;
}

export const nowSeconds = () => String(Math.floor(Date.now() / 1000));

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Deliveries to a published HeyGen Trigger at `probeUrl` (workflow `workflowId`), and the
 * executions they start, against a running n8n and its emulator.
 */
export function triggerDeliveries(
	target: Pick<N8nTarget, 'emulatorUrl' | 'emulatorApiKey'>,
	api: Pick<ReturnType<typeof n8nApi>, 'emulator' | 'executionsOf'>,
	probeUrl: string,
	workflowId: string,
) {
	/** The signing secret the emulator issued for an endpoint URL. */
	async function secretFor(url: string): Promise<string> {
		const { data } = (await api.emulator('/webhook-secrets')) as { data: Array<{ url: string; secret: string }> };
		const found = data.find((entry) => entry.url === url);
		if (!found) throw new Error(`no secret for ${url}`);
		return found.secret;
	}

	/** Makes a video in the emulator the way any HeyGen client would. */
	async function createVideo(callbackId: string, script = 'Hello from the trigger test'): Promise<string> {
		const response = await fetch(`${target.emulatorUrl}/v3/videos`, {
			method: 'POST',
			headers: { 'x-api-key': target.emulatorApiKey, 'content-type': 'application/json' },
			body: JSON.stringify({ type: 'avatar', avatar_id: 'lk_abigail_office', script, callback_id: callbackId }),
		});
		const body = (await response.json()) as { data: { video_id: string } };
		return body.data.video_id;
	}

	/** Posts a delivery to the trigger; answers the HTTP status. */
	async function deliver(rawBody: string, headers: Record<string, string>): Promise<number> {
		const response = await fetch(probeUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: rawBody });
		return response.status;
	}

	/**
	 * Deliveries that must be refused: signed with another secret, unsigned, signed ten minutes ago,
	 * and altered after signing; answers each one's status.
	 */
	async function refusedDeliveryStatuses(): Promise<Record<'wrongSecret' | 'unsigned' | 'stale' | 'tampered', number>> {
		const secret = await secretFor(probeUrl);
		const body = JSON.stringify({ event_type: 'avatar_video.success', event_data: { video_id: 'v_forged', callback_id: 'x' } });
		const signedAt = (seconds: string) => ({ 'heygen-signature': signBody(secret, body), 'heygen-timestamp': seconds });
		return {
			wrongSecret: await deliver(body, { 'heygen-signature': signBody('whsec_not_the_secret', body), 'heygen-timestamp': nowSeconds(), 'heygen-event-id': 'evt_forged' }),
			unsigned: await deliver(body, { 'heygen-timestamp': nowSeconds(), 'heygen-event-id': 'evt_unsigned' }),
			stale: await deliver(body, { ...signedAt(String(Math.floor(Date.now() / 1000) - 600)), 'heygen-event-id': 'evt_stale' }),
			tampered: await deliver(body.replace('v_forged', 'v_tampered'), { ...signedAt(nowSeconds()), 'heygen-event-id': 'evt_tampered' }),
		};
	}

	/** Posts `count` correctly signed copies of one body at once, each with its own event-id header; answers their statuses. */
	async function deliverCopiesAtOnce(body: string, count: number): Promise<number[]> {
		const secret = await secretFor(probeUrl);
		const headers = (i: number) => ({ 'heygen-signature': signBody(secret, body), 'heygen-timestamp': nowSeconds(), 'heygen-event-id': `evt_copy_${i}` });
		return await Promise.all(Array.from({ length: count }, (_, i) => deliver(body, headers(i))));
	}

	/** The emulator's first try of the event about this video. */
	async function capturedDelivery(videoId: string): Promise<CapturedDelivery> {
		const { data } = (await api.emulator('/deliveries')) as { data: CapturedDelivery[] };
		const found = data.find((attempt) => attempt.url === probeUrl && attempt.attempt === 1 && attempt.body.includes(`"${videoId}"`));
		if (!found) throw new Error(`no delivery of ${videoId} to ${probeUrl}`);
		return found;
	}

	/** Waits until this many more executions exist, then a little longer, and answers how many there are. */
	async function executionsSettled(before: number, expectedNew: number): Promise<number> {
		if (expectedNew > 0) {
			await waitFor(`${expectedNew} new execution(s)`, async () => (await api.executionsOf(workflowId)).length >= before + expectedNew);
		}
		await pause(2000);
		return (await api.executionsOf(workflowId)).length;
	}

	return { secretFor, createVideo, deliver, refusedDeliveryStatuses, deliverCopiesAtOnce, capturedDelivery, executionsSettled };
}
