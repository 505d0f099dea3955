import type { IDataObject } from 'n8n-workflow';

import { eventItem } from '../../nodes/HeyGen/trigger/events';

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
