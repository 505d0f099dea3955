/**
 * The benchmark's results as markdown tables and as an SVG plot (written by hand: no dependencies).
 * The plot has two panels against N on a log scale: makespan / ideal, and status requests per video.
 */
import type { BenchResults, RunResult } from './results';

const ORDER = ['park', 'park-queue', 'poll', 'diy', 'download', 'download-off', 'park-download'];
const COLOURS: Record<string, string> = {
	park: '#2a9d4b',
	'park-queue': '#7b4fb3',
	poll: '#1f6fb2',
	diy: '#d0453a',
};
const FALLBACK_COLOURS = ['#c98a14', '#3a9aa8', '#8a6d3b'];
const LEGEND: Record<string, string> = {
	park: 'HeyGen node, park mode',
	'park-queue': 'park mode, queue mode',
	poll: 'HeyGen node, poll mode',
	diy: 'DIY loop (HTTP Request, Wait 20 s)',
};

const rank = (scenario: string) => (ORDER.includes(scenario) ? ORDER.indexOf(scenario) : ORDER.length);
const byRow = (a: RunResult, b: RunResult) => rank(a.scenario) - rank(b.scenario) || a.scenario.localeCompare(b.scenario) || a.n - b.n;

/** The newest run of each scenario and N. */
export function latestRuns(results: BenchResults): RunResult[] {
	const latest = new Map<string, RunResult>();
	for (const run of results.runs) {
		const key = `${run.scenario}/${run.n}`;
		const seen = latest.get(key);
		if (!seen || seen.at <= run.at) latest.set(key, run);
	}
	return [...latest.values()].sort(byRow);
}

/** The download rows and their Download Video off references: reported apart from the makespan rows. */
const isMemoryRow = (run: RunResult) => run.downloads !== undefined || run.controlOf !== undefined;

const fixed = (value: number, digits: number) => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');

/** Whether every input came out as a completed video. */
export function succeeded(run: RunResult): boolean {
	return run.status === 'success' && run.items.failed === 0 && run.items.lost === 0;
}

function outcome(run: RunResult): string {
	if (succeeded(run)) return 'ok';
	const reason = run.error ? `: ${run.error.replace(/\s+/g, ' ').replace(/\|/g, '/').slice(0, 90)}` : '';
	return `${run.status}${reason}`;
}

export function markdownTables(results: BenchResults): string {
	const runs = latestRuns(results);
	const makespan = runs.filter((run) => !isMemoryRow(run));
	const downloads = runs.filter(isMemoryRow);
	const { machine } = results;
	const sections: string[][] = [[`n8n ${machine.n8n} on Node.js ${machine.node}, ${machine.cpus} CPUs, ${machine.memoryGb} GB.`]];
	if (makespan.length > 0) {
		sections.push([
			'| Mode | N | T (s) | Makespan (s) | Ideal (s) | Makespan / ideal | Status requests / video | Creates (429) | Failed | Lost | n8n RSS base → peak (MB) | Executions running / waiting | Outcome |',
			'|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|',
			...makespan.map(
				(run) =>
					`| ${run.scenario} | ${run.n} | ${run.renderSeconds} | ${fixed(run.makespanSeconds, 1)} | ${run.idealSeconds} | ${fixed(run.ratio, 3)} | ${fixed(run.statusRequestsPerVideo, 2)} | ${run.creates.sent} (${run.creates.rateLimited}) | ${run.items.failed} | ${run.items.lost} | ${fixed(run.rss.baselineMb, 0)} → ${fixed(run.rss.peakMb, 0)} | ${run.executions.peakRunning} / ${run.executions.peakWaiting} | ${outcome(run)} |`,
			),
		]);
	}
	if (downloads.length > 0) {
		sections.push([
			'| Mode | Videos × size | T (s) | Downloaded (MB) | n8n RSS base → peak (MB) | Growth (MB) | Peak over the same run without downloads (MB) | Downloads while others render | Most renders running at a download | First download after last render (s) | Makespan (s) | Failed | Lost | Outcome |',
			'|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|',
			...downloads.map((run) => {
				const d = run.downloads;
				const size = d && d.downloads > 0 ? `${fixed(d.totalMb / d.downloads, 0)} MB` : 'n/a';
				const gap = d?.firstDownloadAfterLastRenderSeconds == null ? 'n/a' : fixed(d.firstDownloadAfterLastRenderSeconds, 1);
				const reference = runs.find((other) => other.controlOf === run.scenario && other.n === run.n);
				const overReference = d && reference ? fixed(run.rss.peakMb - reference.rss.peakMb, 1) : 'n/a';
				const overlap = d ? `${d.duringRenders} of ${d.downloads} | ${d.mostRendersRunning}` : 'n/a | n/a';
				return `| ${run.scenario} | ${run.n} × ${size} | ${run.renderSeconds} | ${d ? fixed(d.totalMb, 0) : 'off'} | ${fixed(run.rss.baselineMb, 0)} → ${fixed(run.rss.peakMb, 0)} | ${fixed(run.rss.growthMb, 1)} | ${overReference} | ${overlap} | ${gap} | ${fixed(run.makespanSeconds, 1)} | ${run.items.failed} | ${run.items.lost} | ${outcome(run)} |`;
			}),
		]);
	}
	if (results.skipped.length > 0) {
		sections.push(results.skipped.map((skip) => `- ${skip.scenario} (N = ${skip.n}): not run, ${skip.skipped}`));
	}
	return sections.map((section) => section.join('\n')).join('\n\n');
}

