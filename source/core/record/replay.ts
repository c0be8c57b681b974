import fs from 'node:fs/promises';
import {setTimeout as delay} from 'node:timers/promises';
import {readRegistry} from '../registry/read.js';
import {registerServer, type Registration} from '../registry/register.js';
import {maxLineLength, parseRecordLine, type ReplayLine} from './parse-line.js';
import {readLines} from './read-lines.js';
import {type ReplayServer, startReplayServer} from './replay-server.js';

export type ReplayOptions = {
	file: string;
	registryPath: string;
	/** Time is divided by this: 2 plays twice as fast. Default 1. */
	speed?: number;
	/** Start again at the end, until stopped. */
	loop?: boolean;
	/** Stops the replay (Ctrl+C, SIGTERM); servers are closed and entries removed. */
	signal?: AbortSignal;
	/** How progress, problems and waits are told (the command prints them to stderr). */
	report?: (event: ReplayEvent) => void;
	/** Progress is reported this often, in ms. Default 1000. */
	progressMs?: number;
};

export type ReplayEvent =
	/** A line that is not what a recording holds: skipped, with its number and why. */
	| {type: 'problem'; line: number; error: string}
	| {type: 'serving'; servers: Array<{id: string; port: number}>}
	/** The registry already held this id (a live server, say): the replay took another. */
	| {type: 'renamed'; from: string; to: string}
	/**
	The clock waits until each server has a client, so no frame goes to nobody: said at the start, and
	again with the ones left each time one gets its first client.
	*/
	| {type: 'waiting'; servers: string[]}
	/** Every server has a client: the clock starts (each pass). */
	| {type: 'started'; pass: number}
	| {
			type: 'progress';
			pass: number;
			sent: number;
			total: number;
			elapsedMs: number;
			durationMs: number;
	  }
	| {type: 'done'; passes: number; sent: number; unheard: number};

export type ReplaySummary = {
	passes: number;
	/** Frames sent (to at least one client). */
	sent: number;
	/** Frames whose server had no client at their time. */
	unheard: number;
	problems: number;
};

/** What the first pass finds: the servers, how many inbound frames, and the recording's span. */
type Plan = {
	servers: Map<string, {name?: string; path?: string}>;
	frames: number;
	start: number;
	end: number;
	problems: number;
};

/**
`shipyard-tui replay`: one local server per recorded server id, registered with the registry
library so a monitor sees them appear, each sending its recorded inbound frames (text and binary,
byte for byte from `data`) at their recorded offsets divided by `speed`.

When the clock starts: once every replayed server has a client. A recording begins with the
monitor connecting, so its first frames came right after a connection; played to no one, they
would be lost. The wait is reported (`waiting`), and a frame whose server has no client at its
time is counted as unheard. Outbound frames, system events and states are the user's side of the
session and are not sent; they are in the file for people to read.
*/
export async function replaySession(
	options: ReplayOptions,
): Promise<ReplaySummary> {
	const report = options.report ?? (() => undefined);
	const speed = options.speed ?? 1;
	const {signal} = options;
	const stat = await fs.stat(options.file);
	if (!stat.isFile()) {
		throw new Error(`${options.file} is not a regular file`);
	}

	const plan = await scan(options.file, report);
	if (plan.servers.size === 0) {
		throw new Error(`${options.file} holds no recorded server`);
	}

	const servers = new Map<string, ReplayServer>();
	const registrations: Registration[] = [];
	const summary: ReplaySummary = {
		passes: 0,
		sent: 0,
		unheard: 0,
		problems: plan.problems,
	};
	const names = new Map<string, string>();
	const taken = new Set(
		readRegistry(options.registryPath).servers.map((entry) => entry.id),
	);
	try {
		for (const [id, entry] of plan.servers) {
			// eslint-disable-next-line no-await-in-loop
			const server = await startReplayServer();
			servers.set(id, server);
			const free = freeId(id, taken);
			taken.add(free);
			names.set(id, free);
			if (free !== id) {
				report({type: 'renamed', from: id, to: free});
			}

			registrations.push(
				registerServer(
					{...entry, id: free, port: server.port, host: '127.0.0.1'},
					{registryPath: options.registryPath, unregisterOnExit: false},
				),
			);
		}

		report({
			type: 'serving',
			servers: registrations.map((registration) => ({
				id: registration.entry.id,
				port: registration.entry.port,
			})),
		});
		const lonely = () =>
			[...servers]
				.filter(([, server]) => server.clientCount() === 0)
				.map(([id]) => names.get(id) ?? id);
		if (lonely().length > 0) {
			report({type: 'waiting', servers: lonely()});
		}

		await untilAborted(
			Promise.all(
				[...servers.values()].map(async (server) => {
					const hadOne = server.clientCount() > 0;
					await server.firstClient();
					const left = lonely();
					if (!hadOne && left.length > 0) {
						report({type: 'waiting', servers: left});
					}
				}),
			),
			signal,
		);
		do {
			summary.passes++;
			report({type: 'started', pass: summary.passes});
			// eslint-disable-next-line no-await-in-loop
			await play(options, plan, servers, summary, report, speed);
		} while (options.loop && !signal?.aborted);
	} catch (error) {
		if (!signal?.aborted) {
			throw error;
		}
	} finally {
		// Entries first: a monitor drops the servers (and closes its sockets) on the registry change,
		// rather than seeing them close and retrying. It is given a moment to, then they close anyway.
		for (const registration of registrations) {
			registration.unregister();
		}

		await clientsGone([...servers.values()], 1000);

		await Promise.allSettled(
			[...servers.values()].map(async (server) => server.close()),
		);
	}

	report({
		type: 'done',
		passes: summary.passes,
		sent: summary.sent,
		unheard: summary.unheard,
	});
	return summary;
}

