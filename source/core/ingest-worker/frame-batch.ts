import {keptBytesPerMessage, recordOverheadBytes} from '../messages/record.js';

/** One frame as it crosses from the worker to the UI thread: where it sits among the batch's items. */
export type PackedFrames = {
	/** Per frame, 5 numbers: order, time, server index, full length, kept length (flag: binary < 0). */
	readonly meta: Float64Array<ArrayBuffer>;
	/** The kept bytes of every frame, one after another, in `meta`'s order. */
	readonly bytes: Uint8Array<ArrayBuffer>;
	/** Server ids, indexed by `meta`'s server index. */
	readonly servers: readonly string[];
};

/** Numbers per frame in `PackedFrames.meta`. */
export const metaStride = 5;

/** The arena's first size, and the least it shrinks back to after a burst of large frames. */
const initialArenaBytes = 1024 * 1024;

/**
The frames the worker read since its last post, for the UI thread: only the newest ones that would
survive in the scrollback (its count and byte bounds) are kept; older ones are only counted. Under
a flood most frames are evicted before anyone looks at them, so a frame that would be evicted in
the UI thread anyway is never handed across threads: the UI gets the newest `count` frames and the
number skipped, which keeps its scrollback exactly what reading everything would have left.

This is on the path of every message, and it makes no object per frame: fields go to parallel typed
arrays and the kept bytes are copied at once into one arena. Holding the socket's buffers instead
kept thousands of small objects alive through every young-generation collection, which then took a
third of the worker's time.
*/
export class FrameBatch {
	readonly #capacity: number;
	readonly #maxBytes: number;
	readonly #order: Float64Array;
	readonly #time: Float64Array;
	readonly #server: Int32Array;
	readonly #length: Float64Array;
	readonly #binary: Uint8Array;
	/** Where each kept frame's bytes start in the arena, and how many there are. */
	readonly #offset: Float64Array;
	readonly #kept: Int32Array;
	/** The kept bytes, oldest first: the live ones run from the oldest kept frame's offset to `#end`. */
	#arena: Buffer;
	readonly #initialArenaBytes: number;
	#end = 0;
	#head = 0;
	#size = 0;
	#bytes = 0;
	#skipped = 0;
	readonly #serverIndex = new Map<string, number>();
	#servers: string[] = [];
	#lastServer: string | undefined;
	#lastIndex = 0;

	/** `arenaBytes`: the arena's first size (tests make it tiny, to move and grow it often). */
	constructor(count: number, maxBytes: number, arenaBytes = initialArenaBytes) {
		if (!Number.isSafeInteger(count) || count < 1) {
			throw new RangeError(
				`Batch capacity must be a positive integer, got ${count}`,
			);
		}

		this.#capacity = count;
		this.#maxBytes = maxBytes;
		this.#initialArenaBytes = Math.max(1, arenaBytes);
		this.#arena = Buffer.alloc(this.#initialArenaBytes);
		this.#order = new Float64Array(count);
		this.#time = new Float64Array(count);
		this.#server = new Int32Array(count);
		this.#length = new Float64Array(count);
		this.#binary = new Uint8Array(count);
		this.#offset = new Float64Array(count);
		this.#kept = new Int32Array(count);
	}

	/** Frames kept for the next post. */
	get size(): number {
		return this.#size;
	}

	/** Frames read since the last post that will not be posted (older than the kept ones). */
	get skipped(): number {
		return this.#skipped;
	}

	/** The arena's size in bytes (it grows for large frames and shrinks back after). */
	get arenaBytes(): number {
		return this.#arena.length;
	}

	/** Adds a frame as the newest; its first `keptBytesPerMessage` bytes are copied. */
	push(
		order: number,
		time: number,
		serverId: string,
		payload: Buffer,
		isBinary: boolean,
	): void {
		if (this.#size === this.#capacity) {
			this.#evictOldest();
		}

		const kept = Math.min(payload.length, keptBytesPerMessage);
		const offset = this.#room(kept);
		// TypedArray#set is a V8 builtin; Buffer#copy goes through a JS wrapper first.
		this.#arena.set(
			kept === payload.length ? payload : payload.subarray(0, kept),
			offset,
		);
		const slot = (this.#head + this.#size) % this.#capacity;
		this.#order[slot] = order;
		this.#time[slot] = time;
		this.#server[slot] = this.#indexOf(serverId);
		this.#length[slot] = payload.length;
		this.#binary[slot] = isBinary ? 1 : 0;
		this.#offset[slot] = offset;
		this.#kept[slot] = kept;
		this.#size++;
		this.#bytes += kept + recordOverheadBytes;
		while (this.#bytes > this.#maxBytes && this.#size > 1) {
			this.#evictOldest();
		}
	}

