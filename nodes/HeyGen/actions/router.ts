import type { IExecuteFunctions, INodeExecutionData, IWebhookFunctions, IWebhookResponseData, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { CancelledError } from '../helpers/sleep';
import * as account from './account/Account.resource';
import * as asset from './asset/Asset.resource';
import * as avatar from './avatar/Avatar.resource';
import * as hyperframesRender from './hyperframes/HyperframesRender.resource';
import { renderPlan } from './hyperframes/renderJobs';
import * as lipsync from './lipsync/Lipsync.resource';
import { lipsyncCreatePlan } from './lipsync/lipsyncJobs';
import type { HeyGenOperations, HeyGenResource } from './node.type';
import { resumeParked, type ResumePlans } from './park/resume';
import { generatedTranslationPlan, proofreadPlan } from './translation/proofreadJobs';
import { translationCreatePlan } from './translation/translationJobs';
import { videoCreatePlan } from './video/videoJobs';
import { agentPlan } from './videoAgent/agentJobs';
import * as template from './template/Template.resource';
import * as translation from './translation/Translation.resource';
import * as video from './video/Video.resource';
import * as videoAgent from './videoAgent/VideoAgent.resource';
import * as voice from './voice/Voice.resource';

type Operation = { execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> };

/** Typed dispatch table: a missing operation is a compile error. */
const OPERATIONS: { [R in HeyGenResource]: Record<HeyGenOperations[R], Operation> } = {
	account: { get: account.get },
	asset: { delete: asset.delete, get: asset.get, upload: asset.upload },
	avatar: { get: avatar.get, getMany: avatar.getMany },
	hyperframesRender: {
		create: hyperframesRender.create,
		delete: hyperframesRender.delete,
		download: hyperframesRender.download,
		get: hyperframesRender.get,
		getMany: hyperframesRender.getMany,
		waitForCompletion: hyperframesRender.waitForCompletion,
	},
	lipsync: {
		create: lipsync.create,
		download: lipsync.download,
		get: lipsync.get,
		getMany: lipsync.getMany,
		waitForCompletion: lipsync.waitForCompletion,
	},
	template: { generate: template.generate, get: template.get, getMany: template.getMany },
	translation: {
		create: translation.create,
		download: translation.download,
		get: translation.get,
		getLanguages: translation.getLanguages,
		getMany: translation.getMany,
		waitForCompletion: translation.waitForCompletion,
		createProofread: translation.createProofread,
		getProofread: translation.getProofread,
		downloadProofreadSrt: translation.downloadProofreadSrt,
		uploadProofreadSrt: translation.uploadProofreadSrt,
		generateFromProofread: translation.generateFromProofread,
	},
	video: {
		createAvatarVideo: video.createAvatarVideo,
		createCinematicVideo: video.createCinematicVideo,
		createImageVideo: video.createImageVideo,
		createStudioVideo: video.createStudioVideo,
		delete: video.delete,
		download: video.download,
		get: video.get,
		getMany: video.getMany,
		waitForCompletion: video.waitForCompletion,
	},
	videoAgent: { create: videoAgent.create, get: videoAgent.get, getStyles: videoAgent.getStyles, sendMessage: videoAgent.sendMessage },
	voice: { generateSpeech: voice.generateSpeech, get: voice.get, getMany: voice.getMany },
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as HeyGenResource;
	const operation = this.getNodeParameter('operation', 0) as string;
	const handler = (OPERATIONS[resource] as Record<string, Operation> | undefined)?.[operation];
	if (!handler) {
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" of the resource "${resource}" is not known`);
	}
	try {
		return [await handler.execute.call(this, items)];
	} catch (error) {
		if (error instanceof CancelledError) {
			const created = error.created.map((job) => `item ${job.itemIndex}: ${job.id}`).join('; ');
			throw new NodeOperationError(this.getNode(), 'The execution was cancelled while waiting for HeyGen', {
				description: created
					? `Every ${error.noun} already created keeps rendering in HeyGen and is charged once: ${created}. Run the node again within 24 hours to pick them up without paying twice.`
					: 'Nothing was left rendering in HeyGen.',
			});
		}
		// Both constructors hand an error of their own class back unchanged.
		if (error instanceof NodeApiError) throw new NodeApiError(this.getNode(), error as unknown as JsonObject);
		throw new NodeOperationError(this.getNode(), error as Error);
	}
}

/** The operations that can park, with what reading their jobs back takes (by `resource.operation`). */
const RESUME_PLANS: ResumePlans = {
	'video.createAvatarVideo': (ctx) => videoCreatePlan(ctx, 'video', undefined, { batches: true }),
	'video.createImageVideo': (ctx) => videoCreatePlan(ctx, 'video', undefined, { batches: true }),
	'video.createStudioVideo': (ctx) => videoCreatePlan(ctx, 'video', undefined, { batches: true }),
	'video.createCinematicVideo': (ctx) => videoCreatePlan(ctx, 'video', undefined, { batches: true }),
	'lipsync.create': (ctx) => lipsyncCreatePlan(ctx),
	'template.generate': (ctx) => videoCreatePlan(ctx, 'template-video'),
	'translation.create': (ctx) => translationCreatePlan(ctx),
	'videoAgent.create': (ctx) => agentPlan(ctx, () => false),
	'video.waitForCompletion': (ctx) => videoCreatePlan(ctx, 'video'),
	'translation.waitForCompletion': (ctx) => translationCreatePlan(ctx),
	'hyperframesRender.create': (ctx) => renderPlan(ctx),
	'hyperframesRender.waitForCompletion': (ctx) => renderPlan(ctx),
	'translation.createProofread': (ctx) => proofreadPlan(ctx),
	'translation.getProofread': (ctx) => proofreadPlan(ctx),
	'translation.generateFromProofread': (ctx) => generatedTranslationPlan(ctx),
};

/** A call to a parked run's resume URL. */
export async function resume(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	return await resumeParked(this, RESUME_PLANS);
}
