import {queryView} from '../core/messages/json-shapes.js';
import {recordJson} from '../core/messages/record-json.js';
import {type MessageRecord} from '../core/messages/record.js';
import {type JsonQuery} from '../core/query/json-query.js';
import {redactEntry} from '../core/redact.js';
import {watchRegistry} from '../core/registry/watch.js';
import {safeJsonStringify} from '../core/safe-json.js';
import {
	createMonitorStore,
	type MonitorSnapshot,
	type StoreOptions,
} from '../core/store.js';
import {eventText} from '../view/event-text.js';

export type JsonStreamOptions = Omit<StoreOptions, 'registry' | 'onRecord'> & {
	registryPath: string;
	/** Registry entries acted on (`--max-servers`). */
	maxServers?: number;
	stdout?: NodeJS.WritableStream & {writableNeedDrain?: boolean};
	/** `--show <expr>`: each JSON message its query applies to carries the projection as `show`. */
	show?: JsonQuery;
	/** Resolves when the stream should end (SIGINT by default). */
	until?: Promise<unknown>;
};

/**
`shipyard-tui --json` (and the monitor when stdout is not a terminal): one JSON object per line for
each registry snapshot, state change and message, until interrupted. Every line is written with
`safeJsonStringify`, so no control or bidi character from a server or the registry goes out raw,
and entries are redacted (`redactEntry`).
*/
export async function runJsonStream(
	options: JsonStreamOptions,
): Promise<number> {
	const stdout = options.stdout ?? process.stdout;
	const {promise: stopped, resolve: stopNow} = promiseWithResolvers();
	const registry = watchRegistry(options.registryPath, {
		maxServers: options.maxServers,
	});
	let waitingForDrain = false;
	let readerGone = false;
	/*
	The first registry event is written before the store exists (it must come first), and it alone
	can fill the pipe: until the store is made, a hold is only remembered, then handed to it.
	*/
	let held = false;
	let holdIngest = (hold: boolean) => {
		held = hold;
	};

	// The reader went away (`| head`): stop as a pipeline expects, without an EPIPE stack trace.
	stdout.on('error', () => {
		readerGone = true;
		stopNow();
	});
	const write = (event: Record<string, unknown>) => {
		if (readerGone) {
			return;
		}

		const ok = stdout.write(safeJsonStringify(event) + '\n');
		// A slow reader of our stdout slows our reading of the sockets, instead of filling memory.
		if (!ok && !waitingForDrain) {
			waitingForDrain = true;
			holdIngest(true);
			stdout.once('drain', () => {
				waitingForDrain = false;
				holdIngest(false);
			});
		}
	};

	const writeRegistry = () => {
		const snapshot = registry.current();
		write({
			type: 'registry',
			time: new Date().toISOString(),
			path: snapshot.path,
			file: snapshot.file,
			servers: snapshot.servers.map((entry) => redactEntry(entry)),
		});
	};

	writeRegistry();
	const store = createMonitorStore({
		...options,
		registry,
		describeEvent: eventText,
		onRecord(record) {
			write(recordEvent(record, options.show));
		},
	});
	holdIngest = (hold) => {
		store.holdIngest(hold);
	};

	if (held) {
		store.holdIngest(true);
	}

	registry.subscribe(writeRegistry);

	const lastStates = new Map<string, string>();
	const writeStates = (snapshot: MonitorSnapshot) => {
		for (const server of snapshot.servers) {
			const key = JSON.stringify([
				server.state.status,
				server.state.attempt,
				server.state.httpStatus,
				server.state.lastClose,
			]);
			if (lastStates.get(server.id) !== key) {
				lastStates.set(server.id, key);
				write({
					type: 'state',
					time: new Date().toISOString(),
					server: server.id,
					...server.state,
				});
			}
		}
	};

	const unsubscribe = store.subscribe(() => {
		writeStates(store.getSnapshot());
	});
	await Promise.race([options.until ?? onceInterrupted(), stopped]);
	unsubscribe();
	await store.close();
	return 0;
}

function recordEvent(
	record: MessageRecord,
	show: JsonQuery | undefined,
): Record<string, unknown> {
	const base = {
		time: new Date(record.time).toISOString(),
		server: record.serverId,
	};
	if (record.direction === 'system') {
		// The event's fields for scripts (`code`, `reason`, `status`, `pid`…), and its line for people.
		return {
			type: 'system',
			...base,
			...(record.systemEvent ?? {event: record.event}),
			text: record.decoded().preview,
		};
	}

	const frame = record.decoded();
	return {
		type: 'message',
		...base,
		direction: record.direction,
		kind: frame.kind,
		bytes: record.bytes,
		text: frame.preview,
		...(frame.topic === undefined ? {} : {topic: frame.topic}),
		...(frame.event === undefined ? {} : {event: frame.event}),
		...(frame.type === undefined ? {} : {messageType: frame.type}),
		...(show === undefined ? {} : shown(show, record)),
	};
}

async function onceInterrupted(): Promise<void> {
	return new Promise((resolve) => {
		const done = () => {
			process.off('SIGINT', done);
			process.off('SIGTERM', done);
			resolve();
		};

		process.once('SIGINT', done);
		process.once('SIGTERM', done);
	});
}

/** `Promise.withResolvers`, which Node 20 lacks. */
function promiseWithResolvers(): {promise: Promise<void>; resolve: () => void} {
	let resolve!: () => void;
	const promise = new Promise<void>((done) => {
		resolve = done;
	});
	return {promise, resolve};
}

/** `{show: value}` when the query applies to the message, else nothing. */
function shown(show: JsonQuery, record: MessageRecord): {show?: unknown} {
	const projected = show.apply(queryView(recordJson(record)));
	return projected === undefined ? {} : {show: projected.value};
}
