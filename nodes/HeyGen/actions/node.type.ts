/** Every resource and its operations; the values are frozen once published (they live in saved workflows). */
export type HeyGenOperations = {
	account: 'get';
	avatar: 'get' | 'getMany';
	video: 'createAvatarVideo' | 'createImageVideo' | 'delete' | 'download' | 'get' | 'getMany' | 'waitForCompletion';
	voice: 'get' | 'getMany';
};

export type HeyGenResource = keyof HeyGenOperations;
