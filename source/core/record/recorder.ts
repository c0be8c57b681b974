import {keptBytesPerMessage, type MessageRecord} from '../messages/record.js';
import {type RegistrySnapshot} from '../registry/read.js';
import {type MonitorSnapshot} from '../store/types.js';
import {
	createStateLines,
	type JsonLine,
	messageLine,
	registryLine,
} from './json-lines.js';
import {describeRecordError} from './record-file.js';
import {
	createRecordWriter,
	type RecordWriter,
	type RecordWriterOptions,
	type RecordWriterStats,
} from './writer.js';

/** The recording's format: the `--json` schema, frames with `data`, and these framing lines. */
export const recordFormat = 'shipyard-record/1';

export type RecordStatus =
	| {recording: false; last?: RecordWriterStats}
	| ({recording: true} & RecordWriterStats);

export type StartResult =
	{ok: true; status: RecordStatus} | {ok: false; error: string};

/** What the recorder reads when a recording starts: the world as it is now. */
export type RecorderSources = {
	registry: () => RegistrySnapshot;
	/** Undefined before the store is made: its first snapshot then gives the states. */
	snapshot: () => MonitorSnapshot | undefined;
};

/**
Owns the recording of one monitor (or `--json` stream): at most one file at a time, started and
stopped by `--record` or `/record`. Fed by the store (`onRecord`, every message and system event
as it is made; `onSnapshot`, for state changes) and the registry (`onRegistry`); each becomes one
line of the `--json` schema (json-lines.ts) handed to a writer that never blocks (writer.ts).
*/
export type Recorder = {
	start(options: RecordWriterOptions): Promise<StartResult>;
	/** Stops the recording; its last stats (undefined when none was on). */
	stop(): Promise<RecordWriterStats | undefined>;
	status(): RecordStatus;
	/** Called when the status changes (a start, a stop, a disk error); returns the unsubscribe. */
	subscribe(listener: () => void): () => void;
	onRecord(record: MessageRecord): void;
	/** Messages received but never made into records: dropped from the recording, and counted. */
	onSkipped(count: number): void;
	onSnapshot(snapshot: MonitorSnapshot): void;
	onRegistry(snapshot: RegistrySnapshot): void;
};

/**
A frame's line, in bytes, before it is made: its kept bytes in base64, its preview (about as long
as a short frame, bounded for a long one) and the fields around them. Corrected once it is made.
*/
function lineEstimate(bytes: number): number {
	const kept = Math.min(bytes, keptBytesPerMessage);
	return Math.ceil((kept * 4) / 3) + Math.min(kept, 1024) + 256;
}

export function createRecorder(sources: RecorderSources): Recorder {
	let writer: RecordWriter | undefined;
	let stateLines = createStateLines();
	let last: RecordWriterStats | undefined;
	// Starts and stops run one after another, in the order asked: a `/record` typed twice quickly
	// never leaves two files open.
	let order: Promise<unknown> = Promise.resolve();
	const inOrder = async <T>(operation: () => Promise<T>): Promise<T> => {
		const done = order.then(operation);
		order = done.catch(() => undefined);
		return done;
	};

	const listeners = new Set<() => void>();
	const changed = () => {
		for (const listener of listeners) {
			listener();
		}
	};

	const write = (line: JsonLine | (() => JsonLine), estimate?: number) => {
		if (
			writer &&
			!writer.write(line, estimate) &&
			writer.stats().error !== undefined
		) {
			// The disk failed: the status says so once; later lines are dropped and counted quietly.
			changed();
		}
	};

	const stop = async () => {
		const closing = writer;
		if (!closing) {
			return undefined;
		}

		writer = undefined;
		last = await closing.close();
		changed();
		return last;
	};

	const start = async (options: RecordWriterOptions): Promise<StartResult> => {
		await stop();
		let opened: RecordWriter;
		try {
			opened = await createRecordWriter(options);
		} catch (error) {
			return {ok: false, error: describeRecordError(error, options.file)};
		}

		writer = opened;
		stateLines = createStateLines();
		// The context a later reader needs: what was registered and each server's state right now.
		write({
			type: 'record',
			event: 'start',
			time: new Date().toISOString(),
			format: recordFormat,
		});
		write(registryLine(sources.registry()));
		const snapshot = sources.snapshot();
		for (const line of snapshot ? stateLines(snapshot) : []) {
			write(line);
		}

		changed();
		return {ok: true, status: status()};
	};

	function status(): RecordStatus {
		return writer
			? {recording: true, ...writer.stats()}
			: {recording: false, ...(last === undefined ? {} : {last})};
	}

	return {
		start: async (options) => inOrder(async () => start(options)),
		stop: async () => inOrder(stop),
		status,
		subscribe(listener) {
			listeners.add(listener);
			return () => {
				listeners.delete(listener);
			};
		},
		onRecord(record) {
			if (writer) {
				// Made later by the writer: until then the record must own its bytes, not pin the
				// socket's whole receive chunk (settle copies them when that chunk is much larger).
				record.settle?.();
				write(
					() => messageLine(record, {data: true}),
					lineEstimate(record.bytes),
				);
			}
		},
		onSkipped(count) {
			writer?.drop(count);
		},
		onSnapshot(snapshot) {
			if (writer) {
				for (const line of stateLines(snapshot)) {
					write(line);
				}
			}
		},
		onRegistry(snapshot) {
			if (writer) {
				write(registryLine(snapshot));
			}
		},
	};
}
