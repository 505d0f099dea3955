import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { AvatarLook } from '../../schemas';
import { apiData } from '../../transport/request';
import { failPrepared, type PreparedItem } from '../createFlow';

export const ENGINE_NAMES: Record<string, string> = {
	avatar_iv: 'Avatar IV',
	avatar_v: 'Avatar V',
	avatar_iii: 'Avatar III',
};

/** Where a body names an avatar look, and what must be checked or filled in for it. */
export interface LookUse {
	lookId: string;
	/** The engine asked for, to check against the look's `supported_api_engines`. */
	engine?: string;
	/** Set when a script has no voice: receives the look's default voice. */
	fillVoice?: (voiceId: string) => void;
	/** Words for where the look is used ("scene 2"), for messages. */
	where?: string;
}

function engineName(engine: string): string {
	return ENGINE_NAMES[engine] ?? engine;
}

/**
 * Reads each look the items use once, then checks the chosen engine against the look's
 * supported engines and fills in its default voice where a script has none, before anything
 * is created. A problem becomes that item's error.
 */
export async function resolveLooks(ctx: IExecuteFunctions, prepared: PreparedItem[], usesOf: (body: IDataObject) => LookUse[]): Promise<void> {
	const looks = new Map<string, Promise<AvatarLook | Error>>();
	const lookup = (lookId: string, itemIndex: number) => {
		if (!looks.has(lookId)) {
			looks.set(
				lookId,
				apiData<AvatarLook>(ctx, 'getAvatarLook', { pathParams: { look_id: lookId }, itemIndex }).catch((error: Error) => error),
			);
		}
		return looks.get(lookId) as Promise<AvatarLook | Error>;
	};

	for (const item of prepared) {
		if (!item.body) continue;
		const uses = usesOf(item.body).filter((use) => use.engine || use.fillVoice);
		for (const use of uses) {
			const look = await lookup(use.lookId, item.itemIndex);
			const problem = look instanceof Error ? look : lookProblem(ctx, look, use, item.itemIndex);
			if (problem) {
				failPrepared(ctx, item, problem);
				break;
			}
			if (use.fillVoice) use.fillVoice((look as AvatarLook).default_voice_id as string);
		}
	}
}

function lookProblem(ctx: IExecuteFunctions, look: AvatarLook, use: LookUse, itemIndex: number): NodeOperationError | undefined {
	const where = use.where ? ` (${use.where})` : '';
	const engines = look.supported_api_engines;
	if (use.engine && Array.isArray(engines) && !engines.includes(use.engine)) {
		return new NodeOperationError(
			ctx.getNode(),
			`The avatar look "${look.name}"${where} does not support the ${engineName(use.engine)} engine [item ${itemIndex}]`,
			{
				itemIndex,
				description: `It supports ${engines.map(engineName).join(', ') || 'no engine through the API'}. Pick one of those or another look; nothing was sent to HeyGen.`,
			},
		);
	}
	if (use.fillVoice && !look.default_voice_id) {
		return new NodeOperationError(ctx.getNode(), `The avatar look "${look.name}"${where} has no default voice [item ${itemIndex}]`, {
			itemIndex,
			description: 'Choose a Voice for this item; nothing was sent to HeyGen.',
		});
	}
	return undefined;
}
