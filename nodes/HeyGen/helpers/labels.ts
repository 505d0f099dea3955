/** API field path -> the display name of the node parameter that fills it. */
export type FieldLabels = Record<string, string>;

/**
 * The display name for an API field path. A nested path without its own label is named after
 * its nearest labelled parent ("voice_settings.speed" -> "Voice Settings › speed").
 */
export function labelFor(param: string, labels: FieldLabels | undefined): string {
	if (!labels) return param;
	if (labels[param]) return labels[param];
	const parent = Object.keys(labels)
		.filter((key) => param.startsWith(`${key}.`))
		.sort((a, b) => b.length - a.length)[0];
	return parent ? `${labels[parent]} › ${param.slice(parent.length + 1)}` : param;
}

/*
 * How avatars, voices and templates read wherever the node lists them (searchable lists,
 * dropdowns, the template variables mapper and its defaults): one wording for each.
 */

const AVATAR_TYPE_NAMES: Record<string, string> = {
	studio_avatar: 'Studio',
	digital_twin: 'Digital twin',
	photo_avatar: 'Photo',
	video_avatar: 'Video',
};

/** "Abigail Office · Studio" */
export function avatarLookLabel(look: { name: string; avatar_type: string }): string {
	return `${look.name} · ${AVATAR_TYPE_NAMES[look.avatar_type] ?? look.avatar_type}`;
}

/** "Sara - Lifelike (English, female)" */
export function voiceLabel(voice: { name: string; language: string; gender: string }): string {
	return `${voice.name} (${voice.language}, ${voice.gender})`;
}

/** "Sales outreach (16:9)", or the name alone when HeyGen gives no aspect ratio. */
export function templateLabel(template: { name: string; aspect_ratio?: string | null }): string {
	return template.aspect_ratio ? `${template.name} (${template.aspect_ratio})` : template.name;
}
