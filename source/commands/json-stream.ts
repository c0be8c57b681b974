import {type JsonQuery} from '../core/query/json-query.js';
import {
	createStateLines,
	messageLine,
	registryLine,
} from '../core/record/json-lines.js';
import {
	createStoreRecording,
	type RecordOptions,
} from '../core/record/store-recording.js';
import {sanitizeLabel} from '../core/messages/sanitize.js';
import {openRegistry, registryCa} from '../core/registry/open-registry.js';
import {safeJsonStringify} from '../core/safe-json.js';
import {
	createMonitorStore,
	type MonitorSnapshot,
	type StoreOptions,
} from '../core/store.js';
import {eventText} from '../view/event-text.js';

export type JsonStreamOptions = Omit<StoreOptions, 'registry' | 'onRecord'> &
	RecordOptions & {
		registryPath: string;
		/** Registry entries acted on (`--max-servers`). */
		maxServers?: number;
		stdout?: NodeJS.WritableStream & {writableNeedDrain?: boolean};
		/** `--show <expr>`: each JSON message its query applies to carries the projection as `show`. */
		show?: JsonQuery;
		/** Where a recording's failure is said (process.stderr by default). */
		stderr?: NodeJS.WritableStream;
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
	const registry = openRegistry(options.registryPath, {
		maxServers: options.maxServers,
		...registryCa(options.tlsCa),
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
		write(registryLine(registry.current()));
	};

	// Listened for before the first line: a Ctrl+C as soon as the stream shows must end it cleanly
	// (the recording closed with its stop line), not kill the process mid-start.
	const interrupted = options.until ?? onceInterrupted();
	writeRegistry();
	const recording = createStoreRecording(registry, options);
	// Started before the store, so its first events are recorded; the stream goes on without a
	// recording it cannot make, and stderr says why.
	if (options.record !== undefined) {
		const started = await recording.recorder.start({
			file: options.record,
			overwrite: options.recordOverwrite,
		});
		if (!started.ok) {
			(options.stderr ?? process.stderr).write(
				`shipyard-tui: ${sanitizeLabel(started.error, 2000)}\n`,
			);
		}
	}

	const store = createMonitorStore({
		...options,
		registry,
		describeEvent: eventText,
		onRecord(record) {
			write(messageLine(record, {show: options.show}));
			recording.onRecord(record);
		},
	});
	const detachRecording = recording.attach(store);

	holdIngest = (hold) => {
		store.holdIngest(hold);
	};

	if (held) {
		store.holdIngest(true);
	}

	registry.subscribe(writeRegistry);

	const stateLines = createStateLines();
	const writeStates = (snapshot: MonitorSnapshot) => {
		for (const line of stateLines(snapshot)) {
			write(line);
		}
	};

	const unsubscribe = store.subscribe(() => {
		writeStates(store.getSnapshot());
	});
	await Promise.race([interrupted, stopped]);
	unsubscribe();
	await store.close();
	detachRecording();
	await recording.recorder.stop();
	return 0;
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
