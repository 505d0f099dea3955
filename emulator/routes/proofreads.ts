import type { CreateProofreadBody } from '../../nodes/HeyGen/schemas';
import { parseSrt } from '../../nodes/HeyGen/schemas/srt';
import { invalidParameter, notFound } from '../http/errors';
import { dataReply } from '../http/reply';
import { requireAsset } from '../jobs/assets';
import {
	PROOFREAD_FAILURES,
	proofreadStatusAt,
	translateCues,
	translatedSubtitles,
	type ProofreadJob,
	type ProofreadOutcome,
	type SubtitleSource,
} from '../jobs/proofread';
import { isUnreachable, MAGIC_INPUTS, roundCredits } from '../jobs/rendering';
import { lookupStorageObject, needsSignature, proofreadSrtLinks } from '../jobs/storage';
import { DEFAULT_INPUT_LANGUAGE, TRANSLATION_CREDITS_PER_SECOND } from '../jobs/translation';
import type { Services } from '../services';
import { checkConcurrency, checkCredits } from './admission';
import type { HandlerTable } from './context';
import { checkLanguages, sourceSeconds } from './translations';

type FileInput = NonNullable<CreateProofreadBody['srt']>;

/** `ProofreadDetail`: `failure_message` only once failed. */
export function presentProofread(job: ProofreadJob, now: number): Record<string, unknown> {
	const status = proofreadStatusAt(job, now);
	const detail: Record<string, unknown> = {
		id: job.id,
		title: job.title,
		status,
		output_language: job.outputLanguage,
		input_language: job.inputLanguage,
		submitted_for_review: false,
		created_at: Math.floor(job.createdAtMs / 1000),
	};
	if (status === 'failed' && job.outcome.status === 'failed') detail.failure_message = job.outcome.failureMessage;
	return detail;
}

function requireProofread(services: Services, id: string): ProofreadJob {
	const job = services.state.proofreads.get(id);
	if (!job) throw notFound('Proofread not found.');
	return job;
}

/** SRT files, edits and generation need the subtitles made (HeyGen documents them for completed proofreads). */
function requireCompleted(job: ProofreadJob, now: number): void {
	const status = proofreadStatusAt(job, now);
	if (status === 'completed') return;
	throw invalidParameter('proofread_id', `Proofread '${job.id}' is ${status}; its subtitles are ${status === 'failed' ? 'not available' : 'not ready yet'}.`);
}

function srtText(bytes: Buffer, param: string): string {
	const parsed = parseSrt(bytes.toString('utf8'));
	if (!parsed.ok) throw invalidParameter(param, `'${param}' is not a valid SRT file: it ${parsed.problem}.`);
	return bytes.toString('utf8');
}

/** The bytes of a file this emulator serves itself (an upload, a proofread's SRT), fetched as HeyGen would. */
function ownFile(url: string, services: Services, now: number): Buffer | undefined {
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		return undefined;
	}
	if (parsed.origin !== services.signer.origin) return undefined;
	if (needsSignature(parsed.pathname) && !services.signer.check(parsed.pathname, parsed.searchParams, now).ok) return undefined;
	const found = lookupStorageObject(parsed.pathname, services.state, services.catalog, now);
	return found.kind === 'file' && found.file.prefix.length === found.file.size ? found.file.prefix : undefined;
}

/**
 * An SRT given as an upload or a URL: its text when this emulator can read it (checked strictly),
 * else the URL HeyGen would fetch. `unreachable` answers a URL on a `.invalid` host.
 */
function subtitleSource(input: FileInput, param: string, services: Services, now: number): SubtitleSource | 'unreachable' {
	if (input.type === 'asset_id') {
		const asset = requireAsset(services.state.assets, input.asset_id, `${param}.asset_id`, ['subtitle']);
		return { kind: 'text', text: srtText(asset.bytes, param) };
	}
	if (isUnreachable(input.url)) return 'unreachable';
	const own = ownFile(input.url, services, now);
	if (own) return { kind: 'text', text: srtText(own, `${param}.url`) };
	return { kind: 'url', url: input.url };
}

