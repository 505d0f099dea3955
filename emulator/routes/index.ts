import { ENDPOINTS, type EndpointKey } from '../../nodes/HeyGen/schemas/endpoints';
import { agentHandlers } from './agents';
import { assetHandlers } from './assets';
import { avatarHandlers } from './avatars';
import { batchHandlers } from './batches';
import { proofreadHandlers } from './proofreads';
import type { Handler, HandlerTable } from './context';
import { lipsyncHandlers } from './lipsyncs';
import { hyperframesHandlers } from './hyperframes';
import { speechHandlers } from './speech';
import { templateHandlers } from './templates';
import { translationHandlers } from './translations';
import { userHandlers } from './users';
import { videoHandlers } from './videos';
import { voiceHandlers } from './voices';
import { webhookHandlers } from './webhooks';

export const HANDLERS: HandlerTable = {
	...userHandlers,
	...videoHandlers,
	...batchHandlers,
	...avatarHandlers,
	...voiceHandlers,
	...speechHandlers,
	...templateHandlers,
	...translationHandlers,
	...lipsyncHandlers,
	...proofreadHandlers,
	...agentHandlers,
	...hyperframesHandlers,
	...assetHandlers,
	...webhookHandlers,
};

/** Fails fast when ENDPOINTS gained an endpoint the emulator cannot answer yet. */
export function assertEveryEndpointHandled(table: HandlerTable = HANDLERS): void {
	const missing = (Object.keys(ENDPOINTS) as EndpointKey[]).filter((key) => typeof table[key] !== 'function');
	if (missing.length > 0) {
		throw new Error(`The HeyGen emulator has no handler for: ${missing.join(', ')}. Add them under emulator/routes/.`);
	}
}

/** The handler of `key`, widened so the server can call it with a runtime-validated context. */
export function handlerFor(key: EndpointKey, table: HandlerTable = HANDLERS): Handler<EndpointKey> {
	const handler = table[key] as Handler<EndpointKey> | undefined;
	if (!handler) throw new Error(`No handler for ${key}`);
	return handler;
}
