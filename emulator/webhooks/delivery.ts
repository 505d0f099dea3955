import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

import {
	EVENT_ID_HEADER,
	LEGACY_SIGNATURE_HEADER,
	signBody,
	SIGNATURE_HEADER,
	TIMESTAMP_HEADER,
} from '../../nodes/HeyGen/schemas/signing';
import { notFound } from '../http/errors';
import { pause } from '../http/http';
import type { DropDeliveries, EmulatorConfig } from '../settings/config';
import type { FaultAction, FaultInjector } from '../settings/faults';
import type {
	DeliveryAttempt,
	DeliveryTarget,
	EventDraft,
	WebhookEvent,
	WebhookStore,
} from './store';

export const WEBHOOK_USER_AGENT = 'HeyGen-Webhooks/1.0 (emulator)';

/** Where one attempt goes, looked up when it is sent (a rotated secret or a new URL applies at once). */
interface ResolvedTarget {
	url: string;
	endpointId: string | null;
	/** Registered endpoints only: per-request callbacks are never signed. */
	secret: string | null;
}

type SendResult = { status: number; error: null } | { status: null; error: string };

export interface WaitOptions {
	/** Default 5000 ms. */
	timeoutMs?: number;
	/** Count only the attempts this accepts. */
	where?: (attempt: DeliveryAttempt) => boolean;
}

interface Waiter {
	check: () => void;
	fail: (error: Error) => void;
}

/** How one target of an event is sent: how many copies, after what extra hold, under which configured fault. */
interface TargetPlan {
	target: DeliveryTarget;
	copies: number;
	delayMs: number;
	/** Labels of the configured faults acting on it (`callbacks.delay:250`), recorded on each attempt. */
	faults: string[];
}

interface DeliveryRun {
	/** Settles once the first attempt of every copy has an outcome (so batches can be sent in order). */
	firstAttempts: Promise<void>;
}

function pathOf(url: string): string {
	try {
		return new URL(url).pathname;
	} catch {
		return url;
	}
}

function isSuccess(status: number | null): boolean {
	return status !== null && status >= 200 && status < 300;
}

function describeError(error: unknown): string {
	if (!(error instanceof Error)) return String(error);
	const code = (error as NodeJS.ErrnoException).code;
	return code && !error.message.includes(code) ? `${code}: ${error.message}` : error.message;
}

/** One POST of the exact bytes; a missing answer within `timeoutMs` counts as a failure. */
function post(url: string, body: Buffer, headers: Record<string, string>, timeoutMs: number, signal: AbortSignal): Promise<SendResult> {
	let target: URL;
	try {
		target = new URL(url);
	} catch {
		return Promise.resolve({ status: null, error: `invalid URL: ${url}` });
	}
	const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
	return new Promise((resolve) => {
		// A fresh connection per attempt (agent: false), closed after, so nothing lingers between tests.
		const req = send(target, {
			method: 'POST',
			headers: { ...headers, 'content-length': String(body.length) },
			agent: false,
			signal,
		});
		let settled = false;
		const timer = setTimeout(() => {
			finish({ status: null, error: `timeout: no answer within ${timeoutMs} ms` });
			req.destroy();
		}, timeoutMs);
		function finish(result: SendResult): void {
			if (settled) return;
			settled = true;
			clearTimeout(timer);
			resolve(result);
		}
		req.on('response', (res) => {
			res.resume();
			finish({ status: res.statusCode ?? 0, error: null });
		});
		req.on('error', (error) => finish({ status: null, error: describeError(error) }));
		req.end(body);
	});
}

/**
 * Sends webhook events: to every enabled endpoint subscribed to the event (signed) and to the job's
 * `callback_url` (unsigned), retrying failures with exponential backoff under the same event id and
 * the same body bytes. Every attempt is recorded in the store; delivery faults come from the config.
 */
export class WebhookDispatcher {
	private generation = new AbortController();
	private readonly running = new Set<Promise<void>>();
	private readonly waiters = new Set<Waiter>();
	private reorderBatch: Array<{ event: WebhookEvent; plans: TargetPlan[] }> = [];
	private reorderTimer: NodeJS.Timeout | undefined;
	private closed = false;

	constructor(
		private readonly store: WebhookStore,
		private readonly config: EmulatorConfig,
		private readonly faults: FaultInjector,
	) {}