function creationOutcome(body: CreateProofreadBody, original: SubtitleSource | 'unreachable' | null): ProofreadOutcome {
	if (body.video.type === 'url' && isUnreachable(body.video.url)) return { status: 'failed', failureMessage: PROOFREAD_FAILURES.download };
	if (original === 'unreachable') return { status: 'failed', failureMessage: PROOFREAD_FAILURES.srtDownload };
	if (body.title.includes(MAGIC_INPUTS.fail)) return { status: 'failed', failureMessage: PROOFREAD_FAILURES.magic };
	return { status: 'completed' };
}

/** HeyGen's subtitles for one language: made from the SRT given at creation when the emulator can read it. */
function firstSubtitles(original: SubtitleSource | 'unreachable' | null, title: string, language: string, seconds: number): SubtitleSource {
	const given = original && original !== 'unreachable' && original.kind === 'text' ? parseSrt(original.text) : undefined;
	return { kind: 'text', text: given?.ok ? translateCues(given.cues, language) : translatedSubtitles(title, language, seconds) };
}

export const proofreadHandlers: HandlerTable = {
	/** One proofread per output language; none takes a concurrency slot or credits. */
	createProofread: ({ body, now, services }) => {
		checkLanguages(body.output_languages);
		const seconds = sourceSeconds(body.video, services);
		const original = body.srt ? subtitleSource(body.srt, 'srt', services, now) : null;
		const outcome = creationOutcome(body, original);
		const jobs = body.output_languages.map((outputLanguage) =>
			services.state.addProofread(
				{
					title: body.title,
					inputLanguage: DEFAULT_INPUT_LANGUAGE,
					outputLanguage,
					mode: body.mode ?? 'speed',
					durationSeconds: seconds,
					outcome,
					subtitles: firstSubtitles(original, body.title, outputLanguage, seconds),
					original: original === 'unreachable' ? null : original,
				},
				now,
				services.config.translationTimings,
			),
		);
		return dataReply({ proofread_ids: jobs.map((job) => job.id), status: 'processing' });
	},

	getProofread: ({ params, now, services }) => dataReply(presentProofread(requireProofread(services, params.proofread_id), now)),

	getProofreadSrt: ({ params, now, services }) => {
		const job = requireProofread(services, params.proofread_id);
		requireCompleted(job, now);
		return dataReply(proofreadSrtLinks(job, services.signer, now));
	},

	/** The edited SRT replaces the subtitles; the next generated translation's captions come from it. */
	uploadProofreadSrt: ({ params, body, now, services }) => {
		const job = requireProofread(services, params.proofread_id);
		requireCompleted(job, now);
		const edited = subtitleSource(body.srt, 'srt', services, now);
		if (edited === 'unreachable') throw invalidParameter('srt.url', `${PROOFREAD_FAILURES.srtDownload} '${body.srt.type === 'url' ? body.srt.url : ''}' cannot be reached.`);
		job.subtitles = edited;
		return dataReply(presentProofread(job, now));
	},

	/** A translation like any other (a concurrency slot, charged when it completes, its own callback). */
	generateFromProofread: ({ params, body, now, services }) => {
		const job = requireProofread(services, params.proofread_id);
		requireCompleted(job, now);
		const subtitles = job.subtitles.kind === 'text' ? job.subtitles.text : undefined;
		const costCredits = roundCredits(job.durationSeconds * TRANSLATION_CREDITS_PER_SECOND[job.mode]);
		checkConcurrency(services, now, 1);
		checkCredits(services, costCredits, now, 'translation');
		const translation = services.state.addTranslation(
			{
				title: job.title,
				inputLanguage: job.inputLanguage,
				outputLanguage: job.outputLanguage,
				durationSeconds: job.durationSeconds,
				translateAudioOnly: Boolean(body.translate_audio_only),
				captions: Boolean(body.captions),
				callbackId: body.callback_id ?? null,
				callbackUrl: body.callback_url ?? null,
				costCredits,
				outcome: subtitles?.includes(MAGIC_INPUTS.fail)
					? { status: 'failed', stage: 'running', failureMessage: PROOFREAD_FAILURES.generation }
					: { status: 'completed' },
				subtitles,
			},
			now,
			services.config.translationTimings,
			services.config.videoSizeBytes,
		);
		return dataReply({ video_translation_id: translation.id, status: 'processing' });
	},
};
