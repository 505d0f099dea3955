import type { IDataObject } from 'n8n-workflow';

import type { DeliveryAttempt } from '../../emulator/webhooks/store';
import { HeyGenTrigger } from '../../nodes/HeyGen/HeyGenTrigger.node';
import { signBody } from '../../nodes/HeyGen/trigger/signature';
import { runWebhookMethod } from '../harness/engine';
import { forgeDeliveries, runKeyOf, sequenceOf, signedEvent, type GenuineEvent } from '../harness/triggerForgery';
import { credentialsFor, credentialTypes, useEmulator } from './heygen';
import { deliverTo, startProcess, startWire, StoredWorkflow, TRIGGER_TYPE, type ParsedRequest } from './triggerDeliveries';

const emulator = useEmulator();
const SEED = 20261109;
const SELECTED = ['avatar_video.success', 'avatar_video.fail', 'video_translate.success'];

/** The trigger published for the selected events: the workflow row with its secret, as n8n stored it. */
async function published(options: IDataObject = {}) {
	const created = await runWebhookMethod({
		nodeType: new HeyGenTrigger(),
		nodeTypeName: TRIGGER_TYPE,
		credentialTypes,
		credentials: credentialsFor(emulator),
		parameters: { events: SELECTED },
		staticData: {},
		method: 'create',
	});
	const secret = String((created.staticData['node:Trigger'] as IDataObject).secret);
	return { store: new StoredWorkflow(created.staticData), secret, parameters: { events: SELECTED, options } };
}

/** Finished videos, delivered (and retried) by the emulator to the registered endpoint, grouped per event. */
async function emulatorEvents(count: number, eventIdInBody: boolean): Promise<GenuineEvent[]> {
	emulator.config.webhooks.eventIdInBody = eventIdInBody;
	Object.assign(emulator.config.webhooks, { attempts: 3, retryDelayMs: 10, timeoutMs: 500 });
	const started = Date.now();
	for (let i = 0; i < count; i++) {
		const response = await fetch(`${emulator.url}/v3/videos`, {
			method: 'POST',
			headers: { 'x-api-key': emulator.apiKey, 'content-type': 'application/json' },
			body: JSON.stringify({ type: 'avatar', avatar_id: 'lk_abigail_office', script: `Hello number ${i}`, callback_id: `lead-${eventIdInBody ? 'b' : 'a'}${i}` }),
		});
		expect(response.status).toBe(200);
	}
	const ours = (attempt: DeliveryAttempt) => attempt.target === 'endpoint' && attempt.sent_at >= started;
	// Nothing listens at the node's URL here, so every try fails and HeyGen tries each event three times.
	const attempts = await emulator.waitForDeliveries(count * 3, { where: ours, timeoutMs: 15_000 });
	const byEvent = new Map<string, DeliveryAttempt[]>();
	for (const attempt of attempts) byEvent.set(attempt.event_id, [...(byEvent.get(attempt.event_id) ?? []), attempt]);
	return [...byEvent.values()].map((tries) => {
		const [first, ...retries] = tries.sort((a, b) => a.attempt - b.attempt);
		const body = Buffer.from(first.body, 'utf8');
		const parsed = JSON.parse(first.body) as { event_type: string; event_data: IDataObject };
		return {
			label: `${parsed.event_type} ${String(parsed.event_data.video_id)}${eventIdInBody ? ' (event id in body)' : ''}`,
			headers: first.headers,
			body,
			selected: SELECTED.includes(parsed.event_type),
			runKey: runKeyOf({ event_type: parsed.event_type, ...parsed.event_data }),
			retries: retries.map((retry) => retry.headers),
		};
	});
}

