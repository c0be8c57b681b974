/**
The last `capacity` items pushed, oldest first; older items are evicted one by one as new ones
arrive. Pushing is O(1): the storage grows to `capacity` once, then slots are overwritten in place.

Logical indexes run from 0 (the oldest item kept) to `length - 1` (the newest). The item at logical
index `i` was the `total - length + i`-th item ever pushed (counting from 0), which gives every item
a stable sequence number for scroll anchors.
*/
export class RingBuffer<T> {
	/** How many items are kept at most. */
	readonly capacity: number;
	#items: T[] = [];
	/** Storage index of the oldest item. */
	#head = 0;
	#length = 0;
	#total = 0;
	#dropped = 0;

	constructor(capacity: number) {
		if (!Number.isSafeInteger(capacity) || capacity < 1) {
			throw new RangeError(
				`Ring buffer capacity must be a positive integer, got ${capacity}`,
			);
		}

		this.capacity = capacity;
	}

	/** How many items are kept now. */
	get length(): number {
		return this.#length;
	}

	/** How many items were ever pushed; never decreases, not even on `clear()`. */
	get total(): number {
		return this.#total;
	}

	/**
	How many items were evicted to make room for newer ones. `clear()` does not count as eviction and
	does not reset it, so `total - dropped - length` is the number of items cleared.
	*/
	get dropped(): number {
		return this.#dropped;
	}

	/** Adds `item` as the newest, evicting the oldest when full. */
	push(item: T): void {
		this.#total++;
		// Until the storage is full, the oldest item is at 0 and `length` is the storage's length.
		if (this.#items.length < this.capacity) {
			this.#items.push(item);
			this.#length++;
			return;
		}

		this.#items[this.#head] = item;
		this.#head = (this.#head + 1) % this.capacity;
		this.#dropped++;
	}

	/** The item at logical `index` (negative counts back from the newest), or `undefined`. */
	at(index: number): T | undefined {
		const logical = index < 0 ? this.#length + index : index;
		if (!Number.isInteger(logical) || logical < 0 || logical >= this.#length) {
			return undefined;
		}

		return this.#items[(this.#head + logical) % this.capacity];
	}

	/** Items from logical `start` up to, not including, `end`, with `Array.prototype.slice` semantics. */
	slice(start = 0, end = this.#length): T[] {
		const from = clampIndex(start, this.#length);
		const to = clampIndex(end, this.#length);
		const result: T[] = [];
		for (let logical = from; logical < to; logical++) {
			result.push(this.#items[(this.#head + logical) % this.capacity]!);
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
	}
}

function clampIndex(index: number, length: number): number {
	const integer = Math.trunc(index) || 0;
	return integer < 0
		? Math.max(length + integer, 0)
		: Math.min(integer, length);
}
