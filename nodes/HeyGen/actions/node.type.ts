/** Every resource and its operations; the values are frozen once published (they live in saved workflows). */
export type HeyGenOperations = {
	account: 'get';
	asset: 'delete' | 'get' | 'upload';
	avatar: 'get' | 'getMany';
	lipsync: 'create' | 'download' | 'get' | 'getMany' | 'waitForCompletion';
	template: 'generate' | 'get' | 'getMany';
	translation: 'create' | 'download' | 'get' | 'getLanguages' | 'getMany' | 'waitForCompletion';
	video:
		| 'createAvatarVideo'
		| 'createCinematicVideo'
		| 'createImageVideo'
		| 'createStudioVideo'
		| 'delete'
		| 'download'
		| 'get'
		| 'getMany'
		| 'waitForCompletion';
	videoAgent: 'create' | 'get' | 'getStyles' | 'sendMessage';
	voice: 'generateSpeech' | 'get' | 'getMany';
};

export type HeyGenResource = keyof HeyGenOperations;
