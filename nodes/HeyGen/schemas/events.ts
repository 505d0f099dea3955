/** Every HeyGen v3 webhook event type, with what it means: the trigger's event list is built from this. */
export const WEBHOOK_EVENTS = [
	{ value: 'avatar_video.success', name: 'Avatar Video Succeeded', description: 'A video (avatar, image, studio or template) finished rendering' },
	{ value: 'avatar_video.fail', name: 'Avatar Video Failed', description: 'A video could not be rendered' },
	{ value: 'avatar_video_gif.success', name: 'Avatar Video GIF Succeeded', description: "A video's animated GIF preview is ready" },
	{ value: 'avatar_video_gif.fail', name: 'Avatar Video GIF Failed', description: "A video's GIF preview could not be made" },
	{ value: 'avatar_video_caption.success', name: 'Avatar Video Caption Succeeded', description: "A video's captions are ready" },
	{ value: 'avatar_video_caption.fail', name: 'Avatar Video Caption Failed', description: "A video's captions could not be made" },
	{ value: 'video_translate.success', name: 'Video Translation Succeeded', description: 'A translation (one language) finished' },
	{ value: 'video_translate.fail', name: 'Video Translation Failed', description: 'A translation could not be made' },
	{
		value: 'video_translate.preflight.validation_failed',
		name: 'Video Translation Input Invalid',
		description: 'A translation was refused before starting: its input did not pass the checks',
	},
	{
		value: 'video_translate.preflight.download_failed',
		name: 'Video Translation Download Failed',
		description: 'A translation was refused before starting: its source video could not be downloaded',
	},
	{ value: 'proofread_creation.success', name: 'Proofread Succeeded', description: 'A translation proofread (editable subtitles) is ready' },
	{ value: 'proofread_creation.fail', name: 'Proofread Failed', description: 'A translation proofread could not be made' },
	{ value: 'video_agent.success', name: 'Video Agent Succeeded', description: "A Video Agent session's video is finished" },
	{ value: 'video_agent.fail', name: 'Video Agent Failed', description: 'A Video Agent session failed' },
	{ value: 'personalized_video', name: 'Personalized Video', description: 'A personalized video of a project changed' },
	{ value: 'instant_avatar.success', name: 'Instant Avatar Succeeded', description: 'An instant avatar (digital twin) is trained' },
	{ value: 'instant_avatar.fail', name: 'Instant Avatar Failed', description: 'An instant avatar could not be trained' },
	{ value: 'photo_avatar_generation.success', name: 'Photo Avatar Generated', description: 'Photo avatar images were generated' },
	{ value: 'photo_avatar_generation.fail', name: 'Photo Avatar Generation Failed', description: 'Photo avatar images could not be generated' },
	{ value: 'photo_avatar_train.success', name: 'Photo Avatar Trained', description: 'A photo avatar group is trained' },
	{ value: 'photo_avatar_train.fail', name: 'Photo Avatar Training Failed', description: 'A photo avatar group could not be trained' },
	{ value: 'photo_avatar_add_motion.success', name: 'Photo Avatar Motion Added', description: 'Motion was added to a photo avatar' },
	{ value: 'photo_avatar_add_motion.fail', name: 'Photo Avatar Motion Failed', description: 'Motion could not be added to a photo avatar' },
	{ value: 'live_avatar.success', name: 'Live Avatar Succeeded', description: 'A live avatar session completed' },
	{ value: 'live_avatar.fail', name: 'Live Avatar Failed', description: 'A live avatar session failed' },
	{ value: 'hyperframes_video.success', name: 'HyperFrames Render Succeeded', description: 'A HyperFrames (HTML to video) render finished' },
	{ value: 'hyperframes_video.fail', name: 'HyperFrames Render Failed', description: 'A HyperFrames render failed' },
	{ value: 'ai_clipping.success', name: 'AI Clipping Succeeded', description: 'An AI clipping job produced its clips' },
	{ value: 'ai_clipping.fail', name: 'AI Clipping Failed', description: 'An AI clipping job failed' },
	{ value: 'batch.finished', name: 'Batch Finished', description: 'Every item of a batch reached a final state' },
] as const;

export type WebhookEventType = (typeof WEBHOOK_EVENTS)[number]['value'];

export const WEBHOOK_EVENT_TYPES: readonly string[] = WEBHOOK_EVENTS.map((event) => event.value);