	/**
	 * A job reached a final state: record its event and send it (unless a delivery fault says
	 * otherwise). The webhook delivery faults act on every target, the callback faults on its
	 * `callback_url` alone.
	 */
	publish(draft: EventDraft): WebhookEvent {
		const settings = this.config.webhooks;
		const event = this.store.recordEvent(draft, settings.eventIdInBody);
		// Fan-out is decided when the event happens: an endpoint added later does not get it.
		const targets = this.targetsOf(event);
		if (targets.length === 0 || this.closed) return event;
		event.listed = !event.callbackOnly;
		if (this.shouldDrop(settings.dropDeliveries)) {
			for (const target of targets) this.recordDropped(event, target, 'dropped by the dropDeliveries fault: never sent');
			return event;
		}
		const plans: TargetPlan[] = [];
		for (const target of targets) {
			const plan = this.planTarget(event, target, settings.duplicateDeliveries ? 2 : 1);
			if (plan) plans.push(plan);
		}
		if (plans.length === 0) return event;
		const { deliveryDelayMs, reorderDeliveries } = settings;
		const signal = this.generation.signal;
		this.track(async () => {
			if (deliveryDelayMs > 0 && !(await pause(deliveryDelayMs, signal))) return;
			if (signal.aborted) return;
			if (reorderDeliveries) this.holdForReorder(event, plans);
			else await this.deliver(event, plans, false).firstAttempts;
		});
		return event;
	}

	/** The callback faults in force now, applied to a `callback_url` target; undefined when it is lost. */
	private planTarget(event: WebhookEvent, target: DeliveryTarget, copies: number): TargetPlan | undefined {
		const faults = event.fault ? [event.fault] : [];
		if (target.kind !== 'callback_url') return { target, copies, delayMs: 0, faults };
		const callbacks = this.config.callbacks;
		if (this.shouldDrop(callbacks.lost)) {
			this.recordDropped(event, target, 'lost by the callbacks.lost fault: never sent', [...faults, 'callbacks.lost']);
			return undefined;
		}
		if (callbacks.duplicate) faults.push('callbacks.duplicate');
		if (callbacks.delayMs > 0) faults.push(`callbacks.delay:${callbacks.delayMs}`);
		return { target, copies: callbacks.duplicate ? 2 : copies, delayMs: callbacks.delayMs, faults };
	}

	/**
	 * Sends a recorded event again now (test control): to one endpoint, or to every endpoint
	 * subscribed to it now plus its `callback_url`. The configured delivery faults (drop, delay,
	 * duplicates, reordering) are skipped; retries and `server: 'webhook'` fault rules still apply.
	 */
	redeliver(eventId: string, endpointId?: string): { event: WebhookEvent; targets: DeliveryTarget[] } {
		const event = this.store.events.get(eventId);
		if (!event) throw notFound(`Webhook event '${eventId}' not found.`);
		const targets: DeliveryTarget[] = endpointId
			? [{ kind: 'endpoint', endpointId: this.store.requireEndpoint(endpointId).id }]
			: this.targetsOf(event);
		if (targets.length > 0) {
			event.listed = !event.callbackOnly;
			const plans = targets.map((target) => ({ target, copies: 1, delayMs: 0, faults: [] }));
			this.track(async () => void (await this.deliver(event, plans, true).firstAttempts));
		}
		return { event, targets };
	}

	/** Resolves with the finished attempts once at least `count` (matching `where`) have an outcome. */
	waitFor(count: number, options: WaitOptions = {}): Promise<DeliveryAttempt[]> {
		const timeoutMs = options.timeoutMs ?? 5000;
		const finished = () =>
			this.store.attempts.filter((attempt) => attempt.outcome !== 'pending' && (options.where?.(attempt) ?? true));
		return new Promise((resolve, reject) => {
			const waiter: Waiter = {
				check: () => {
					const done = finished();
					if (done.length < count) return;
					cleanup();
					resolve(done);
				},
				fail: (error) => {
					cleanup();
					reject(error);
				},
			};
			const timer = setTimeout(() => {
				const seen = finished().map((attempt) => `${attempt.event_type}→${attempt.target}:${attempt.outcome}`);
				waiter.fail(new Error(`expected ${count} finished deliveries within ${timeoutMs} ms; saw ${seen.length}: ${seen.join(', ')}`));
			}, timeoutMs);
			const cleanup = () => {
				clearTimeout(timer);
				this.waiters.delete(waiter);
			};
			this.waiters.add(waiter);
			waiter.check();
		});
	}

	/** Stops every pending delivery and retry (a reset); the store is cleared by the state. */
	reset(): void {
		this.generation.abort();
		this.generation = new AbortController();
		if (this.reorderTimer) clearTimeout(this.reorderTimer);
		this.reorderTimer = undefined;
		this.reorderBatch = [];
	}

