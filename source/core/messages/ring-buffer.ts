export type RingBufferOptions<T> = {
	/**
	Also keep the items' total size under this many bytes, as `sizeOf` counts them, evicting the
	oldest first. The newest item is always kept, whatever its size. Default: no byte bound.
	*/
	maxBytes?: number;
	/** An item's size in bytes; needed with `maxBytes`. */
	sizeOf?: (item: T) => number;
};

/**
The last `capacity` items pushed (and, with `maxBytes`, only as many as fit in that many bytes),
oldest first; older items are evicted as new ones arrive. Pushing is amortised O(1): the storage
grows by doubling up to `capacity`, then slots are overwritten in place.

Logical indexes run from 0 (the oldest item kept) to `length - 1` (the newest). The item at logical
index `i` was the `total - length + i`-th item ever pushed (counting from 0), which gives every item
a stable sequence number for scroll anchors.
*/
export class RingBuffer<T> {
	/** How many items are kept at most. */
	readonly capacity: number;
	/** How many bytes the kept items may take at most (infinite: no bound). */
	readonly maxBytes: number;
	readonly #sizeOf: (item: T) => number;
	/** Circular storage; its length grows up to `capacity`. Free slots hold `undefined`. */
	#items: Array<T | undefined> = [];
	/** Storage index of the oldest item. */
	#head = 0;
	#length = 0;
	#total = 0;
	#dropped = 0;
	#bytes = 0;

	constructor(capacity: number, options: RingBufferOptions<T> = {}) {
		if (!Number.isSafeInteger(capacity) || capacity < 1) {
			throw new RangeError(
				`Ring buffer capacity must be a positive integer, got ${capacity}`,
			);
		}

		const maxBytes = options.maxBytes ?? Number.POSITIVE_INFINITY;
		if (!(maxBytes > 0)) {
			throw new RangeError(
				`Ring buffer byte bound must be positive, got ${maxBytes}`,
			);
		}

		this.capacity = capacity;
		this.maxBytes = maxBytes;
		this.#sizeOf = options.sizeOf ?? (() => 0);
	}

	/** How many items are kept now. */
	get length(): number {
		return this.#length;
	}

	/** How many bytes the kept items take, as `sizeOf` counts them. */
	get bytes(): number {
		return this.#bytes;
	}

	/** How many items were ever pushed; never decreases, not even on `clear()`. */
	get total(): number {
		return this.#total;
	}

	/**
	How many items were evicted to make room for newer ones (by count or by bytes). `clear()` does
	not count as eviction and does not reset it, so `total - dropped - length` is the number of items
	cleared.
	*/
	get dropped(): number {
		return this.#dropped;
	}

	/** Adds `item` as the newest, evicting the oldest while over the count or the byte bound. */
	push(item: T): void {
		this.#total++;
		if (this.#length === this.capacity) {
			this.#evictOldest();
		}

		if (this.#length === this.#items.length) {
			this.#grow();
		}

		this.#items[(this.#head + this.#length) % this.#items.length] = item;
		this.#length++;
		this.#bytes += this.#sizeOf(item);
		while (this.#bytes > this.maxBytes && this.#length > 1) {
			this.#evictOldest();
		}
	}

	/**
	Counts `count` items as pushed and at once evicted: items that were never handed over because
	newer ones would have evicted them (the ingest worker's skipped frames). They are older than
	every item pushed after, so the items kept stay the newest ones.
	*/
	skip(count: number): void {
		this.#total += count;
		this.#dropped += count;
	}

	/** The item at logical `index` (negative counts back from the newest), or `undefined`. */
	at(index: number): T | undefined {
		const logical = index < 0 ? this.#length + index : index;
		if (!Number.isInteger(logical) || logical < 0 || logical >= this.#length) {
			return undefined;
		}

		return this.#items[(this.#head + logical) % this.#items.length];
	}

	/** Items from logical `start` up to, not including, `end`, with `Array.prototype.slice` semantics. */
	slice(start = 0, end = this.#length): T[] {
		const from = clampIndex(start, this.#length);
		const to = clampIndex(end, this.#length);
		const result: T[] = [];
		for (let logical = from; logical < to; logical++) {
			result.push(this.#items[(this.#head + logical) % this.#items.length]!);
		}

		return result;
	}

	/** All kept items, oldest first. */
	toArray(): T[] {
		return this.slice();
	}

	/** Forgets every kept item (and lets them be garbage collected); `total` and `dropped` stay. */
	clear(): void {
		this.#items = [];
		this.#head = 0;
		this.#length = 0;
		this.#bytes = 0;
	}

	#evictOldest(): void {
		// Only called with at least one item kept, so the slot holds one.
		const oldest = this.#items[this.#head]!;
		this.#items[this.#head] = undefined;
		this.#head = (this.#head + 1) % this.#items.length;
		this.#length--;
		this.#bytes -= this.#sizeOf(oldest);
		this.#dropped++;
	}

	/** Full storage below capacity: lay the items out from 0 in a storage twice as large. */
	#grow(): void {
		const items: Array<T | undefined> = this.slice();
		const size = Math.min(this.capacity, Math.max(16, items.length * 2));
		// Filled rather than given a length, so the array stays packed (fast) rather than holey.
		while (items.length < size) {
			items.push(undefined);
		}

		this.#items = items;
		this.#head = 0;
	}
}

function clampIndex(index: number, length: number): number {
	const integer = Math.trunc(index) || 0;
	return integer < 0
		? Math.max(length + integer, 0)
		: Math.min(integer, length);
}
