import type { INodeProperties } from 'n8n-workflow';

/** Switches HeyGen's dubbing pipeline takes alike for translations, proofreads and lipsyncs (Additional Fields). */
export const dubbingSwitches: INodeProperties[] = [
	{ displayName: 'Enhance Speech', name: 'enable_speech_enhancement', type: 'boolean', default: false, description: 'Whether to clean up the voice track' },
	{ displayName: 'Keep the Same Format', name: 'keep_the_same_format', type: 'boolean', default: false, description: "Whether to keep the source video's resolution and bitrate" },
	{ displayName: 'Remove Music', name: 'disable_music_track', type: 'boolean', default: false, description: 'Whether to drop the background music' },
];