	async close(): Promise<void> {
		this.closed = true;
		this.reset();
		for (const waiter of [...this.waiters]) waiter.fail(new Error('The emulator was closed.'));
		// Chains may start one more (cancelled) step while stopping; wait until none is left.
		while (this.running.size > 0) await Promise.allSettled([...this.running]);
	}

	private targetsOf(event: WebhookEvent): DeliveryTarget[] {
		const targets: DeliveryTarget[] = event.callbackOnly
			? []
			: this.store.subscribersOf(event).map((endpoint) => ({ kind: 'endpoint', endpointId: endpoint.id }));
		if (event.callbackUrl) targets.push({ kind: 'callback_url', url: event.callbackUrl });
		return targets;
	}

	private shouldDrop(drop: DropDeliveries): boolean {
		if (drop.count > 0) {
			drop.count--;
			return true;
		}
		return drop.rate > 0 && Math.random() < drop.rate;
	}

	/** Events arriving within the window are sent together, newest first, each after the previous one's first tries. */
	private holdForReorder(event: WebhookEvent, plans: TargetPlan[]): void {
		this.reorderBatch.push({ event, plans });
		if (this.reorderTimer) return;
		const signal = this.generation.signal;
		this.reorderTimer = setTimeout(() => {
			this.reorderTimer = undefined;
			const batch = this.reorderBatch.reverse();
			this.reorderBatch = [];
			this.track(async () => {
				for (const held of batch) {
					if (signal.aborted) return;
					await this.deliver(held.event, held.plans, false).firstAttempts;
				}
			});
		}, this.config.webhooks.reorderWindowMs);
	}

	private deliver(event: WebhookEvent, plans: TargetPlan[], manual: boolean): DeliveryRun {
		const firsts = plans.map((plan) => this.deliverCopies(event, plan, manual));
		return { firstAttempts: Promise.all(firsts).then(() => undefined) };
	}

	/** After the plan's hold, the second copy (duplicate faults) follows right after the first copy's first attempt. */
	private async deliverCopies(event: WebhookEvent, plan: TargetPlan, manual: boolean): Promise<void> {
		if (plan.delayMs > 0 && !(await pause(plan.delayMs, this.generation.signal))) return;
		for (let copy = 1; copy <= plan.copies; copy++) {
			let firstDone!: () => void;
			const firstAttempt = new Promise<void>((resolve) => (firstDone = resolve));
			this.track(() => this.deliverWithRetries(event, plan, copy, manual, firstDone));
			await firstAttempt;
		}
	}

	private async deliverWithRetries(
		event: WebhookEvent,
		plan: TargetPlan,
		copy: number,
		manual: boolean,
		firstDone: () => void,
	): Promise<void> {
		const signal = this.generation.signal;
		const { attempts, retryDelayMs } = this.config.webhooks;
		try {
			for (let attempt = 1; attempt <= attempts; attempt++) {
				if (signal.aborted) return;
				const record = await this.attempt(event, plan, { attempt, copy, manual, lastAttempt: attempt === attempts }, signal);
				if (attempt === 1) firstDone();
				if (record.outcome !== 'failed' || !record.will_retry) return;
				if (!(await pause(retryDelayMs * 2 ** (attempt - 1), signal))) return;
			}
		} finally {
			firstDone();
		}
	}

	private resolve(target: DeliveryTarget): ResolvedTarget | undefined {
		if (target.kind === 'callback_url') return { url: target.url, endpointId: null, secret: null };
		const endpoint = this.store.endpoints.get(target.endpointId);
		if (!endpoint || endpoint.status !== 'enabled') return undefined;
		return { url: endpoint.url, endpointId: endpoint.id, secret: endpoint.secret };
	}

	/** Content type and, for registered endpoints, the signature, timestamp and event id (names from the verifier). */
	private headersFor(event: WebhookEvent, resolved: ResolvedTarget, now: number): Record<string, string> {
		const headers: Record<string, string> = { 'content-type': 'application/json', 'user-agent': WEBHOOK_USER_AGENT };
		if (resolved.secret === null) return headers;
		const signature = signBody(resolved.secret, event.rawBody);
		headers[SIGNATURE_HEADER] = signature;
		headers[TIMESTAMP_HEADER] = String(Math.floor(now / 1000));
		headers[EVENT_ID_HEADER] = event.id;
		if (this.config.webhooks.legacySignatureHeader) headers[LEGACY_SIGNATURE_HEADER] = signature;
		return headers;
	}

