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
/** Lines made between yields to the event loop. */
const buildSlice = 256;

type QueueItem =
	| {text: string; make?: undefined; size: number}
	| {text?: undefined; make: () => JsonLine; size: number};

function textItem(line: JsonLine): QueueItem {
	const text = safeJsonStringify(line) + '\n';
	return {text, size: Buffer.byteLength(text)};
}

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
	a function (and the line's likely size in bytes), calls it later, in the writing loop, and only
	when the line is kept: a frame's line costs a decode and base64, not to be paid while reading.
	*/
	write(line: JsonLine | (() => JsonLine), estimate?: number): boolean;
	/** Counts `count` lines as received and dropped: frames never handed over (the ingest worker's skipped). */
	drop(count: number): void;
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
	/*
	The queue: lines as text, or (for frames) a function that makes the line, with an estimate of its
	size; the writing loop makes them between writes, a slice at a time, so building a frame's line
	(decode, base64) happens off the path that reads the sockets. `head` moves instead of shift(),
	which would copy the whole array for every line taken.
	*/
	let items: QueueItem[] = [];
	let head = 0;
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
		line: JsonLine | (() => JsonLine),
		estimate: number | undefined,
		always: boolean,
	): boolean => {
		stats.received++;
		if (
			stats.error !== undefined ||
			(!always && (closing || queuedBytes >= queueLimit))
		) {
			stats.dropped++;
			return false;
		}

		const item: QueueItem =
			typeof line === 'function'
				? {make: line, size: estimate ?? 1024}
				: textItem(line);
		if (!always && queuedBytes + item.size > queueLimit) {
			stats.dropped++;
			return false;
		}

		items.push(item);
		queuedBytes += item.size;
		writing ??= pump().finally(() => {
			writing = undefined;
		});
		return true;
	};

	/** Makes the lines of the next batch, yielding to the event loop every `buildSlice` lines. */
	async function buildAhead(): Promise<void> {
		let ready = 0;
		let built = 0;
		for (
			let index = head;
			index < items.length && ready < batchBytes;
			index++
		) {
			const item = items[index]!;
			if (item.make) {
				const made = textItem(item.make());
				queuedBytes += made.size - item.size;
				items[index] = made;
				built++;
				if (built % buildSlice === 0) {
					// eslint-disable-next-line no-await-in-loop
					await new Promise((resolve) => {
						setImmediate(resolve);
					});
				}
			}

			ready += items[index]!.size;
		}
	}

	async function pump(): Promise<void> {
		while (head < items.length && handle && stats.error === undefined) {
			// eslint-disable-next-line no-await-in-loop
			await buildAhead();
			let batch = '';
			let lines = 0;
			let size = 0;
			while (head < items.length && (lines === 0 || size < batchBytes)) {
				const next = items[head]!;
				// A line not made yet waits for the next round; a rotation falls between lines: a batch
				// stops where the file would pass its bound.
				if (
					next.text === undefined ||
					(lines > 0 &&
						options.maxBytes !== undefined &&
						fileBytes + size + next.size > options.maxBytes)
				) {
					break;
				}

				head++;
				batch += next.text;
				size += next.size;
				lines++;
			}

			if (head > 1024 && head * 2 > items.length) {
				items = items.slice(head);
				head = 0;
			}

			queuedBytes -= size;
			if (lines === 0) {
				continue;
			}

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
				stats.dropped += lines + items.length - head;
				items = [];
				head = 0;
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
		write: (line, estimate) => enqueue(line, estimate, false),
		drop(count) {
			stats.received += count;
			stats.dropped += count;
		},
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
				undefined,
				true,
			);
			await writing;
			await handle?.close();
			handle = undefined;
			return {...stats};
		},
	};
}
