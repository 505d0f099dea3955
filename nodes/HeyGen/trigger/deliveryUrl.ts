import type { IHookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { credentialSettings } from '../transport/request';

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[?::1\]?)$/i;

function isLoopback(host: string): boolean {
	return LOOPBACK.test(host);
}

/**
 * HeyGen delivers only to public HTTPS URLs. Against HeyGen itself, a plain-http or local webhook
 * URL is refused here with what to do; a credential pointing at a local emulator accepts loopback.
 */
export async function checkDeliveryUrl(ctx: IHookFunctions, webhookUrl: string): Promise<void> {
	const { baseUrl } = await credentialSettings(ctx);
	if (isLoopback(new URL(baseUrl).hostname)) return;
	const url = new URL(webhookUrl);
	if (url.protocol === 'https:' && !isLoopback(url.hostname)) return;
	throw new NodeOperationError(ctx.getNode(), `HeyGen cannot deliver events to ${webhookUrl}`, {
		description:
			'HeyGen sends webhooks only to a public HTTPS address. Run n8n behind a public HTTPS URL (set WEBHOOK_URL, for example through a tunnel) and activate the workflow again.',
	});
}