async function scan(
	file: string,
	report: (event: ReplayEvent) => void,
): Promise<Plan> {
	const plan: Plan = {
		servers: new Map(),
		frames: 0,
		start: Number.NaN,
		end: Number.NaN,
		problems: 0,
	};
	for await (const line of parsedLines(file)) {
		if (!line.ok) {
			plan.problems++;
			report({type: 'problem', line: line.number, error: line.error});
			continue;
		}

		const {line: item} = line;
		if (Number.isNaN(plan.start)) {
			plan.start = item.time;
		}

		plan.start = Math.min(plan.start, item.time);
		plan.end = Number.isNaN(plan.end)
			? item.time
			: Math.max(plan.end, item.time);
		if (item.kind === 'registry') {
			for (const entry of item.servers) {
				// A recorded registry also lists servers that never spoke: they are served too, so the
				// monitor shows the same table.
				if (!plan.servers.has(entry.id)) {
					plan.servers.set(entry.id, {
						...(entry.name === undefined ? {} : {name: entry.name}),
						...(entry.path === undefined ? {} : {path: entry.path}),
					});
				}
			}
		} else if (item.kind === 'frame') {
			if (!plan.servers.has(item.server)) {
				plan.servers.set(item.server, {});
			}

			if (item.direction === 'in') {
				plan.frames++;
			}
		}
	}

	return plan;
}

async function play(
	options: ReplayOptions,
	plan: Plan,
	servers: Map<string, ReplayServer>,
	summary: ReplaySummary,
	report: (event: ReplayEvent) => void,
	speed: number,
): Promise<void> {
	const startedAt = Date.now();
	const durationMs = (plan.end - plan.start) / speed;
	let sent = 0;
	const progress = () => {
		report({
			type: 'progress',
			pass: summary.passes,
			sent,
			total: plan.frames,
			elapsedMs: Date.now() - startedAt,
			durationMs,
		});
	};

	const timer = setInterval(progress, options.progressMs ?? 1000);
	try {
		for await (const line of parsedLines(options.file)) {
			if (
				!line.ok ||
				line.line.kind !== 'frame' ||
				line.line.direction !== 'in'
			) {
				continue;
			}

			const frame = line.line;
			const server = servers.get(frame.server);
			if (!server) {
				continue;
			}

			const wait = startedAt + (frame.time - plan.start) / speed - Date.now();
			if (wait > 0) {
				await delay(wait, undefined, {signal: options.signal});
			}

			if (options.signal?.aborted) {
				return;
			}

			sent++;
			if (server.send(frame.data, frame.binary) > 0) {
				summary.sent++;
			} else {
				summary.unheard++;
			}
		}
	} finally {
		clearInterval(timer);
	}

	progress();
}

type NumberedLine =
	| {ok: true; number: number; line: ReplayLine}
	| {ok: false; number: number; error: string};

async function* parsedLines(file: string): AsyncGenerator<NumberedLine> {
	for await (const line of readLines(file, maxLineLength)) {
		if ('tooLong' in line) {
			yield {
				ok: false,
				number: line.number,
				error: `the line is longer than ${maxLineLength} characters`,
			};
			continue;
		}

		const parsed = parseRecordLine(line.text);
		yield parsed.ok
			? {ok: true, number: line.number, line: parsed.line}
			: {ok: false, number: line.number, error: parsed.error};
	}
}

/**
`id`, or when the registry holds it already, `id@replay` (then `id@replay-2`…): a replay never
replaces the entry of a server that is running.
*/
function freeId(id: string, taken: ReadonlySet<string>): string {
	for (let attempt = 1; attempt <= 1000; attempt++) {
		const candidate =
			attempt === 1
				? id
				: `${id.slice(0, 180)}@replay${attempt === 2 ? '' : `-${attempt - 1}`}`;
		if (!taken.has(candidate)) {
			return candidate;
		}
	}

	throw new Error(`no free id for ${id} in the registry`);
}

/** Resolves when no server has a client left, or after `timeoutMs`. */
async function clientsGone(
	servers: ReplayServer[],
	timeoutMs: number,
): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (
		Date.now() < deadline &&
		servers.some((server) => server.clientCount() > 0)
	) {
		// eslint-disable-next-line no-await-in-loop
		await delay(20);
	}
}

async function untilAborted<T>(
	promise: Promise<T>,
	signal: AbortSignal | undefined,
): Promise<T> {
	if (!signal) {
		return promise;
	}

	signal.throwIfAborted();
	const aborted = new Promise<never>((_resolve, reject) => {
		signal.addEventListener(
			'abort',
			() => {
				reject(new Error('stopped'));
			},
			{once: true},
		);
	});
	return Promise.race([promise, aborted]);
}
