import type { IDataObject } from 'n8n-workflow';

import { AGENT_PAUSED_STATUSES, TERMINAL_JOB_STATUSES, type AgentSession } from '../../schemas';
import type { JobKind, JobSnapshot } from '../../transport/jobs';
import { apiData, type RunContext } from '../../transport/request';
import { callbackIdOfItem, type CreatePlan, type PreparedItem } from '../createFlow';
import { attachJobFile } from '../jobResource';
import { VIDEO_JOBS, videoFile } from '../video/videoJobs';

/** Video fields a finished session's output carries, read from its video. */
const VIDEO_FIELDS = ['video_url', 'thumbnail_url', 'gif_url', 'video_page_url', 'duration', 'captioned_video_url', 'subtitle_url'];

/** A session as the node outputs it: HeyGen's session fields, plus its video's URLs once finished. */
export function sessionOutput(raw: IDataObject, extra: IDataObject = {}): IDataObject {
	const { video, ...session } = raw;
	const output: IDataObject = { ...session };
	if (video && typeof video === 'object') {
		for (const key of VIDEO_FIELDS) {
			const value = (video as IDataObject)[key];
			if (value !== undefined) output[key] = value;
		}
	}
	for (const [key, value] of Object.entries(extra)) if (value !== undefined) output[key] = value;
	return output;
}

/** The session's latest error message, which is all HeyGen says about a failed session. */
export function sessionFailure(raw: IDataObject): string | undefined {
	const messages = (raw.messages as AgentSession['messages']) ?? [];
	return messages.find((message) => message.type === 'error')?.content;
}

/**
 * Session status for the job runner. A finished session's video is read too, for its URLs.
 * `stopWhenPaused(itemIndex)`: whether that item's session waiting for the user counts as done
 * (a chat session: waiting on would never end). Decided per item, as the mode may be an expression.
 */
export function agentJobKind(ctx: RunContext, stopWhenPaused: (itemIndex: number) => boolean): JobKind {
	return {
		noun: 'video agent session',
		terminalStatuses: [...TERMINAL_JOB_STATUSES, ...AGENT_PAUSED_STATUSES],
		failedStatuses: ['failed'],
		async getOne(id, itemIndex): Promise<JobSnapshot> {
			const session = await apiData<IDataObject>(ctx, 'getAgentSession', { pathParams: { session_id: id }, itemIndex });
			if (session.status === 'completed' && session.video_id) {
				session.video = await apiData<IDataObject>(ctx, 'getVideo', { pathParams: { video_id: String(session.video_id) }, itemIndex });
			}
			const status = String(session.status);
			// A one-shot session that pauses is expected to go on by itself: keep waiting (the output keeps HeyGen's status).
			const keepWaiting = AGENT_PAUSED_STATUSES.includes(status) && !stopWhenPaused(itemIndex);
			return { id, status: keepWaiting ? 'paused' : status, raw: session };
		},
	};
}

/** The create flow of Video Agent sessions (and of messages sent to one). */
export function agentPlan(
	ctx: RunContext,
	stopWhenPaused: (itemIndex: number) => boolean,
	send?: (item: PreparedItem, idempotencyKey: string) => Promise<IDataObject>,
): CreatePlan {
	return {
		noun: 'video agent session',
		purpose: 'video-agent',
		idField: 'session_id',
		kind: agentJobKind(ctx, stopWhenPaused),
		events: ['video_agent.success', 'video_agent.fail'],
		submit:
			send &&
			(async (item, key) => {
				const session = await send(item, key);
				return [{ id: String(session.session_id), status: String(session.status ?? 'thinking'), raw: session }];
			}),
		toJson: (job, item) => sessionOutput(job.raw, { callback_id: callbackIdOfItem(item) }),
		failureOf: (job) => ({ message: sessionFailure(job.raw) }),
		download: async (job, item, binaryPropertyName) => {
			const video = job.raw.video as IDataObject | undefined;
			const options = { known: video, callbackId: callbackIdOfItem(item) };
			return (await attachJobFile(ctx, VIDEO_JOBS, String(job.raw.video_id), item.itemIndex, binaryPropertyName, videoFile, options)).binary;
		},
	};
}
