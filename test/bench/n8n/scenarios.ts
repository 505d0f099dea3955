/**
 * What `npm run bench:n8n` runs: one row per mode. A row names its workflow, the n8n topology it
 * runs in and the emulator flags it needs; the runner does the rest the same way for every row.
 */
import type { ReportedVideo } from './measure';
import { diyWorkflow, DIY_DONE, heyGenWorkflow, HEYGEN_NODE, type BuildContext, type Workflow } from './workflows';

export interface BenchSettings {
	/** Item counts of the makespan scenarios. */
	counts: number[];
	renderSeconds: number;
	/** The emulated account's concurrent renders (HeyGen pay-as-you-go: 10). */
	concurrency: number;
	/** The memory scenario: this many videos of `downloadMb` each. */
	downloadCount: number;
	downloadMb: number;
	/** Scenario names to run (all when empty). */
	only: string[];
}

/** What the installed package and harness can do; a row that needs more is reported as skipped. */
export interface Capabilities {
	/** Whether the HeyGen node offers PARK_PARAMETERS. */
	parkMode: boolean;
	/** Whether a queue-mode topology can be started (topology.ts). */
	queueMode: boolean;
}

export type Topology = 'single' | 'queue';

export interface Scenario {
	name: string;
	title: string;
	topology: Topology;
	counts(settings: BenchSettings): number[];
	/** Emulator flags beyond render time, concurrency and balance. */
	emulatorArgs?(settings: BenchSettings): string[];
	build(name: string, ctx: BuildContext): Workflow;
	/** The node whose output items (over all its runs) report the videos. */
	outputNode: string;
	reported(json: Record<string, any>): ReportedVideo;
	/** Measure download overlap (video files fetched while other renders run). */
	downloads?: boolean;
	/** The download row this row repeats with Download Video off: its RSS peak is that row's reference. */
	controlOf?: string;
	/** Why this row cannot run here, if it cannot. */
	unavailable?(capabilities: Capabilities): string | undefined;
}

/**
 * HOOK (park mode): the HeyGen node parameters that make it park the execution until HeyGen calls
 * back. The park rows run once the built node offers exactly these (checked in the node's
 * description, see capabilities.ts); adjust here if the parameter lands under another name.
 */
export const PARK_PARAMETERS: Record<string, string> = { waitMode: 'park' };

const heyGenReported = (json: Record<string, any>): ReportedVideo => ({ id: json.video_id, status: json.status });
const parkUnavailable = (capabilities: Capabilities) =>
	capabilities.parkMode ? undefined : `the HeyGen node does not offer ${JSON.stringify(PARK_PARAMETERS)} yet`;

/** A row running the HeyGen node's Create Avatar Video with `parameters`, at every N, in one n8n. */
function heyGenScenario(name: string, title: string, parameters: Record<string, unknown>, more: Partial<Scenario> = {}): Scenario {
	return {
		name,
		title,
		topology: 'single',
		counts: (settings) => settings.counts,
		build: (workflowName, ctx) => heyGenWorkflow(workflowName, ctx, parameters),
		outputNode: HEYGEN_NODE,
		reported: heyGenReported,
		...more,
	};
}

/** The memory rows: `downloadCount` videos of `downloadMb` each, downloaded as binary. */
const DOWNLOAD_PARAMETERS = { downloadVideo: true, binaryPropertyName: 'data' };
const downloadRow: Partial<Scenario> = {
	counts: (settings) => [settings.downloadCount],
	emulatorArgs: (settings) => ['--video-size', String(settings.downloadMb * 1024 * 1024)],
	downloads: true,
};

export const SCENARIOS: Scenario[] = [
	heyGenScenario('poll', 'HeyGen node, poll mode', {}),
	heyGenScenario('park', 'HeyGen node, park mode', PARK_PARAMETERS, { unavailable: parkUnavailable }),
	{
		name: 'diy',
		title: 'DIY template loop (HTTP Request, Wait 20 s, IF)',
		topology: 'single',
		counts: (settings) => settings.counts,
		build: (name, ctx) => diyWorkflow(name, ctx),
		outputNode: DIY_DONE,
		reported: (json) => ({ id: json.data?.id ?? json.data?.video_id, status: json.data?.status }),
	},
	// HOOK (queue mode): park mode at the largest N in n8n's queue mode with two workers.
	heyGenScenario('park-queue', 'HeyGen node, park mode, queue mode (2 workers)', PARK_PARAMETERS, {
		topology: 'queue',
		counts: (settings) => [Math.max(...settings.counts)],
		unavailable: (capabilities) =>
			parkUnavailable(capabilities) ?? (capabilities.queueMode ? undefined : 'no queue-mode topology in this checkout yet (topology.ts)'),
	}),
	heyGenScenario('download', 'HeyGen node, poll mode, Download Video on', DOWNLOAD_PARAMETERS, downloadRow),
	// The same run without downloads: n8n's heap grows with any run, so the downloads' share is the difference of the peaks.
	heyGenScenario('download-off', 'HeyGen node, poll mode, Download Video off (reference)', {}, {
		...downloadRow,
		downloads: false,
		controlOf: 'download',
	}),
	// HOOK (park mode): the same download row in park mode.
	heyGenScenario('park-download', 'HeyGen node, park mode, Download Video on', { ...PARK_PARAMETERS, ...DOWNLOAD_PARAMETERS }, {
		...downloadRow,
		unavailable: parkUnavailable,
	}),
];
