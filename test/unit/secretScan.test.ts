import { leaksIn } from '../harness/secrets';

const KEY = 'hg_live_key_123456';
const SIGNED = 'https://storage.example/videos/abc.mp4?Expires=1796000000&Signature=0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0';

describe('the secret scan', () => {
	it('finds the key anywhere, at any depth', () => {
		expect(leaksIn({ output: [{ json: { note: `key ${KEY}` } }] }, [KEY])).toEqual(['$.output[0].json.note (a secret)']);
		expect(leaksIn({ logs: ['warn request failed', `debug headers ${KEY}`] }, [KEY])).toEqual(['$.logs[1] (a secret)']);
	});
	it('lets a presigned signature through only in URL fields', () => {
		expect(leaksIn({ video_url: SIGNED, url: SIGNED, thumbnail_url: SIGNED }, [KEY])).toEqual([]);
		expect(leaksIn({ error: `Downloading ${SIGNED} failed` }, [KEY])).toEqual(['$.error (a presigned signature outside a URL field)']);
	});
	it('finds nothing in clean output', () => {
		expect(leaksIn({ video_id: 'v1', status: 'completed', error: 'The video v1 failed' }, [KEY, undefined, ''])).toEqual([]);
	});
});
