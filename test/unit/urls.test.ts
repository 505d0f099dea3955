import { fileReferenceKind, findUnreachableUrl, ipv6Groups, isLocalBaseUrl, unreachableHostKind, unreachableUrl } from '../../nodes/HeyGen/helpers/urls';

describe('media URLs HeyGen can never fetch', () => {
	const refused: Array<[string, string, RegExp]> = [
		['loopback', 'http://127.0.0.1/a.png', /loopback/],
		['loopback, the whole /8', 'http://127.200.3.4/a.png', /loopback/],
		['loopback as a decimal number', 'http://2130706433/a.png', /loopback/],
		['loopback in hex and short form', 'http://0x7f.1/a.png', /loopback/],
		['localhost', 'http://localhost:8080/a.png', /local machine/],
		['localhost in capitals with a dot', 'HTTP://LOCALHOST./a.png', /local machine/],
		['a *.localhost name', 'https://cdn.localhost/a.png', /local machine/],
		['an mDNS name', 'http://printer.local/a.png', /local machine/],
		['a name without a domain', 'http://fileserver/a.png', /without a domain/],
		['private 10/8', 'http://10.1.2.3/a.png', /private/],
		['private 172.16/12, low end', 'http://172.16.0.1/a.png', /private/],
		['private 172.16/12, high end', 'http://172.31.255.254/a.png', /private/],
		['private 192.168/16', 'https://192.168.1.20/a.png', /private/],
		['shared 100.64/10', 'http://100.64.0.1/a.png', /private/],
		['link-local 169.254/16 (cloud metadata)', 'http://169.254.169.254/latest/meta-data', /link-local/],
		['unspecified 0.0.0.0', 'http://0.0.0.0/a.png', /unspecified/],
		['multicast', 'http://224.0.0.1/a.png', /multicast/],
		['IPv6 loopback', 'http://[::1]/a.png', /loopback/],
		['IPv6 unspecified', 'http://[::]/a.png', /unspecified/],
		['IPv6 unique local fc00::/7', 'http://[fd12:3456::1]/a.png', /private/],
		['IPv6 unique local fc00::', 'http://[fc00::1]/a.png', /private/],
		['IPv6 link-local fe80::/10', 'http://[fe80::1]/a.png', /link-local/],
		['IPv4-mapped loopback', 'http://[::ffff:127.0.0.1]/a.png', /loopback/],
		['IPv4-mapped private', 'http://[::ffff:192.168.0.1]/a.png', /private/],
		['IPv4-mapped link-local, written out', 'http://[0:0:0:0:0:ffff:a9fe:a9fe]/a.png', /link-local/],
		['IPv4-compatible loopback', 'http://[::127.0.0.1]/a.png', /loopback/],
		['NAT64 of a private address', 'http://[64:ff9b::10.0.0.1]/a.png', /private/],
	];
	it.each(refused)('refuses %s', (_, url, kind) => {
		const problem = unreachableUrl(url);
		expect(problem?.reason).toMatch(kind);
		expect(problem?.shown).toBe(new URL(url).hostname);
	});

	it.each(['file:///etc/passwd', 'ftp://files.example.com/a.png', 'data:image/png;base64,AAAA', 'gopher://example.com/'])('refuses %s as no web address', (url) => {
		expect(unreachableUrl(url)).toEqual({ shown: `a ${new URL(url).protocol} URL`, reason: expect.stringContaining('not a web address') });
		// A local Base URL does not make other schemes reachable.
		expect(unreachableUrl(url, true)).toBeDefined();
	});

	it.each([
		'https://cdn.example.com/a.png',
		'http://93.184.216.34/a.png',
		'http://172.32.0.1/a.png',
		'http://172.15.255.255/a.png',
		'http://100.128.0.1/a.png',
		'http://169.255.0.1/a.png',
		'http://[2001:4860:4860::8888]/a.png',
		'http://[::ffff:8.8.8.8]/a.png',
		'https://localhost.example.com/a.png',
	])('lets a public address through: %s', (url) => {
		expect(unreachableUrl(url)).toBeUndefined();
	});

	it('lets local hosts through when the Base URL is itself local', () => {
		expect(unreachableUrl('http://127.0.0.1:4010/storage/a.mp4', true)).toBeUndefined();
		expect(unreachableUrl('http://10.0.0.5/a.mp4', true)).toBeUndefined();
	});

	it('leaves text that is no URL to the body schema', () => {
		expect(unreachableUrl('not a url')).toBeUndefined();
		expect(unreachableUrl('')).toBeUndefined();
	});

	it('judges the Base URL by its host', () => {
		expect(isLocalBaseUrl('http://127.0.0.1:4010')).toBe(true);
		expect(isLocalBaseUrl('http://localhost:4010')).toBe(true);
		expect(isLocalBaseUrl('http://heygen-emulator:4010')).toBe(true);
		expect(isLocalBaseUrl('http://192.168.1.10:8080/heygen')).toBe(true);
		expect(isLocalBaseUrl('https://api.heygen.com')).toBe(false);
		expect(isLocalBaseUrl('https://heygen-proxy.example.org')).toBe(false);
		expect(isLocalBaseUrl('not a url')).toBe(false);
	});

	it('reads IPv6 addresses in every written form', () => {
		expect(ipv6Groups('::1')).toEqual([0, 0, 0, 0, 0, 0, 0, 1]);
		expect(ipv6Groups('1::2:3')).toEqual([1, 0, 0, 0, 0, 0, 2, 3]);
		expect(ipv6Groups('::ffff:127.0.0.1')).toEqual([0, 0, 0, 0, 0, 0xffff, 0x7f00, 1]);
		expect(ipv6Groups('fe80::1%eth0')).toEqual([0xfe80, 0, 0, 0, 0, 0, 0, 1]);
		expect(ipv6Groups(':::1')).toBeUndefined();
		expect(ipv6Groups('1:2:3:4:5:6:7:8:9')).toBeUndefined();
		expect(ipv6Groups('1::2::3')).toBeUndefined();
		expect(ipv6Groups('::ffff:300.0.0.1')).toBeUndefined();
		expect(unreachableHostKind('[1::2::3]')).toBe('not a valid address');
	});

	it('finds the first unreachable media URL anywhere in a body, with its path', () => {
		const body = {
			callback_url: 'http://127.0.0.1/resume',
			scenes: [
				{ type: 'image', source: { type: 'url', url: 'https://cdn.example.com/a.png' } },
				{ type: 'avatar_video', input: { type: 'avatar', audio_url: 'http://10.0.0.2/voice.mp3' } },
			],
		};
		expect(findUnreachableUrl(body)).toEqual({ param: 'scenes.1.input.audio_url', shown: '10.0.0.2', reason: '10.0.0.2 is a private address' });
		expect(findUnreachableUrl(body, true)).toBeUndefined();
		expect(findUnreachableUrl({ title: 'http://127.0.0.1/' })).toBeUndefined();
		expect(findUnreachableUrl({ callback_url: 'http://127.0.0.1/' })).toBeUndefined();
	});

	it('tells a URL from an asset ID, and refuses what is neither', () => {
		expect(fileReferenceKind('https://cdn.example.com/a.png')).toBe('url');
		expect(fileReferenceKind('HTTP://cdn.example.com/a.png')).toBe('url');
		expect(fileReferenceKind('asset_01H:abc.def-9')).toBe('asset_id');
		for (const neither of ['file:///etc/passwd', 'file:abc', '/etc/passwd', 'C:\\media\\a.png', 'two words', '../a.png', 'data:image/png;base64,AA']) {
			expect(fileReferenceKind(neither)).toBeUndefined();
		}
	});
});