	private async attempt(
		event: WebhookEvent,
		plan: TargetPlan,
		position: { attempt: number; copy: number; manual: boolean; lastAttempt: boolean },
		signal: AbortSignal,
	): Promise<DeliveryAttempt> {
		const { target } = plan;
		const now = Date.now();
		const resolved = this.resolve(target);
		const record = this.store.addAttempt({
			event_id: event.id,
			event_type: event.type,
			target: target.kind,
			endpoint_id: target.kind === 'endpoint' ? target.endpointId : null,
			url: resolved?.url ?? (target.kind === 'callback_url' ? target.url : ''),
			attempt: position.attempt,
			copy: position.copy,
			signed: resolved?.secret != null,
			headers: resolved ? this.headersFor(event, resolved, now) : {},
			body: event.rawBody.toString('utf8'),
			sent_at: now,
			finished_at: null,
			status: null,
			error: null,
			outcome: 'pending',
			will_retry: false,
			manual: position.manual,
			...(plan.faults.length > 0 ? { fault: plan.faults.join(',') } : {}),
		});
		if (!resolved) {
			// The endpoint was deleted (or disabled) while the event waited: nothing is left to send to.
			return this.finish(record, { status: null, error: 'endpoint no longer exists' }, 'cancelled', false);
		}
		// A `callback` rule takes callback_url deliveries only; a `webhook` rule takes every delivery.
		const server = target.kind === 'callback_url' ? 'callback' : 'webhook';
		const fault = this.faults.take({ server, method: 'POST', path: pathOf(resolved.url), endpoint: event.type });
		if (fault) record.fault = record.fault ? `${record.fault},${fault.label}` : fault.label;
		const result = await this.send(resolved.url, event, record.headers, fault?.action, signal);
		if (signal.aborted) return this.finish(record, { status: null, error: 'emulator reset or closed' }, 'cancelled', false);
		const delivered = isSuccess(result.status);
		return this.finish(record, result, delivered ? 'delivered' : 'failed', !delivered && !position.lastAttempt);
	}

	/** Sends, unless a `server: 'webhook'` fault rule answers for the receiver. */
	private async send(
		url: string,
		event: WebhookEvent,
		headers: Record<string, string>,
		action: FaultAction | undefined,
		signal: AbortSignal,
	): Promise<SendResult> {
		const timeoutMs = this.config.webhooks.timeoutMs;
		if (action?.type === 'status') return { status: action.status, error: null };
		if (action?.type === 'rate_limit') return { status: 429, error: null };
		if (action?.type === 'drop' && action.when === 'before') {
			return { status: null, error: 'connection dropped before sending (fault)' };
		}
		if (action?.type === 'delay' && !(await pause(action.ms, signal))) {
			return { status: null, error: 'emulator reset or closed' };
		}
		const result = await post(url, event.rawBody, headers, timeoutMs, signal);
		if (action?.type === 'drop') return { status: null, error: 'connection dropped before the answer (fault)' };
		return result;
	}

	private finish(
		record: DeliveryAttempt,
		result: SendResult,
		outcome: DeliveryAttempt['outcome'],
		willRetry: boolean,
	): DeliveryAttempt {
		Object.assign(record, {
			status: result.status,
			error: result.error,
			outcome,
			will_retry: willRetry,
			finished_at: Date.now(),
		});
		this.notify();
		return record;
	}

	private recordDropped(event: WebhookEvent, target: DeliveryTarget, reason: string, faults: string[] = []): void {
		const now = Date.now();
		const resolved = this.resolve(target);
		this.store.addAttempt({
			event_id: event.id,
			event_type: event.type,
			target: target.kind,
			endpoint_id: resolved?.endpointId ?? null,
			url: resolved?.url ?? '',
			attempt: 1,
			copy: 1,
			signed: resolved?.secret != null,
			headers: {},
			body: event.rawBody.toString('utf8'),
			sent_at: now,
			finished_at: now,
			status: null,
			error: reason,
			outcome: 'dropped',
			will_retry: false,
			manual: false,
			...(faults.length > 0 ? { fault: faults.join(',') } : {}),
		});
		this.notify();
	}

	private notify(): void {
		for (const waiter of [...this.waiters]) waiter.check();
	}

	private track(run: () => Promise<void>): void {
		const running: Promise<void> = run()
			.catch((error) => console.error('[heygen-emulator] webhook delivery failed:', error))
			.finally(() => this.running.delete(running));
		this.running.add(running);
	}
}