// ---- SVG ----

const escapeXml = (text: string) =>
	text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A round upper bound and step for an axis from 0 to at least `max`. */
export function niceAxis(max: number): { top: number; step: number } {
	const target = max > 0 ? max : 1;
	const raw = target / 5;
	const magnitude = 10 ** Math.floor(Math.log10(raw));
	const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((candidate) => candidate >= raw) as number;
	return { top: Math.ceil(target / step) * step, step };
}

const trim = (value: number) => String(Number(value.toPrecision(6)));

interface Panel {
	title: string;
	value(run: RunResult): number;
	/** A horizontal reference line and its label. */
	reference?: { at: number; label: string };
}

function colourOf(scenario: string, index: number): string {
	return COLOURS[scenario] ?? FALLBACK_COLOURS[index % FALLBACK_COLOURS.length];
}

export function svgPlot(results: BenchResults): string {
	const runs = latestRuns(results).filter((run) => !isMemoryRow(run));
	const scenarios = [...new Set(runs.map((run) => run.scenario))];
	const counts = [...new Set(runs.map((run) => run.n))].sort((a, b) => a - b);
	const renderTimes = [...new Set(runs.map((run) => run.renderSeconds))];
	const width = 900;
	const panelWidth = 340;
	const panelHeight = 230;
	const top = 70;
	const failures = runs.filter((run) => !succeeded(run));
	const height = top + panelHeight + 100 + 15 * failures.length;
	const lefts = [80, 530];
	const logMin = Math.log10((counts[0] ?? 10) / 1.6);
	const logMax = Math.log10((counts[counts.length - 1] ?? 500) * 1.6);
	const xOf = (left: number, n: number) => left + ((Math.log10(n) - logMin) / (logMax - logMin || 1)) * panelWidth;

	const panels: Panel[] = [
		{ title: 'Makespan / (ceil(N/10) × T)', value: (run) => run.ratio, reference: { at: 1, label: 'ideal' } },
		{ title: 'Status requests per video', value: (run) => run.statusRequestsPerVideo },
	];
	const out: string[] = [
		`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Helvetica, Arial, sans-serif" font-size="12">`,
		`<rect width="${width}" height="${height}" fill="#ffffff"/>`,
		`<text x="${width / 2}" y="24" text-anchor="middle" font-size="16" font-weight="bold">HeyGen renders in a real n8n: account limit 10 concurrent, render time ${escapeXml(renderTimes.map((t) => `${t} s`).join(' / ') || 'n/a')}</text>`,
	];
	panels.forEach((panel, p) => {
		const left = lefts[p];
		const good = runs.filter(succeeded).map(panel.value);
		const { top: yTop, step } = niceAxis(Math.max(panel.reference?.at ?? 0, ...good) * 1.1);
		const yOf = (value: number) => top + panelHeight - (value / yTop) * panelHeight;
		out.push(`<text x="${left + panelWidth / 2}" y="${top - 18}" text-anchor="middle" font-size="13" font-weight="bold">${escapeXml(panel.title)}</text>`);
		for (let value = 0; value <= yTop + step / 1000; value += step) {
			const y = yOf(value).toFixed(1);
			out.push(`<line x1="${left}" y1="${y}" x2="${left + panelWidth}" y2="${y}" stroke="#e4e4e4"/>`);
			out.push(`<text x="${left - 6}" y="${y}" text-anchor="end" dominant-baseline="middle" fill="#555">${trim(value)}</text>`);
		}
		for (const n of counts) {
			const x = xOf(left, n).toFixed(1);
			out.push(`<line x1="${x}" y1="${top + panelHeight}" x2="${x}" y2="${top + panelHeight + 5}" stroke="#333"/>`);
			out.push(`<text x="${x}" y="${top + panelHeight + 18}" text-anchor="middle" fill="#555">${n}</text>`);
		}
		out.push(`<text x="${left + panelWidth / 2}" y="${top + panelHeight + 36}" text-anchor="middle">N videos (log scale)</text>`);
		out.push(`<rect x="${left}" y="${top}" width="${panelWidth}" height="${panelHeight}" fill="none" stroke="#333"/>`);
		if (panel.reference) {
			const y = yOf(panel.reference.at).toFixed(1);
			out.push(`<line x1="${left}" y1="${y}" x2="${left + panelWidth}" y2="${y}" stroke="#888" stroke-dasharray="5 4"/>`);
			out.push(`<text x="${left + 4}" y="${Number(y) + 13}" fill="#888">${escapeXml(panel.reference.label)}</text>`);
		}
		scenarios.forEach((scenario, s) => {
			const colour = colourOf(scenario, s);
			const own = runs.filter((run) => run.scenario === scenario);
			const points = own.filter(succeeded).map((run) => ({ run, x: xOf(left, run.n), y: yOf(panel.value(run)) }));
			if (points.length > 1) {
				const path = points.map((point) => `${point.x.toFixed(1)},${point.y.toFixed(1)}`).join(' ');
				out.push(`<polyline points="${path}" fill="none" stroke="${colour}" stroke-width="2"/>`);
			}
			for (const point of points) {
				out.push(`<circle cx="${point.x.toFixed(1)}" cy="${point.y.toFixed(1)}" r="4" fill="${colour}"><title>${escapeXml(`${scenario}, N = ${point.run.n}: ${fixed(panel.value(point.run), 3)}`)}</title></circle>`);
			}
			// A run that lost or failed items has no makespan worth plotting: a cross on the top edge says so.
			for (const run of own.filter((r) => !succeeded(r))) {
				const x = xOf(left, run.n);
				const y = top + 10 + s * 12;
				out.push(`<path d="M${(x - 4).toFixed(1)},${y - 4} l8,8 m0,-8 l-8,8" stroke="${colour}" stroke-width="2"/>`);
			}
		});
	});
	const legendY = top + panelHeight + 62;
	let legendX = 80;
	scenarios.forEach((scenario, s) => {
		const label = LEGEND[scenario] ?? scenario;
		out.push(`<rect x="${legendX}" y="${legendY - 2}" width="16" height="4" fill="${colourOf(scenario, s)}"/>`);
		out.push(`<text x="${legendX + 22}" y="${legendY}" dominant-baseline="middle">${escapeXml(label)}</text>`);
		legendX += 50 + label.length * 6.5;
	});
	if (failures.length > 0) {
		out.push(`<text x="80" y="${legendY + 22}" fill="#555" font-size="11">Crosses on the top edge: runs that failed or lost items (no makespan to plot).</text>`);
	}
	failures.forEach((run, i) => {
		const text = `${LEGEND[run.scenario] ?? run.scenario}, N = ${run.n}: ${run.items.failed} of ${run.n} failed, ${run.items.lost} rendered and lost (${run.status})`;
		out.push(`<text x="80" y="${legendY + 38 + i * 15}" fill="${colourOf(run.scenario, scenarios.indexOf(run.scenario))}" font-size="11">${escapeXml(text)}</text>`);
	});
	out.push('</svg>');
	return `${out.join('\n')}\n`;
}
