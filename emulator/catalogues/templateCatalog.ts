import { CATALOG, SEED_IDS } from './catalog';

/**
 * Seeded templates: twelve with variables (listed; two pages at the default limit of 10) and one
 * without (reachable by id only, as HeyGen lists only templates with variables). Together they use
 * all six variable types; `tpl_event_invite` has a variable with no default that must be given.
 */

export type TemplateMedia = 'image' | 'video' | 'audio';

/** A template variable and its default; `null` means the caller must give it. */
export type TemplateVariableSeed =
	| { name: string; type: 'text'; default: string | null }
	| { name: string; type: TemplateMedia; default: 'seeded' | null; playStyle?: string }
	| { name: string; type: 'character'; default: string | null }
	| { name: string; type: 'voice'; default: string | null };

export interface TemplateScene {
	id: string;
	/** With `{{name}}` placeholders for text variables. */
	script: string;
	/** Every variable the scene uses, placeholders or not. */
	variables: string[];
}

export interface Template {
	id: string;
	name: string;
	aspectRatio: '16:9' | '9:16' | '1:1';
	createdAt: number;
	updatedAt: number;
	scenes: TemplateScene[];
	variables: TemplateVariableSeed[];
}

/** Default media files live on the storage host under this path (`/assets/templates/<id>/<name>.<ext>`). */
export const MEDIA_EXTENSION: Readonly<Record<TemplateMedia, string>> = { image: 'png', video: 'mp4', audio: 'mp3' };

const englishVoice = (gender: string, skip = 0) =>
	CATALOG.voices.filter((voice) => voice.language === 'English' && voice.gender === gender && voice.type === 'public')[
		skip
	].voiceId;
const spanishVoice = SEED_IDS.spanishVoice;

/** The placeholders a script uses, in order, each once. */
function placeholders(script: string): string[] {
	return [...new Set([...script.matchAll(/\{\{(\w+)\}\}/g)].map((match) => match[1]))];
}

function scene(id: string, script: string, ...otherVariables: string[]): TemplateScene {
	return { id, script, variables: [...new Set([...placeholders(script), ...otherVariables])] };
}

const DAY = 86_400;
const SEEDED_AT = 1_735_689_600; // 2025-01-01

function template(
	index: number,
	id: string,
	name: string,
	aspectRatio: Template['aspectRatio'],
	variables: TemplateVariableSeed[],
	scenes: TemplateScene[],
): Template {
	return {
		id,
		name,
		aspectRatio,
		createdAt: SEEDED_AT + index * DAY,
		updatedAt: SEEDED_AT + index * DAY + 3600 * (index + 1),
		scenes,
		variables,
	};
}

const text = (name: string, value: string | null): TemplateVariableSeed => ({ name, type: 'text', default: value });
const media = (name: string, type: TemplateMedia, playStyle?: string): TemplateVariableSeed =>
	playStyle ? { name, type, default: 'seeded', playStyle } : { name, type, default: 'seeded' };
const character = (name: string, lookId: string): TemplateVariableSeed => ({
	name,
	type: 'character',
	default: lookId,
});
const voice = (name: string, voiceId: string): TemplateVariableSeed => ({ name, type: 'voice', default: voiceId });

