import {describe, expect, test} from 'vitest';
import {createRateMeter} from '../../source/core/store/rate-meter.js';

// The meter reads counters at the times it is given: no clock of its own, so no timers to fake.

describe('the rate of a server', () => {
	test('is zero when first seen, then messages per second over the last whole window', () => {
		const meter = createRateMeter();
		expect(meter.rate('a', 500, 10_000)).toBe(0);
		expect(meter.rate('a', 700, 10_999)).toBe(0); // Less than a window: not measured yet.
		expect(meter.rate('a', 800, 11_000)).toBe(300);
		expect(meter.rate('a', 900, 11_500)).toBe(300); // Held until the next window is whole.
		expect(meter.rate('a', 1400, 13_000)).toBe(300); // 600 in 2 s: measured from the last measure.
		expect(meter.rate('a', 1400, 14_000)).toBe(0);
	});

	test('a longer window is measured by its own length', () => {
		const meter = createRateMeter(2000);
		meter.rate('a', 0, 0);
		expect(meter.rate('a', 100, 1999)).toBe(0);
		expect(meter.rate('a', 100, 2000)).toBe(50);
	});

	test('is counted per server', () => {
		const meter = createRateMeter();
		meter.rate('a', 0, 0);
		meter.rate('b', 1000, 0);
		expect(meter.rate('a', 10, 1000)).toBe(10);
		expect(meter.rate('b', 1020, 1000)).toBe(20);
	});

	test('starts afresh for a server that was forgotten', () => {
		const meter = createRateMeter();
		meter.rate('a', 0, 0);
		meter.rate('b', 0, 0);
		meter.retain(new Set(['b']));
		expect(meter.rate('a', 5000, 1000)).toBe(0);
		expect(meter.rate('b', 5000, 1000)).toBe(5000);
		expect(meter.rate('a', 5100, 2000)).toBe(100);
	});
});

describe('the next change with no new data', () => {
	test('is none while every rate is zero', () => {
		const meter = createRateMeter();
		expect(meter.nextChange(0)).toBeUndefined();
		meter.rate('a', 0, 0);
		meter.rate('a', 0, 1000);
		expect(meter.nextChange(1000)).toBeUndefined();
	});

	test('is a window later while any rate is not zero, and none once it fell to zero', () => {
		const meter = createRateMeter(800);
		meter.rate('idle', 0, 0);
		meter.rate('busy', 0, 0);
		meter.rate('idle', 0, 800);
		meter.rate('busy', 10, 800);
		expect(meter.nextChange(900)).toBe(1700);
		meter.rate('busy', 10, 1600);
		expect(meter.nextChange(1600)).toBeUndefined();
	});

	test('is none once the busy server is forgotten', () => {
		const meter = createRateMeter();
		meter.rate('busy', 0, 0);
		meter.rate('busy', 10, 1000);
		meter.retain(new Set());
		expect(meter.nextChange(1000)).toBeUndefined();
	});
});
