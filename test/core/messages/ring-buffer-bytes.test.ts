import {describe, expect, it} from 'vitest';
import {RingBuffer} from '../../../source/core/messages/ring-buffer.js';

describe('RingBuffer bounds', () => {
	it('rejects a byte bound that is not positive, naming the value', () => {
		for (const maxBytes of [0, -1, -0.5, Number.NaN]) {
			expect(
				() => new RingBuffer<number>(10, {maxBytes, sizeOf: (item) => item}),
			).toThrow(
				new RangeError(
					`Ring buffer byte bound must be positive, got ${maxBytes}`,
				),
			);
		}
	});

	it('accepts any positive byte bound, even one below a single item', () => {
		const buffer = new RingBuffer<number>(10, {
			maxBytes: 0.5,
			sizeOf: (item) => item,
		});
		for (const item of [1, 2]) {
			buffer.push(item);
		}

		expect(buffer.toArray()).toEqual([2]);
		expect(buffer.maxBytes).toBe(0.5);
	});

	it('has no byte bound unless given one', () => {
		const buffer = new RingBuffer<number>(3);
		expect(buffer.maxBytes).toBe(Number.POSITIVE_INFINITY);
		for (const item of [1e300, 1e300]) {
			buffer.push(item);
		}

		expect(buffer.length).toBe(2);
		expect(buffer.bytes).toBe(0);
	});

	it('says which capacity it rejected', () => {
		expect(() => new RingBuffer(0)).toThrow(
			new RangeError('Ring buffer capacity must be a positive integer, got 0'),
		);
		expect(() => new RingBuffer(2.5)).toThrow(/got 2\.5$/u);
	});
});
