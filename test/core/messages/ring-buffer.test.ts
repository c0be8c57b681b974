import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {RingBuffer} from '../../../source/core/messages/ring-buffer.js';
import {seededRandom} from './inert.js';

function filled(capacity: number, count: number): RingBuffer<number> {
	const buffer = new RingBuffer<number>(capacity);
	for (let item = 1; item <= count; item++) {
		buffer.push(item);
	}

	return buffer;
}

describe('RingBuffer', () => {
	it('keeps items oldest first while under capacity', () => {
		const buffer = filled(5, 3);
		expect(buffer.toArray()).toEqual([1, 2, 3]);
		expect(buffer.length).toBe(3);
		expect(buffer.total).toBe(3);
		expect(buffer.dropped).toBe(0);
	});

	it('evicts the oldest items once full and counts them as dropped', () => {
		const buffer = filled(3, 5);
		expect(buffer.toArray()).toEqual([3, 4, 5]);
		expect(buffer.length).toBe(3);
		expect(buffer.total).toBe(5);
		expect(buffer.dropped).toBe(2);
	});

	it('slices over logical indexes like Array#slice, across the wrap', () => {
		const buffer = filled(4, 6);
		expect(buffer.toArray()).toEqual([3, 4, 5, 6]);
		expect(buffer.slice(1, 3)).toEqual([4, 5]);
		expect(buffer.slice(2)).toEqual([5, 6]);
		expect(buffer.slice(-2)).toEqual([5, 6]);
		expect(buffer.slice(0, -1)).toEqual([3, 4, 5]);
		expect(buffer.slice(3, 1)).toEqual([]);
		expect(buffer.slice(-10, 10)).toEqual([3, 4, 5, 6]);
	});

	it('reads single items by logical index', () => {
		const buffer = filled(3, 4);
		expect(buffer.at(0)).toBe(2);
		expect(buffer.at(2)).toBe(4);
		expect(buffer.at(-1)).toBe(4);
		expect(buffer.at(3)).toBeUndefined();
		expect(buffer.at(-4)).toBeUndefined();
	});

	it('clears the items but keeps total and dropped', () => {
		const buffer = filled(3, 5);
		buffer.clear();
		expect(buffer.length).toBe(0);
		expect(buffer.toArray()).toEqual([]);
		expect(buffer.total).toBe(5);
		expect(buffer.dropped).toBe(2);
		for (let item = 6; item <= 10; item++) {
			buffer.push(item);
		}

		expect(buffer.toArray()).toEqual([8, 9, 10]);
		expect(buffer.total).toBe(10);
		expect(buffer.dropped).toBe(4);
	});

	it('works with a capacity of one', () => {
		const buffer = filled(1, 3);
		expect(buffer.toArray()).toEqual([3]);
		expect(buffer.dropped).toBe(2);
	});

	it('rejects capacities that are not positive integers', () => {
		for (const capacity of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
			expect(() => new RingBuffer(capacity)).toThrow(RangeError);
		}
	});

	it('keeps up with a million pushes at the default scrollback', () => {
		const buffer = filled(5000, 1_000_000);
		expect(buffer.length).toBe(5000);
		expect(buffer.dropped).toBe(995_000);
		expect(buffer.at(0)).toBe(995_001);
		expect(buffer.at(-1)).toBe(1_000_000);
	});

	it('behaves like an array that drops its head, under random operations', () => {
		const random = seededRandom(7);
		for (let run = 0; run < 50; run++) {
			const capacity = 1 + Math.floor(random() * 8);
			const buffer = new RingBuffer<number>(capacity);
			let model: number[] = [];
			let next = 0;
			for (let step = 0; step < 200; step++) {
				const pick = random();
				if (pick < 0.05) {
					buffer.clear();
					model = [];
				} else {
					buffer.push(next);
					model.push(next);
					model = model.slice(-capacity);
					next++;
				}

				const start = Math.floor(random() * 12) - 6;
				const end = Math.floor(random() * 12) - 6;
				expect(buffer.toArray()).toEqual(model);
				expect(buffer.slice(start, end)).toEqual(model.slice(start, end));
				expect(buffer.length).toBe(model.length);
			}
		}
	});

	it('with a byte bound, evicts the oldest until the kept items fit, always keeping the newest', () => {
		const buffer = new RingBuffer<number>(100, {
			maxBytes: 10,
			sizeOf: (item) => item,
		});
		for (const item of [3, 3, 3]) {
			buffer.push(item);
		}

		expect(buffer.toArray()).toEqual([3, 3, 3]);
		expect(buffer.bytes).toBe(9);
		buffer.push(4);
		expect(buffer.toArray()).toEqual([3, 3, 4]);
		expect(buffer.dropped).toBe(1);
		buffer.push(50);
		expect(buffer.toArray()).toEqual([50]);
		expect(buffer.bytes).toBe(50);
		expect(buffer.dropped).toBe(4);
		expect(buffer.total).toBe(5);
		buffer.clear();
		expect(buffer.bytes).toBe(0);
	});

	it('behaves like an array trimmed by count and by bytes, under any operations (property)', () => {
		const operation = fc.oneof(
			{arbitrary: fc.integer({min: 0, max: 40}), weight: 20},
			{arbitrary: fc.constant('clear' as const), weight: 1},
		);
		fc.assert(
			fc.property(
				fc.integer({min: 1, max: 40}),
				fc.integer({min: 1, max: 120}),
				fc.array(operation, {maxLength: 300}),
				(capacity, maxBytes, operations) => {
					const buffer = new RingBuffer<number>(capacity, {
						maxBytes,
						sizeOf: (item) => item,
					});
					let model: number[] = [];
					let dropped = 0;
					for (const step of operations) {
						if (step === 'clear') {
							buffer.clear();
							model = [];
							continue;
						}

						buffer.push(step);
						model.push(step);
						while (
							model.length > capacity ||
							(model.length > 1 && sumOf(model) > maxBytes)
						) {
							model.shift();
							dropped++;
						}

						expect(buffer.toArray()).toEqual(model);
						expect(buffer.at(-1)).toBe(step);
					}

					expect(buffer.length).toBe(model.length);
					expect(buffer.bytes).toBe(sumOf(model));
					expect(buffer.dropped).toBe(dropped);
				},
			),
			{numRuns: 300},
		);
	});
});

function sumOf(items: number[]): number {
	return items.reduce((total, item) => total + item, 0);
}
