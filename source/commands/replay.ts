import fs from 'node:fs/promises';
import {sanitizeLabel} from '../core/messages/sanitize.js';
import {errorCode} from '../core/record/record-file.js';
import {
	type ReplayEvent,
	replaySession,
	type ReplaySummary,
} from '../core/record/replay.js';
import {withTemporaryRegistry} from './temporary-registry.js';
import {type MonitorOptions} from './monitor.js';

export type ReplayCommandOptions = {
	file: string;
	/** `--registry`: serve into this registry and print progress; without it, the monitor too. */
	registryPath?: string;
	speed?: number;
	loop?: boolean;
	/** The monitor's options, when it is started over a temporary registry. */
	monitor?: Omit<MonitorOptions, 'registryPath'>;
	stderr?: NodeJS.WritableStream;
};

/**
`shipyard-tui replay <file>`. With `--registry`: serves the recording into that registry, one
progress line a second on stderr, until the end (or Ctrl+C, SIGTERM). Without: a temporary registry
and the monitor over it, like `demo`; what the replay has to say is printed when the monitor exits.
*/
export async function runReplay(
	options: ReplayCommandOptions,
): Promise<number> {
	const stderr = options.stderr ?? process.stderr;
	const say = (text: string) => {
		stderr.write(`shipyard-tui replay: ${text}\n`);
	};

	const problem = await unreadable(options.file);
	if (problem) {
		say(problem);
		return 1;
	}

	if (options.registryPath !== undefined) {
		return serve(options, options.registryPath, say);
	}

	const {runMonitor} = await import('./monitor.js');
	return withTemporaryRegistry('shipyard-replay-', async (registryPath) => {
		const controller = new AbortController();
		const told: string[] = [];
		const replay = replaySession({
			file: options.file,
			registryPath,
			speed: options.speed,
			loop: options.loop,
			signal: controller.signal,
			report(event) {
				// Ink owns the screen: only what matters after is kept, and printed then.
				if (event.type === 'problem' && told.length < 20) {
					told.push(describeEvent(event));
				}
			},
		}).then(
			(summary) => summary,
			(error: unknown) => error,
		);
		const code = await runMonitor({...options.monitor, registryPath});
		controller.abort();
		const result = await replay;
		for (const line of told) {
			say(line);
		}

		if (result instanceof Error || !isSummary(result)) {
			say(
				sanitizeLabel(
					String(result instanceof Error ? result.message : result),
					2000,
				),
			);
			return 1;
		}

		say(describeSummary(result));
		return code;
	});
}

async function serve(
	options: ReplayCommandOptions,
	registryPath: string,
	say: (text: string) => void,
): Promise<number> {
	const controller = new AbortController();
	const stop = () => {
		controller.abort();
	};

	process.once('SIGINT', stop);
	process.once('SIGTERM', stop);
	try {
		const summary = await replaySession({
			file: options.file,
			registryPath,
			speed: options.speed,
			loop: options.loop,
			signal: controller.signal,
			report(event) {
				say(describeEvent(event));
			},
		});
		say(describeSummary(summary));
		return 0;
	} catch (error) {
		say(
			sanitizeLabel(
				error instanceof Error ? error.message : String(error),
				2000,
			),
		);
		return 1;
	} finally {
		process.off('SIGINT', stop);
		process.off('SIGTERM', stop);
	}
}

/** Why the file cannot be replayed, before any server starts; undefined when it can. */
async function unreadable(file: string): Promise<string | undefined> {
	try {
		const stat = await fs.stat(file);
		if (!stat.isFile()) {
			return `${sanitizeLabel(file, 1000)} is not a regular file`;
		}

		await fs.access(file, fs.constants.R_OK);
		return undefined;
	} catch (error) {
		const code = errorCode(error) ?? 'failed';
		return `cannot read ${sanitizeLabel(file, 1000)} (${code})`;
	}
}

/** One line for stderr; every string from the file is made inert. */
export function describeEvent(event: ReplayEvent): string {
	switch (event.type) {
		case 'problem': {
			return `line ${event.line}: ${sanitizeLabel(event.error, 500)} (skipped)`;
		}

		case 'serving': {
			return `serving ${event.servers.map((server) => `${sanitizeLabel(server.id, 200)} on 127.0.0.1:${server.port}`).join(', ')}`;
		}

		case 'renamed': {
			return `${sanitizeLabel(event.from, 200)} is registered already: replayed as ${sanitizeLabel(event.to, 200)}`;
		}

		case 'waiting': {
			return `waiting for a client on ${event.servers.map((id) => sanitizeLabel(id, 200)).join(', ')} (the clock starts when every server has one)`;
		}

		case 'started': {
			return event.pass === 1
				? 'every server has a client: playing'
				: `pass ${event.pass}: playing again`;
		}

		case 'progress': {
			return `pass ${event.pass} · ${event.sent}/${event.total} frames · ${seconds(event.elapsedMs)} of ${seconds(event.durationMs)}`;
		}

		case 'done': {
			return `done: ${event.passes} ${event.passes === 1 ? 'pass' : 'passes'}, ${event.sent} frames sent, ${event.unheard} with no client`;
		}
	}
}

function describeSummary(summary: ReplaySummary): string {
	return `ended cleanly: servers closed, entries removed${summary.problems > 0 ? ` (${summary.problems} bad lines skipped)` : ''}`;
}

function seconds(ms: number): string {
	return `${(Math.max(0, ms) / 1000).toFixed(1)} s`;
}

function isSummary(value: unknown): value is ReplaySummary {
	return typeof value === 'object' && value !== null && 'passes' in value;
}
