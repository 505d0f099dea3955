/** Every resource and its operations; the values are frozen once published (they live in saved workflows). */
export type HeyGenOperations = {
	account: 'get';
	asset: 'delete' | 'get' | 'upload';
	avatar: 'get' | 'getMany';
	hyperframesRender: 'create' | 'delete' | 'download' | 'get' | 'getMany' | 'waitForCompletion';
	lipsync: 'create' | 'download' | 'get' | 'getMany' | 'waitForCompletion';
	template: 'generate' | 'get' | 'getMany';
	translation:
		| 'create'
		| 'createProofread'
		| 'download'
		| 'downloadProofreadSrt'
		| 'generateFromProofread'
		| 'get'
		| 'getLanguages'
		| 'getMany'
		| 'getProofread'
		| 'uploadProofreadSrt'
		| 'waitForCompletion';
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
