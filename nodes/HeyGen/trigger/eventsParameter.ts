import type { INodeProperties } from 'n8n-workflow';

import { WEBHOOK_EVENTS, WEBHOOK_EVENT_TYPES } from './events';

const ALL_EVENTS = '*';

/** Both versions' Events parameters, but for their options and the versions they show for. */
const eventsCommon = {
	displayName: 'Events',
	name: 'events',
	type: 'multiOptions',
	required: true,
	default: ['avatar_video.success'],
	description: 'The HeyGen events that start the workflow',
} satisfies Partial<INodeProperties>;

/**
 * Version 1's list, every event type HeyGen has, kept as saved workflows know it. (n8n's panel
 * names each option "On <name in lower case>", which reads badly for these; version 2 fixes that.)
 */
const eventsV1: INodeProperties = {
	...eventsCommon,
	displayOptions: { show: { '@version': [1] } },
	options: [
		{ name: 'All Events', value: ALL_EVENTS, description: 'Every event HeyGen sends' },
		...[...WEBHOOK_EVENTS]
			.map((event) => ({ name: event.name, value: event.value, description: event.description }))
			.sort((a, b) => a.name.localeCompare(b.name)),
	],
};

/**
 * From version 2: the events of what the HeyGen node makes, grouped by name (n8n sorts options by
 * name and has no group headers), values being HeyGen's own event types. `action` is the entry
 * n8n's node panel shows. All Events still takes the rest (avatar training, GIF previews, batches).
 */
const eventsV2: INodeProperties = {
	...eventsCommon,
	displayOptions: { show: { '@version': [{ _cnd: { gte: 2 } }] } },
	options: [
		{
			name: 'All Events',
			value: ALL_EVENTS,
			action: 'On any HeyGen event',
			description: 'Every event HeyGen sends, also those not listed here (avatar training, GIF previews, batches)',
		},
		{
			name: 'HyperFrames Render Failed',
			value: 'hyperframes_video.fail',
			action: 'On HyperFrames render failed',
			description: 'HyperFrames: a render failed',
		},
		{
			name: 'HyperFrames Render Succeeded',
			value: 'hyperframes_video.success',
			action: 'On HyperFrames render succeeded',
			description: 'HyperFrames: a render (HTML to video) finished',
		},
		{
			name: 'Video Agent Failed',
			value: 'video_agent.fail',
			action: 'On Video Agent failed',
			description: 'Video Agent: a session failed',
		},
		{
			name: 'Video Agent Succeeded',
			value: 'video_agent.success',
			action: 'On Video Agent succeeded',
			description: "Video Agent: a session's video is finished",
		},
		{
			name: 'Video Failed',
			value: 'avatar_video.fail',
			action: 'On video failed',
			description: 'Videos: an avatar, image, studio, cinematic or template video could not be rendered',
		},
		{
			name: 'Video Succeeded',
			value: 'avatar_video.success',
			action: 'On video succeeded',
			description: 'Videos: an avatar, image, studio, cinematic or template video finished rendering',
		},
		{
			name: 'Video Translation Failed',
			value: 'video_translate.fail',
			action: 'On video translation failed',
			description: 'Translations: a translation (one language) failed while being made',
		},
		{
			name: 'Video Translation Proofread Failed',
			value: 'proofread_creation.fail',
			action: 'On video translation proofread failed',
			description: 'Translations: a proofread (editable subtitles) could not be made',
		},
		{
			name: 'Video Translation Proofread Succeeded',
			value: 'proofread_creation.success',
			action: 'On video translation proofread succeeded',
			description: 'Translations: a proofread (editable subtitles) is ready to review',
		},
		{
			name: 'Video Translation Refused (Invalid Input)',
			value: 'video_translate.preflight.validation_failed',
			action: 'On video translation refused: invalid input',
			description: 'Translations: refused before starting, its input did not pass the checks',
		},
		{
			name: 'Video Translation Refused (Source Download Failed)',
			value: 'video_translate.preflight.download_failed',
			action: 'On video translation refused: source download failed',
			description: 'Translations: refused before starting, its source video could not be downloaded',
		},
		{
			name: 'Video Translation Succeeded',
			value: 'video_translate.success',
			action: 'On video translation succeeded',
			description: 'Translations: a translation (one language) finished',
		},
	],
};

/** The Events parameter of every trigger version; the newest first, as n8n's node panel reads the first. */
export const eventsParameters: INodeProperties[] = [eventsV2, eventsV1];

/** The selected events as HeyGen takes them on registration: `null` subscribes to every event. */
export function registeredEvents(selected: string[]): string[] | null {
	return selected.includes(ALL_EVENTS) ? null : selected;
}

/** Selected values HeyGen has no event type for (typed in by an expression): never sent to HeyGen. */
export function unknownEvents(selected: string[]): string[] {
	return selected.filter((event) => event !== ALL_EVENTS && !WEBHOOK_EVENT_TYPES.includes(event));
}

/** Whether a delivered event type is one of the selected events. */
export function isSelected(selected: string[], eventType: string): boolean {
	return selected.includes(ALL_EVENTS) || selected.includes(eventType);
}