export const TEMPLATES: readonly Template[] = Object.freeze([
	template(
		0,
		'tpl_sales_outreach',
		'Sales outreach',
		'16:9',
		[
			text('first_name', 'there'),
			text('company', 'your company'),
			media('logo', 'image'),
			character('presenter', SEED_IDS.studioLook),
			voice('narrator', SEED_IDS.englishFemaleVoice),
		],
		[
			scene(
				'scn_sales_intro',
				"Hi {{first_name}}! I'm reaching out because {{company}} caught our eye.",
				'logo',
				'presenter',
				'narrator',
			),
			scene(
				'scn_sales_pitch',
				'Teams like {{company}} use our platform to make videos ten times faster.',
				'presenter',
				'narrator',
			),
			scene(
				'scn_sales_close',
				"Let's talk this week, {{first_name}}. Just reply to this email.",
				'logo',
				'presenter',
				'narrator',
			),
		],
	),
	template(
		1,
		'tpl_product_demo',
		'Product demo',
		'16:9',
		[
			text('product_name', 'Acme Studio'),
			text('feature', 'one-click translation'),
			media('demo_clip', 'video', 'fit_to_scene'),
			media('music', 'audio'),
			character('presenter', 'lk_brandon_office'),
		],
		[
			scene('scn_demo_hook', 'Meet {{product_name}}, the fastest way to make video.', 'presenter', 'music'),
			scene(
				'scn_demo_walkthrough',
				'Here is {{product_name}} in action: watch how {{feature}} works.',
				'demo_clip',
				'music',
			),
			scene('scn_demo_cta', 'Try {{product_name}} free today.', 'presenter', 'music'),
		],
	),
	template(
		2,
		'tpl_event_invite',
		'Event invitation',
		'9:16',
		[
			text('guest_name', null),
			text('event_name', 'Launch Night'),
			text('event_date', 'Friday at 7 pm'),
			media('venue_photo', 'image'),
			character('host', SEED_IDS.photoLook),
		],
		[
			scene('scn_invite_greeting', "{{guest_name}}, you're invited to {{event_name}}!", 'host'),
			scene(
				'scn_invite_details',
				'Join us {{event_date}}. We saved you a seat, {{guest_name}}.',
				'venue_photo',
				'host',
			),
		],
	),
	template(
		3,
		'tpl_customer_onboarding',
		'Customer onboarding',
		'16:9',
		[
			text('customer_name', 'there'),
			text('product_name', 'your new workspace'),
			character('account_manager', 'lk_chloe_office'),
			voice('manager_voice', englishVoice('female', 2)),
		],
		[
			scene('scn_onboarding_welcome', 'Welcome aboard, {{customer_name}}!', 'account_manager', 'manager_voice'),
			scene(
				'scn_onboarding_setup',
				"Let's set up {{product_name}} together in three easy steps.",
				'account_manager',
				'manager_voice',
			),
		],
	),
	template(
		4,
		'tpl_weekly_update',
		'Weekly team update',
		'16:9',
		[
			text('week', 'this week'),
			text('highlight', 'we shipped the new dashboard'),
			media('chart', 'image'),
			character('host', 'lk_liam_office'),
		],
		[
			scene('scn_update_opening', "Here's what happened {{week}}.", 'host'),
			scene('scn_update_highlight', 'The big news: {{highlight}}.', 'chart', 'host'),
		],
	),
	template(
		5,
		'tpl_property_tour',
		'Property tour',
		'9:16',
		[
			text('address', '12 Harbour Street'),
			text('price', '$850,000'),
			media('listing_photo', 'image'),
			media('tour_clip', 'video', 'full_video'),
			character('agent', 'lk_isabel_portrait'),
		],
		[
			scene('scn_tour_intro', 'Welcome to {{address}}.', 'listing_photo', 'agent'),
			scene('scn_tour_walk', 'Take a look around.', 'tour_clip'),
			scene('scn_tour_price', 'Listed at {{price}}. Book a viewing today.', 'agent'),
		],
	),
	template(
		6,
		'tpl_course_intro',
		'Course introduction',
		'16:9',
		[
			text('course_title', 'Video Marketing 101'),
			character('instructor', SEED_IDS.lookWithoutAvatarV),
			voice('narrator', spanishVoice),
			media('intro_music', 'audio'),
		],
		[
			scene('scn_course_welcome', 'Welcome to {{course_title}}.', 'instructor', 'narrator', 'intro_music'),
			scene(
				'scn_course_outline',
				'In this course you will learn everything you need, step by step.',
				'instructor',
				'narrator',
			),
		],
	),
	template(
		7,
		'tpl_birthday_greeting',
		'Birthday greeting',
		'1:1',
		[text('recipient', 'friend'), media('photo', 'image'), media('song', 'audio')],
		[scene('scn_birthday_wish', 'Happy birthday, {{recipient}}! Have a wonderful year.', 'photo', 'song')],
	),
	template(
		8,
		'tpl_job_opening',
		'Job opening',
		'9:16',
		[
			text('role', 'Senior Engineer'),
			text('team', 'Platform'),
			character('recruiter', 'lk_elena_office'),
			media('office_tour', 'video', 'loop'),
		],
		[
			scene('scn_job_hook', "We're hiring a {{role}} for the {{team}} team!", 'recruiter'),
			scene('scn_job_office', 'This is where you would work.', 'office_tour'),
		],
	),
	template(
		9,
		'tpl_thank_you',
		'Thank-you message',
		'1:1',
		[text('customer', 'valued customer'), text('order_number', '#1001'), voice('narrator', englishVoice('male'))],
		[scene('scn_thanks', 'Thank you, {{customer}}! Order {{order_number}} is on its way.', 'narrator')],
	),
	template(
		10,
		'tpl_release_notes',
		'Release notes',
		'16:9',
		[
			text('version', '2.0'),
			text('feature', 'dark mode'),
			media('screenshot', 'image'),
			media('screencast', 'video', 'freeze'),
		],
		[
			scene('scn_release_title', 'Version {{version}} is here.', 'screenshot'),
			scene('scn_release_feature', 'The headline feature is {{feature}}.', 'screencast'),
		],
	),
	template(
		11,
		'tpl_podcast_promo',
		'Podcast promo',
		'1:1',
		[
			text('episode_title', 'Building in public'),
			text('guest', 'a special guest'),
			media('audio_clip', 'audio'),
			media('cover', 'image'),
			voice('host_voice', englishVoice('male', 1)),
		],
		[
			scene(
				'scn_podcast_teaser',
				'New episode: {{episode_title}} with {{guest}}.',
				'audio_clip',
				'cover',
				'host_voice',
			),
		],
	),
	template(12, 'tpl_blank_intro', 'Blank intro', '16:9', [], [scene('scn_blank_intro', 'Welcome to our channel.')]),
]);

export const TEMPLATE_BY_ID: ReadonlyMap<string, Template> = new Map(TEMPLATES.map((item) => [item.id, item]));

/** Position in the list, the rank used by cursors. */
export const TEMPLATE_RANK: ReadonlyMap<Template, number> = new Map(TEMPLATES.map((item, index) => [item, index]));

/** `GET /v3/templates` lists only templates that have variables. */
export const LISTED_TEMPLATES: readonly Template[] = TEMPLATES.filter((item) => item.variables.length > 0);