	/** The kept frames packed for `postMessage` (their buffers transferable), and the count skipped. */
	take(): {frames: PackedFrames; skipped: number} {
		const start = this.#size === 0 ? this.#end : this.#offset[this.#head]!;
		const meta = new Float64Array(this.#size * metaStride);
		const bytes = new Uint8Array(this.#end - start);
		bytes.set(this.#arena.subarray(start, this.#end));
		for (let index = 0; index < this.#size; index++) {
			const slot = (this.#head + index) % this.#capacity;
			const kept = this.#kept[slot]!;
			const at = index * metaStride;
			meta[at] = this.#order[slot]!;
			meta[at + 1] = this.#time[slot]!;
			meta[at + 2] = this.#server[slot]!;
			meta[at + 3] = this.#length[slot]!;
			meta[at + 4] = this.#binary[slot] === 1 ? -kept - 1 : kept;
		}

		const result = {
			frames: {meta, bytes, servers: this.#servers},
			skipped: this.#skipped,
		};
		// After a burst of large frames, give the memory back a half at a time.
		if (
			this.#arena.length > this.#initialArenaBytes &&
			this.#end * 8 < this.#arena.length
		) {
			this.#arena = Buffer.alloc(this.#arena.length / 2);
		}

		this.#end = 0;
		this.#head = 0;
		this.#size = 0;
		this.#bytes = 0;
		this.#skipped = 0;
		this.#serverIndex.clear();
		this.#servers = [];
		this.#lastServer = undefined;
		return result;
	}

	/**
	Where `count` more bytes go. At the arena's end, the evicted frames' bytes before the oldest kept
	one are reclaimed by moving the kept ones to the front; the arena doubles when they fill half of
	it, so each byte is moved a bounded number of times.
	*/
	#room(count: number): number {
		if (this.#end + count > this.#arena.length) {
			const start = this.#size === 0 ? this.#end : this.#offset[this.#head]!;
			const live = this.#end - start;
			let target = this.#arena;
			if ((live + count) * 2 > this.#arena.length) {
				let size = this.#arena.length * 2;
				while (size < (live + count) * 2) {
					size *= 2;
				}

				target = Buffer.alloc(size);
			}

			this.#arena.copy(target, 0, start, this.#end);
			this.#arena = target;
			for (let index = 0; index < this.#size; index++) {
				this.#offset[(this.#head + index) % this.#capacity]! -= start;
			}

			this.#end = live;
		}

		const offset = this.#end;
		this.#end += count;
		return offset;
	}

	#indexOf(serverId: string): number {
		// Frames come a socket read at a time: mostly from the same server as the last one.
		if (serverId === this.#lastServer) {
			return this.#lastIndex;
		}

		let index = this.#serverIndex.get(serverId);
		if (index === undefined) {
			index = this.#servers.length;
			this.#servers.push(serverId);
			this.#serverIndex.set(serverId, index);
		}

		this.#lastServer = serverId;
		this.#lastIndex = index;
		return index;
	}

	#evictOldest(): void {
		const slot = this.#head;
		this.#bytes -= this.#kept[slot]! + recordOverheadBytes;
		this.#head = (this.#head + 1) % this.#capacity;
		this.#size--;
		this.#skipped++;
	}
}

/** One frame read back from `PackedFrames`, in order. */
export type UnpackedFrame = {
	order: number;
	time: number;
	serverId: string;
	/** The whole frame's size as received. */
	length: number;
	/** The kept bytes (a view into the batch's buffer). */
	payload: Buffer;
	isBinary: boolean;
};

/** Reads the frames of a batch back, oldest first. */
export function* unpackFrames(frames: PackedFrames): Generator<UnpackedFrame> {
	const {meta, bytes, servers} = frames;
	let offset = 0;
	for (let at = 0; at + metaStride <= meta.length; at += metaStride) {
		const signed = meta[at + 4]!;
		const isBinary = signed < 0;
		const kept = isBinary ? -signed - 1 : signed;
		yield {
			order: meta[at]!,
			time: meta[at + 1]!,
			serverId: servers[meta[at + 2]!] ?? '?',
			length: meta[at + 3]!,
			payload: Buffer.from(bytes.buffer, bytes.byteOffset + offset, kept),
			isBinary,
		};
		offset += kept;
	}
}
