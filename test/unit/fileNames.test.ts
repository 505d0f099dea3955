import { fileNameFor } from '../../nodes/HeyGen/helpers/fileNames';

describe('fileNameFor', () => {
	const id = '6e7bb50b40aa2d396329c0f8d09b7b40';

	it('names a file by the Callback ID, else the title, else the id', () => {
		expect(fileNameFor(id, { callback_id: 'crm-7', title: 'Welcome' }, 'mp4', 'row-3')).toBe('row-3.mp4');
		expect(fileNameFor(id, { callback_id: 'crm-7', title: 'Welcome' }, 'mp4')).toBe('crm-7.mp4');
		expect(fileNameFor(id, { title: 'Welcome Ada' }, 'mp4')).toBe('Welcome Ada.mp4');
		expect(fileNameFor(id, { title: '  ', callback_id: null }, 'webm')).toBe(`${id}.webm`);
	});

	it('tells translations of one video apart by their language', () => {
		const names = ['French', 'German', 'es'].map((language) => fileNameFor(id, { title: 'Onboarding', output_language: language }, 'mp4', 'row-1'));
		expect(names).toEqual(['row-1.French.mp4', 'row-1.German.mp4', 'row-1.es.mp4']);
	});

	it('replaces characters file systems refuse, and keeps names short', () => {
		expect(fileNameFor(id, { title: 'Q3: "Sales"/EMEA <final>?\u0007' }, 'mp4')).toBe('Q3_ _Sales__EMEA _final___.mp4');
		expect(fileNameFor(id, { title: 'x'.repeat(500) }, 'mp4')).toHaveLength(124);
	});
});
