import type fs from 'node:fs/promises';
import {safeJsonStringify} from '../safe-json.js';
import {openRecordFile} from './record-file.js';
import {type JsonLine} from './json-lines.js';
import {rotateFiles} from './rotate.js';

/** Bytes of lines waiting for the disk before new ones are dropped (and counted). */
export const defaultQueueBytes = 8 * 1024 * 1024;
/** Old files kept by rotation: file.1 (newest) to file.3. */
export const defaultKeepFiles = 3;
/** One write to the disk carries at most this much, so a rotation point is never far past. */
const batchBytes = 256 * 1024;

export type RecordWriterOptions = {
	file: string;
	/** Replace an existing regular file (`--record-overwrite`, `/record!`). */
	overwrite?: boolean;
	/** Rotate when the file would grow past this many bytes (`--record-max`). Default: never. */
	maxBytes?: number;
	/** Rotated files kept. Default 3. */
	keep?: number;
	/** The queue's bound in bytes. Default 8 MiB. */
	queueBytes?: number;
};

export type RecordWriterStats = {
	file: string;
	/** Lines offered to the writer. */
	received: number;
	/** Lines on disk (over every rotated file). */
	written: number;
	/** Lines dropped because the queue was full or the disk failed: received = written + dropped + queued. */
	dropped: number;
	/** Bytes on disk, over every rotated file. */
	bytes: number;
	/** Times the file was rotated. */
	rotations: number;
	/** The disk error that stopped the writing, in words. */
	error?: string;
};

export type RecordWriter = {
	/**
	Queues a line; false when it was dropped (queue full, or writing has failed). Never blocks. Given
	a function, calls it only when the line will be kept (a frame's line costs a decode and base64).
	*/
	write(line: JsonLine | (() => JsonLine)): boolean;
	stats(): RecordWriterStats;
	/**
	Writes what is queued, then a last line `{"type":"record","event":"stop",…}` with the counts
	(never dropped), and closes the file.
	*/
	close(): Promise<RecordWriterStats>;
};

/**
Opens `file` (new, 0600, never through a link: see record-file.ts) and returns a writer that never
blocks its caller: lines wait in a queue bounded in bytes, written by one loop of async writes.
When the disk is slower than the lines come, the queue fills and new lines are dropped and
counted, so a slow disk costs counted drops, never a frozen screen or unbounded memory.
*/
export async function createRecordWriter(
	options: RecordWriterOptions,
): Promise<RecordWriter> {
	const {file} = options;
	const keep = options.keep ?? defaultKeepFiles;
	const queueLimit = options.queueBytes ?? defaultQueueBytes;
	let handle: fs.FileHandle | undefined = await openRecordFile(file, options);
	const queue: string[] = [];
	let queuedBytes = 0;
	let fileBytes = 0;
	let writing: Promise<void> | undefined;
	let closing = false;
	const stats: RecordWriterStats = {
		file,
		received: 0,
		written: 0,
		dropped: 0,
		bytes: 0,
		rotations: 0,
	};

	const enqueue = (
		make: JsonLine | (() => JsonLine),
		always: boolean,
	): boolean => {
		stats.received++;
		// A full queue drops before the line is even made into text: under a flood the cost of
		// recording stays a counter increment per message.
		if (
			stats.error !== undefined ||
			(!always && (closing || queuedBytes >= queueLimit))
		) {
			stats.dropped++;
			return false;
		}

		const line = typeof make === 'function' ? make() : make;
		const text = safeJsonStringify(line) + '\n';
		const size = Buffer.byteLength(text);
		if (
			stats.error !== undefined ||
			(!always && queuedBytes + size > queueLimit)
		) {
			stats.dropped++;
			return false;
		}

		queue.push(text);
		queuedBytes += size;
		writing ??= pump().finally(() => {
			writing = undefined;
		});
		return true;
	};

	async function pump(): Promise<void> {
		while (queue.length > 0 && handle && stats.error === undefined) {
			let batch = '';
			let lines = 0;
			let size = 0;
			while (queue.length > 0 && (lines === 0 || size < batchBytes)) {
				const next = queue[0]!;
				const nextSize = Buffer.byteLength(next);
				// A rotation falls between lines: a batch stops where the file would pass its bound.
				if (
					lines > 0 &&
					options.maxBytes !== undefined &&
					fileBytes + size + nextSize > options.maxBytes
				) {
					break;
				}

				queue.shift();
				batch += next;
				size += nextSize;
				lines++;
			}

			queuedBytes -= size;
			try {
				if (
					options.maxBytes !== undefined &&
					fileBytes > 0 &&
					fileBytes + size > options.maxBytes
				) {
					// eslint-disable-next-line no-await-in-loop
					await rotate();
				}

				// eslint-disable-next-line no-await-in-loop
				await handle.write(batch);
				fileBytes += size;
				stats.bytes += size;
				stats.written += lines;
			} catch (error) {
				// A full disk, a removed folder: stop writing; what was queued and what comes is dropped.
				stats.error = error instanceof Error ? error.message : String(error);
				stats.dropped += lines + queue.length;
				queue.length = 0;
				queuedBytes = 0;
			}
		}
	}

	async function rotate(): Promise<void> {
		await handle!.close();
		handle = undefined;
		await rotateFiles(file, keep);
		handle = await openRecordFile(file);
		fileBytes = 0;
		stats.rotations++;
	}

	return {
		write: (line) => enqueue(line, false),
		stats: () => ({...stats}),
		async close() {
			if (closing) {
				return {...stats};
			}

			closing = true;
			await writing;
			enqueue(
				{
					type: 'record',
					event: 'stop',
					time: new Date().toISOString(),
					// The lines before this one: all written or dropped by now (received = written + dropped).
					received: stats.received,
					written: stats.written,
					dropped: stats.dropped,
				},
				true,
			);
			await writing;
			await handle?.close();
			handle = undefined;
			return {...stats};
		},
	};
}