/** Events of types the emulator does not make here, signed with the endpoint's secret as HeyGen signs. */
function otherEvents(secret: string): GenuineEvent[] {
	const events: GenuineEvent[] = [];
	const withRetry = (event: GenuineEvent) => {
		event.retries.push({ ...event.headers, 'heygen-timestamp': String(Math.floor(Date.now() / 1000)) });
		return event;
	};
	for (let i = 0; i < 3; i++) {
		events.push(withRetry(signedEvent(secret, 'avatar_video.fail', { video_id: `v_fail_${i}`, msg: 'Avatar rendering timed out', callback_id: `lead-f${i}` }, { selected: true, eventIdInBody: i === 1, label: `avatar_video.fail #${i}` })));
		events.push(
			withRetry(
				signedEvent(secret, 'video_translate.success', { video_translate_id: `vt_${i}`, url: `https://files.example.com/vt_${i}.mp4`, callback_id: `lead-t${i}`, output_language: 'French' }, { selected: true, eventIdInBody: i !== 1, label: `video_translate.success #${i}` }),
			),
		);
	}
	for (let i = 0; i < 2; i++) {
		events.push(withRetry(signedEvent(secret, 'batch.finished', { batch_id: `batch_${i}` }, { selected: false, label: `batch.finished #${i}` })));
		events.push(withRetry(signedEvent(secret, 'photo_avatar_train.success', { group_id: `group_${i}` }, { selected: false, label: `photo_avatar_train.success #${i}` })));
	}
	return events;
}

const nowSeconds = () => String(Math.floor(Date.now() / 1000));

/** A delivery's headers as Node gives them (lower-case names). */
function request(body: Buffer | string, headers: Record<string, string | undefined>): ParsedRequest {
	const defined = Object.fromEntries(Object.entries(headers).filter(([, value]) => value !== undefined)) as Record<string, string>;
	return { headers: { 'content-type': 'application/json', ...defined }, rawBody: Buffer.from(body) };
}

describe('HeyGen Trigger → a forged-delivery suite through n8n-core', () => {
	it('1,000+ generated forged, tampered, stale and replayed deliveries start 0 runs; each genuine event runs exactly once, across two processes and a restart', async () => {
		const { store, secret, parameters } = await published();
		const genuine = [...(await emulatorEvents(4, false)), ...(await emulatorEvents(4, true)), ...otherEvents(secret)];
		const forgeries = forgeDeliveries(SEED, genuine, secret);
		expect(forgeries.length).toBeGreaterThanOrEqual(1000);
		const steps = sequenceOf(SEED, genuine, forgeries);

		const wire = await startWire();
		// Two n8n processes take the webhook (as in queue mode); half-way both restart.
		let processes = [startProcess(), startProcess()];
		const runs = new Map<string, number>();
		const tally = new Map<string, { deliveries: number; runs: number; statuses: Map<number, number> }>();
		const count = (category: string, status: number | undefined, ran: boolean) => {
			const entry = tally.get(category) ?? { deliveries: 0, runs: 0, statuses: new Map<number, number>() };
			entry.deliveries++;
			if (ran) entry.runs++;
			entry.statuses.set(status ?? 0, (entry.statuses.get(status ?? 0) ?? 0) + 1);
			tally.set(category, entry);
		};
		const failures: string[] = [];
		let routing = SEED;
		try {
			for (const [index, step] of steps.entries()) {
				if (index === Math.floor(steps.length / 2)) processes = [startProcess(), startProcess()];
				routing = (routing * 1103515245 + 12345) >>> 0;
				const process = processes[routing % 2];
				const wireRequest =
					step.kind === 'forgery'
						? step.forgery.wire
						: { head: Object.entries(step.kind === 'retry' ? step.headers : step.event.headers) as Array<[string, string]>, body: step.event.body };
				const outcome = await deliverTo(process, store, emulator, parameters, await wire.parse(wireRequest));
				store.save(outcome);
				for (const item of outcome.items ?? []) runs.set(runKeyOf(item.json), (runs.get(runKeyOf(item.json)) ?? 0) + 1);
				const ran = outcome.items !== undefined;

				if (step.kind === 'forgery') {
					count(step.forgery.category, outcome.status, ran);
					const { expected } = step.forgery;
					const answered = outcome.status === expected.status && (!('duplicate' in expected) || (outcome.body as IDataObject)?.duplicate === true);
					if (ran || !answered) failures.push(`${step.forgery.category}: ${step.forgery.label} → ${outcome.status} ${JSON.stringify(outcome.body)}${ran ? ' and a run' : ''}`);
				} else {
					const first = step.kind === 'genuine';
					count(first ? 'genuine event, first try' : "HeyGen's retry of a genuine event", outcome.status, ran);
					const wanted = first && step.event.selected ? { received: true } : step.event.selected ? { received: true, duplicate: true } : { received: true, ignored: true };
					if (outcome.status !== 200 || JSON.stringify(outcome.body) !== JSON.stringify(wanted) || ran !== (first && step.event.selected)) {
						failures.push(`${step.kind} of ${step.event.label} → ${outcome.status} ${JSON.stringify(outcome.body)}${ran ? ' and a run' : ''}`);
					}
				}
			}

			// After the run, one more restart: every genuine event replayed with fresh headers runs nothing.
			const restarted = startProcess();
			for (const [index, event] of genuine.entries()) {
				const replay = { ...event.headers, 'heygen-timestamp': nowSeconds(), 'heygen-event-id': `evt_replayed_${index}` };
				const outcome = await deliverTo(restarted, store, emulator, parameters, await wire.parse({ head: Object.entries(replay), body: event.body }));
				store.save(outcome);
				count('replay after the last restart', outcome.status, outcome.items !== undefined);
				if (outcome.items !== undefined) failures.push(`replay after restart of ${event.label} ran`);
			}
		} finally {
			await wire.close();
		}

		const table = [...tally.entries()].map(
			([category, entry]) => `${category.padEnd(38)} ${String(entry.deliveries).padStart(5)} deliveries ${String(entry.runs).padStart(3)} runs  statuses ${[...entry.statuses.entries()].map(([status, n]) => `${status}×${n}`).join(' ')}`,
		);
		console.log(`HeyGen Trigger forged-delivery suite (seed ${SEED}, ${forgeries.length} forgeries, ${genuine.length} genuine events):\n${table.join('\n')}\nstatic data after: ${store.size} characters`);

		expect(failures).toEqual([]);
		const forgedRuns = [...tally.entries()].filter(([category]) => !category.startsWith('genuine')).reduce((sum, [, entry]) => sum + entry.runs, 0);
		expect(forgedRuns).toBe(0);
		const expectedRuns = new Map(genuine.filter((event) => event.selected).map((event) => [event.runKey, 1]));
		expect(expectedRuns.size).toBe(14);
		expect(Object.fromEntries(runs)).toEqual(Object.fromEntries(expectedRuns));
		// Only what ran is remembered, as short hashes.
		const remembered = (store.load()['node:Trigger'] as IDataObject).seenDeliveries as Record<string, number>;
		expect(Object.keys(remembered)).toHaveLength(14);
		expect(JSON.stringify(remembered)).not.toContain('evt_');
	}, 120_000);
});

