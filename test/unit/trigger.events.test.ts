import type { IDataObject, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { HeyGenTrigger } from '../../nodes/HeyGen/HeyGenTrigger.node';
import { WEBHOOK_EVENTS, WEBHOOK_EVENT_TYPES } from '../../nodes/HeyGen/schemas/events';
import { eventItem } from '../../nodes/HeyGen/trigger/events';
import { isSelected, registeredEvents, unknownEvents } from '../../nodes/HeyGen/trigger/eventsParameter';

const { description } = new HeyGenTrigger();
const eventsParameters = description.properties.filter((property) => property.name === 'events');
const shownFor = (version: number) =>
	eventsParameters.filter((property) => {
		const conditions = (property.displayOptions?.show?.['@version'] ?? []) as Array<number | { _cnd: { gte: number } }>;
		return conditions.some((condition) => (typeof condition === 'number' ? condition === version : version >= condition._cnd.gte));
	});
const optionsOf = (property: INodeProperties) => property.options as INodePropertyOptions[];

describe('the trigger item: HeyGen fields, with the HeyGen node’s names beside them', () => {
	// Each event's body as HeyGen documents it (the digest's §7.4), or as the emulator sends an undocumented one.
	const cases: Array<{ event_type: string; data: IDataObject; added: IDataObject }> = [
		{
			event_type: 'avatar_video.success',
			data: { video_id: 'v1', url: 'https://files.test/v1.mp4', callback_id: 'c1', video_share_page_url: 'https://app.test/share/v1', gif_download_url: 'https://files.test/v1.gif', folder_id: null },
			added: { video_url: 'https://files.test/v1.mp4', video_page_url: 'https://app.test/share/v1', gif_url: 'https://files.test/v1.gif' },
		},
		{ event_type: 'avatar_video.fail', data: { video_id: 'v2', msg: 'Avatar rendering timed out', callback_id: 'c2' }, added: { failure_message: 'Avatar rendering timed out' } },
		// A GIF preview's `url` is the GIF, not the video: nothing is named video_url.
		{ event_type: 'avatar_video_gif.success', data: { video_id: 'v3', url: 'https://files.test/v3.gif', callback_id: 'c3' }, added: {} },
		{
			event_type: 'video_translate.success',
			data: { video_translate_id: 't1', url: 'https://files.test/t1.mp4', callback_id: 'c4', output_language: 'French' },
			added: { video_translation_id: 't1', video_url: 'https://files.test/t1.mp4' },
		},
		{
			event_type: 'video_translate.fail',
			data: { video_translate_id: 't2', message: 'No speech found', callback_id: 'c5', output_language: 'German' },
			added: { video_translation_id: 't2', failure_message: 'No speech found' },
		},
		{ event_type: 'video_translate.preflight.download_failed', data: { video_translate_id: 't3', message: 'Could not download' }, added: { video_translation_id: 't3', failure_message: 'Could not download' } },
		{ event_type: 'video_agent.success', data: { session_id: 's1', video_id: 'v4', video_url: 'https://files.test/v4.mp4', callback_id: 'c6' }, added: {} },
		{ event_type: 'hyperframes_video.success', data: { render_id: 'r1', video_url: 'https://files.test/r1.mp4', callback_id: 'c7' }, added: {} },
		{ event_type: 'proofread_creation.success', data: { proofread_id: 'p1', output_language: 'Spanish' }, added: {} },
		{ event_type: 'personalized_video', data: { project_id: 'pr1', video_id: 'v5', video_url: 'https://files.test/v5.mp4', landing_page_url: 'https://app.test/l/v5' }, added: {} },
	];

	it.each(cases)('$event_type keeps every field HeyGen sent and adds the node’s names', ({ event_type, data, added }) => {
		expect(eventItem({ event_type, event_id: 'evt_1', event_data: data }, undefined)).toEqual({ ...data, ...added, event_type, event_id: 'evt_1' });
	});

	it('never replaces a field HeyGen sent under the node’s name', () => {
		const item = eventItem({ event_type: 'avatar_video.success', event_data: { video_id: 'v', url: 'https://files.test/old', video_url: 'https://files.test/new' } }, undefined);
		expect(item).toMatchObject({ url: 'https://files.test/old', video_url: 'https://files.test/new' });
	});

	it('adds no name for a field the event does not carry', () => {
		const item = eventItem({ event_type: 'avatar_video.success', event_data: { video_id: 'v' } }, undefined);
		expect(Object.keys(item).sort()).toEqual(['event_id', 'event_type', 'video_id']);
	});
});

describe('the Events parameter', () => {
	it('offers version 2 and makes it the default for new nodes', () => {
		expect(description.version).toEqual([1, 2]);
		expect(description.defaultVersion).toBe(2);
	});

	it('keeps version 1’s list as it was: All Events and every HeyGen event type, by name', () => {
		const [v1] = shownFor(1);
		expect(shownFor(1)).toHaveLength(1);
		const options = optionsOf(v1);
		expect(options[0]).toEqual({ name: 'All Events', value: '*', description: 'Every event HeyGen sends' });
		expect(options.slice(1)).toEqual(
			[...WEBHOOK_EVENTS].map(({ name, value, description }) => ({ name, value, description })).sort((a, b) => a.name.localeCompare(b.name)),
		);
		expect(options).toHaveLength(31);
		expect(v1.default).toEqual(['avatar_video.success']);
	});

	it('gives version 2 a shorter list of the events the HeyGen node’s work sends, sorted so each kind’s events sit together', () => {
		const [v2] = shownFor(2);
		expect(shownFor(2)).toHaveLength(1);
		const options = optionsOf(v2);
		const names = options.map((option) => option.name);
		expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
		expect(options.map((option) => option.value).sort()).toEqual(
			[
				'*',
				'avatar_video.fail',
				'avatar_video.success',
				'hyperframes_video.fail',
				'hyperframes_video.success',
				'proofread_creation.fail',
				'proofread_creation.success',
				'video_agent.fail',
				'video_agent.success',
				'video_translate.fail',
				'video_translate.preflight.download_failed',
				'video_translate.preflight.validation_failed',
				'video_translate.success',
			].sort(),
		);
		// n8n's node panel shows `action` instead of "On <name in lower case>".
		for (const option of options) {
			expect(option.action).toMatch(/^On [A-Za-z]/);
			expect(option.description?.length).toBeGreaterThan(15);
		}
		expect(v2.default).toEqual(['avatar_video.success']);
	});

	it('puts version 2’s list first, the one n8n’s node panel reads its trigger entries from', () => {
		expect(eventsParameters[0]).toBe(shownFor(2)[0]);
	});
});

describe('registration', () => {
	it('sends HeyGen the selected values themselves, which for every listed event are HeyGen event types; All Events is every event (null)', () => {
		for (const parameter of eventsParameters) {
			const values = optionsOf(parameter).map((option) => String(option.value)).filter((value) => value !== '*');
			expect(unknownEvents(values)).toEqual([]);
			expect(registeredEvents(values)).toEqual(values);
			for (const value of values) expect(WEBHOOK_EVENT_TYPES).toContain(value);
		}
		expect(registeredEvents(['*', 'avatar_video.success'])).toBeNull();
	});

	it('names values HeyGen has no event type for', () => {
		expect(unknownEvents(['avatar_video.success', 'video.success', '*', 'On video succeeded'])).toEqual(['video.success', 'On video succeeded']);
	});

	it('runs a delivered event when it or All Events is selected', () => {
		expect(isSelected(['video_translate.fail'], 'video_translate.fail')).toBe(true);
		expect(isSelected(['video_translate.fail'], 'video_translate.preflight.download_failed')).toBe(false);
		expect(isSelected(['*'], 'instant_avatar.success')).toBe(true);
	});
});
