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