describe('HeyGen Trigger → dedupe across requests, processes and restarts', () => {
	const eventBody = (videoId: string) => JSON.stringify({ event_type: 'avatar_video.success', event_data: { video_id: videoId, url: `https://files.example.com/${videoId}.mp4`, callback_id: `lead-${videoId}` } });
	const genuineHeaders = (secret: string, body: string, eventId = `evt_${videoIdCounter++}`) => ({
		'heygen-signature': signBody(secret, body),
		'heygen-timestamp': nowSeconds(),
		'heygen-event-id': eventId,
	});
	let videoIdCounter = 1;

	it('copies of one event that reach one process before either is saved run once', async () => {
		const { store, secret, parameters } = await published();
		const process = startProcess();
		const body = eventBody('v_concurrent');
		const snapshot = store.load();
		// Every request read the same stored copy (none was saved yet), as concurrent requests do.
		const outcomes = await Promise.all(
			Array.from({ length: 8 }, (_, i) => deliverTo(process, store, emulator, parameters, request(body, genuineHeaders(secret, body, `evt_copy_${i}`)), JSON.parse(JSON.stringify(snapshot)) as IDataObject)),
		);
		expect(outcomes.filter((outcome) => outcome.items).length).toBe(1);
		expect(outcomes.filter((outcome) => (outcome.body as IDataObject).duplicate === true).length).toBe(7);
	});

	it('after a restart (a new process, the same database) a replay with fresh headers runs nothing and a new event runs once', async () => {
		const { store, secret, parameters } = await published();
		const before = startProcess();
		const first = eventBody('v_before_restart');
		const run = await deliverTo(before, store, emulator, parameters, request(first, genuineHeaders(secret, first, 'evt_original')));
		expect(run.items).toHaveLength(1);
		expect(run.staticDataChanged).toBe(true);
		store.save(run);

		const after = startProcess();
		for (const headers of [
			genuineHeaders(secret, first, 'evt_original'),
			genuineHeaders(secret, first, 'evt_new_header'),
			{ ...genuineHeaders(secret, first), 'heygen-event-id': undefined },
			{ 'heygen-signature': undefined, signature: signBody(secret, first), 'heygen-timestamp': nowSeconds(), 'heygen-event-id': 'evt_legacy' },
		]) {
			const replay = await deliverTo(after, store, emulator, parameters, request(first, headers));
			expect(replay).toMatchObject({ status: 200, body: { received: true, duplicate: true }, items: undefined });
			// A pure duplicate writes nothing: n8n saves nothing.
			expect(replay.staticDataChanged).toBe(false);
		}
		const untimed = await deliverTo(after, store, emulator, parameters, request(first, { signature: signBody(secret, first), 'heygen-event-id': 'evt_untimed' }));
		expect(untimed).toMatchObject({ status: 401, body: { error: 'Missing Heygen-Timestamp header' }, items: undefined });

		const next = eventBody('v_after_restart');
		const fresh = await deliverTo(after, store, emulator, parameters, request(next, genuineHeaders(secret, next, 'evt_original')));
		expect(fresh.items?.[0].json).toMatchObject({ video_id: 'v_after_restart' });
		store.save(fresh);
		const retry = await deliverTo(startProcess(), store, emulator, parameters, request(next, genuineHeaders(secret, next, 'evt_other')));
		expect(retry.items).toBeUndefined();
	});

	it("another process sees a run once it is saved; a record lost to another request's save is written back by the process that holds it", async () => {
		const { store, secret, parameters } = await published();
		const [one, two] = [startProcess(), startProcess()];
		const a = eventBody('v_process_a');
		const b = eventBody('v_process_b');

		// Both requests read the stored copy before either saved; the second save overwrites the first.
		const snapshot = store.load();
		const ranA = await deliverTo(one, store, emulator, parameters, request(a, genuineHeaders(secret, a)), JSON.parse(JSON.stringify(snapshot)) as IDataObject);
		const ranB = await deliverTo(two, store, emulator, parameters, request(b, genuineHeaders(secret, b)), JSON.parse(JSON.stringify(snapshot)) as IDataObject);
		expect(ranA.items && ranB.items).toBeTruthy();
		store.save(ranA);
		store.save(ranB);
		const seen = () => Object.keys(((store.load()['node:Trigger'] as IDataObject).seenDeliveries ?? {}) as object).length;
		expect(seen()).toBe(1);

		// Process one still holds a in memory: the next delivery it verifies (b's replay) writes a back.
		const replayB = await deliverTo(one, store, emulator, parameters, request(b, genuineHeaders(secret, b, 'evt_fresh')));
		expect(replayB).toMatchObject({ status: 200, body: { duplicate: true }, items: undefined });
		expect(replayB.staticDataChanged).toBe(true);
		store.save(replayB);
		expect(seen()).toBe(2);
		// Now a third process, with nothing in memory, refuses both from the stored copy.
		const third = startProcess();
		for (const body of [a, b]) {
			expect((await deliverTo(third, store, emulator, parameters, request(body, genuineHeaders(secret, body)))).items).toBeUndefined();
		}
	});

	it('with Accept Legacy Signature Without Timestamp on, a legacy delivery runs once and its replays do not', async () => {
		const { store, secret, parameters } = await published({ acceptLegacyWithoutTimestamp: true });
		const body = eventBody('v_legacy');
		const legacy = { signature: signBody(secret, body), 'heygen-event-id': 'evt_legacy_1' };
		const first = await deliverTo(startProcess(), store, emulator, parameters, request(body, legacy));
		expect(first.items).toHaveLength(1);
		store.save(first);
		for (const headers of [legacy, { ...legacy, 'heygen-event-id': 'evt_legacy_2' }, { signature: signBody(secret, body) }, genuineHeaders(secret, body)]) {
			const replay = await deliverTo(startProcess(), store, emulator, parameters, request(body, headers));
			expect(replay).toMatchObject({ status: 200, body: { duplicate: true }, items: undefined });
		}
		// Heygen-Signature still needs its timestamp.
		const untimed = await deliverTo(startProcess(), store, emulator, parameters, request(eventBody('v_legacy_2'), { 'heygen-signature': signBody(secret, eventBody('v_legacy_2')) }));
		expect(untimed).toMatchObject({ status: 401, items: undefined });
	});
});
