/** Video Agent styles (`GET /v3/video-agents/styles`): 25, so the default page of 20 has a second page. */

export interface AgentStyle {
	id: string;
	name: string;
	tags: string[];
	aspectRatio: '16:9' | '9:16' | '1:1';
}

const STYLE_SEEDS: ReadonlyArray<[name: string, tags: string[], aspectRatio: AgentStyle['aspectRatio']]> = [
	['Cinematic Noir', ['cinematic'], '16:9'],
	['Epic Trailer', ['cinematic'], '16:9'],
	['Golden Hour Documentary', ['cinematic'], '16:9'],
	['Neon Thriller', ['cinematic', 'retro-tech'], '9:16'],
	['Widescreen Western', ['cinematic', 'pop-culture'], '16:9'],
	['CRT Terminal', ['retro-tech'], '16:9'],
	['8-Bit Arcade', ['retro-tech', 'pop-culture'], '1:1'],
	['Vaporwave Mall', ['retro-tech'], '9:16'],
	['VHS Home Video', ['retro-tech'], '16:9'],
	['Dot-Matrix Report', ['retro-tech', 'print'], '16:9'],
	['Pop Art Panels', ['iconic-artist', 'pop-culture'], '1:1'],
	['Impressionist Brushwork', ['iconic-artist'], '16:9'],
	['Cubist Collage', ['iconic-artist'], '1:1'],
	['Late-Night Talk Show', ['pop-culture'], '16:9'],
	['Unboxing Channel', ['pop-culture'], '9:16'],
	['Sports Highlight Reel', ['pop-culture', 'cinematic'], '16:9'],
	['Claymation', ['handmade'], '16:9'],
	['Paper Cutout', ['handmade'], '1:1'],
	['Chalkboard Sketch', ['handmade'], '16:9'],
	['Felt Puppet Theatre', ['handmade'], '9:16'],
	['Newspaper Front Page', ['print'], '9:16'],
	['Risograph Poster', ['print', 'handmade'], '9:16'],
	['Magazine Editorial', ['print'], '9:16'],
	['Comic Book Halftone', ['print', 'pop-culture'], '16:9'],
	['Blueprint Schematic', ['print', 'retro-tech'], '16:9'],
];

function slug(name: string): string {
	return name
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '_')
		.replace(/^_|_$/g, '');
}

export const AGENT_STYLES: readonly AgentStyle[] = Object.freeze(
	STYLE_SEEDS.map(([name, tags, aspectRatio]) => ({ id: `style_${slug(name)}`, name, tags, aspectRatio })),
);

export const AGENT_STYLE_BY_ID: ReadonlyMap<string, AgentStyle> = new Map(
	AGENT_STYLES.map((style) => [style.id, style]),
);
