import type { CreateTranslationBody } from '../../nodes/HeyGen/schemas';
import { ENDPOINTS } from '../../nodes/HeyGen/schemas/endpoints';
import { invalidParameter, notFound } from '../http/errors';
import { paginate } from '../http/pagination';
import { dataReply, listReply } from '../http/reply';
import { requireAsset } from '../jobs/assets';
import { isUnreachable, MAGIC_INPUTS, roundCredits } from '../jobs/rendering';
import { translationLinks, type UrlSigner } from '../jobs/storage';
import {
	ASSUMED_SOURCE_SECONDS,
	DEFAULT_INPUT_LANGUAGE,
	TRANSLATION_CREDITS_PER_SECOND,
	TRANSLATION_FAILURES,
	TRANSLATION_LANGUAGES,
	translationStatusAt,
	type TranslationJob,
	type TranslationOutcome,
	type TranslationPlan,
} from '../jobs/translation';
import type { Services } from '../services';
import { checkConcurrency, checkCredits } from './admission';
import type { HandlerTable } from './context';

const KNOWN_LANGUAGES = new Set(TRANSLATION_LANGUAGES);
const OWN_VIDEO_PATH = /^\/videos\/([0-9a-f]{32})\.(mp4|webm)$/;

/** `VideoTranslationDetail`: file links only once completed, `failure_message` only once failed. */
export function presentTranslation(job: TranslationJob, now: number, signer: UrlSigner): Record<string, unknown> {
	const status = translationStatusAt(job, now);
	const detail: Record<string, unknown> = {
		id: job.id,
		status,
		title: job.title,
		input_language: job.inputLanguage,
		output_language: job.outputLanguage,
		duration: null,
		translate_audio_only: job.translateAudioOnly,
		video_url: null,
		audio_url: null,
		srt_caption_url: null,
		vtt_caption_url: null,
		callback_id: job.callbackId,
		created_at: Math.floor(job.createdAtMs / 1000),
	};
	if (status === 'completed')
		Object.assign(detail, translationLinks(job, signer, now), { duration: job.durationSeconds });
	if (status === 'failed' && job.outcome.status === 'failed') detail.failure_message = job.outcome.failureMessage;
	return detail;
}

/** Every output language is one HeyGen lists, named once. */
export function checkLanguages(languages: readonly string[]): void {
	languages.forEach((language, index) => {
		const param = `output_languages.${index}`;
		if (!KNOWN_LANGUAGES.has(language)) {
			throw invalidParameter(
				param,
				`'${param}' must be a language from GET /v3/video-translations/languages; '${language}' is not one.`,
			);
		}
		if (languages.indexOf(language) !== index) throw invalidParameter(param, `'${param}' repeats '${language}'.`);
	});
}

/** The source's length: known for an uploaded or emulator-made video, assumed for an outside URL. */
export function sourceSeconds(video: CreateTranslationBody['video'], services: Services): number {
	if (video.type === 'asset_id') {
		requireAsset(services.state.assets, video.asset_id, 'video.asset_id', ['video']);
		return ASSUMED_SOURCE_SECONDS;
	}
	try {
		const url = new URL(video.url);
		const own = url.origin === services.signer.origin ? OWN_VIDEO_PATH.exec(url.pathname) : null;
		const job = own ? services.state.findVideo(own[1]) : undefined;
		return job?.durationSeconds ?? ASSUMED_SOURCE_SECONDS;
	} catch {
		return ASSUMED_SOURCE_SECONDS;
	}
}

function translatedSeconds(body: CreateTranslationBody, source: number): number {
	const start = Math.min(body.start_time ?? 0, source);
	const end = Math.min(body.end_time ?? source, source);
	return Math.max(1, Math.round((end - start) * 10) / 10);
}

function outcomeOf(body: CreateTranslationBody): TranslationOutcome {
	if (body.video.type === 'url' && isUnreachable(body.video.url)) {
		return { status: 'failed', stage: 'pending', failureMessage: TRANSLATION_FAILURES.download };
	}
	if (body.title?.includes(MAGIC_INPUTS.fail)) {
		return { status: 'failed', stage: 'running', failureMessage: TRANSLATION_FAILURES.magic };
	}
	return { status: 'completed' };
}

function requireTranslation(services: Services, id: string): TranslationJob {
	const job = services.state.translations.get(id);
	if (!job) throw notFound('Video translation not found.');
	return job;
}

/** Checks a create body against uploads and languages, and plans one translation per output language. */
export function planTranslations(body: CreateTranslationBody, services: Services): TranslationPlan[] {
	checkLanguages(body.output_languages);
	const source = sourceSeconds(body.video, services);
	if (body.audio?.type === 'asset_id')
		requireAsset(services.state.assets, body.audio.asset_id, 'audio.asset_id', ['audio']);
	if (body.srt?.type === 'asset_id') requireAsset(services.state.assets, body.srt.asset_id, 'srt.asset_id', ['subtitle']);
	const durationSeconds = translatedSeconds(body, source);
	const costCredits = roundCredits(durationSeconds * TRANSLATION_CREDITS_PER_SECOND[body.mode ?? 'speed']);
	const outcome = outcomeOf(body);
	return body.output_languages.map((outputLanguage) => ({
		title: body.title ?? null,
		inputLanguage: body.input_language ?? DEFAULT_INPUT_LANGUAGE,
		outputLanguage,
		durationSeconds,
		translateAudioOnly: Boolean(body.translate_audio_only),
		captions: Boolean(body.enable_caption),
		callbackId: body.callback_id ?? null,
		callbackUrl: body.callback_url ?? null,
		costCredits,
		outcome,
	}));
}

export const translationHandlers: HandlerTable = {
	listTranslationLanguages: () => dataReply({ languages: [...TRANSLATION_LANGUAGES] }),

	/** One job per output language, each taking a concurrency slot and charged when it completes. */
	createTranslation: ({ body, now, services }) => {
		const plans = planTranslations(body, services);
		checkConcurrency(services, now, plans.length);
		checkCredits(services, roundCredits(plans.reduce((sum, plan) => sum + plan.costCredits, 0)), now, 'translation');
		const jobs = plans.map((plan) =>
			services.state.addTranslation(plan, now, services.config.translationTimings, services.config.videoSizeBytes),
		);
		return dataReply({ video_translation_ids: jobs.map((job) => job.id) });
	},

	listTranslations: ({ query, now, services }) => {
		const newestFirst = [...services.state.translations.values()].sort((a, b) => b.sequence - a.sequence);
		const page = paginate({
			items: newestFirst,
			limit: query.limit ?? ENDPOINTS.listTranslations.page.defaultLimit,
			token: query.token,
			list: 'video_translations',
			rankOf: (job) => -job.sequence,
		});
		return listReply({ ...page, data: page.data.map((job) => presentTranslation(job, now, services.signer)) });
	},

	getTranslation: ({ params, now, services }) =>
		dataReply(presentTranslation(requireTranslation(services, params.video_translation_id), now, services.signer)),
};
