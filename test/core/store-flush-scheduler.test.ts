import {afterEach, beforeEach, describe, expect, test, vi} from 'vitest';
import {
	createFlushScheduler,
	type FlushScheduler,
} from '../../source/core/store/flush-scheduler.js';

// When the store publishes is a matter of time alone: fake timers, and a publish that counts.

const start = 1_000_000;
let publishes: number[];
let scheduler: FlushScheduler;
/** Runs inside each publish (the store asks for its next tick there). */
let onPublish: () => void;

function make(): FlushScheduler {
	scheduler = createFlushScheduler({
		intervalMs: 50,
		lazyMs: 1000,
		now: Date.now,
		publish() {
			publishes.push(Date.now() - start);
			onPublish();
		},
	});
	return scheduler;
}

beforeEach(() => {
	vi.useFakeTimers({now: start});
	publishes = [];
	onPublish = () => undefined;
	make();
});
afterEach(() => {
	scheduler.close();
	vi.restoreAllMocks();
	vi.useRealTimers();
});

describe('a change', () => {
	test('is published once the interval has passed, once for many changes', () => {
		scheduler.markDirty();
		vi.advanceTimersByTime(20);
		scheduler.markDirty();
		scheduler.markDirty();
		vi.advanceTimersByTime(29);
		expect(publishes).toEqual([]);
		vi.advanceTimersByTime(1);
		expect(publishes).toEqual([50]);
		vi.advanceTimersByTime(10_000);
		expect(publishes).toEqual([50]);
	});

	test('after a publish, the next change waits a whole interval again', () => {
		scheduler.markDirty();
		vi.advanceTimersByTime(50);
		scheduler.markDirty();
		vi.advanceTimersByTime(49);
		expect(publishes).toEqual([50]);
		vi.advanceTimersByTime(1);
		expect(publishes).toEqual([50, 100]);
	});

	test('keeps the process alive until it is published', () => {
		const timers = vi.spyOn(globalThis, 'setTimeout');
		scheduler.markDirty();
		const timer = timers.mock.results.at(-1)?.value as NodeJS.Timeout;
		expect(timer.hasRef()).toBe(true);
	});
});

describe('flush', () => {
	test('publishes at once, and the change it published is not published again', () => {
		scheduler.markDirty();
		vi.advanceTimersByTime(10);
		scheduler.flush();
		expect(publishes).toEqual([10]);
		vi.advanceTimersByTime(10_000);
		expect(publishes).toEqual([10]);
	});

	test('cancels a pending tick', () => {
		scheduler.tickAt(start + 500);
		scheduler.flush();
		vi.advanceTimersByTime(10_000);
		expect(publishes).toEqual([0]);
	});

	test('a tick asked for while publishing is kept', () => {
		onPublish = () => {
			scheduler.tickAt(Date.now() + 300);
		};

		scheduler.flush();
		vi.advanceTimersByTime(301 * 3);
		expect(publishes).toEqual([0, 301, 602, 903]);
	});
});

describe('a tick', () => {
	test('comes a millisecond after the time asked for (a timer may round early)', () => {
		scheduler.tickAt(start + 500);
		vi.advanceTimersByTime(500);
		expect(publishes).toEqual([]);
		vi.advanceTimersByTime(1);
		expect(publishes).toEqual([501]);
	});

	test('for a time between milliseconds, comes after it', () => {
		scheduler.tickAt(start + 499.2);
		vi.advanceTimersByTime(500);
		expect(publishes).toEqual([]);
		vi.advanceTimersByTime(1);
		expect(publishes).toEqual([501]);
	});

	test('for a time already past, comes at once', () => {
		const timers = vi.spyOn(globalThis, 'setTimeout');
		scheduler.tickAt(start - 5000);
		expect(timers.mock.calls.at(-1)?.[1]).toBe(0);
		vi.advanceTimersByTime(0);
		expect(publishes).toEqual([0]);
	});

	test('only ever moves earlier', () => {
		scheduler.tickAt(start + 2000);
		scheduler.tickAt(start + 3000);
		scheduler.tickAt(start + 1000);
		scheduler.tickAt(start + 1500);
		vi.advanceTimersByTime(10_000);
		expect(publishes).toEqual([1001]);
	});

	test('asked for again at the same time, sets no new timer', () => {
		const timers = vi.spyOn(globalThis, 'setTimeout');
		scheduler.tickAt(start + 2000);
		scheduler.tickAt(start + 2000);
		expect(timers).toHaveBeenCalledTimes(1);
	});

	test('does not keep a finished process alive', () => {
		const timers = vi.spyOn(globalThis, 'setTimeout');
		scheduler.tickAt(start + 2000);
		const timer = timers.mock.results.at(-1)?.value as NodeJS.Timeout;
		expect(timer.hasRef()).toBe(false);
	});

	test('a change published earlier clears the tick, which the publish sets again if it wants', () => {
		scheduler.tickAt(start + 2000);
		scheduler.markDirty();
		vi.advanceTimersByTime(10_000);
		expect(publishes).toEqual([50]);
	});
});

describe('a lazy change', () => {
	test('is published within the lazy time, not at once', () => {
		scheduler.markDirtyLater();
		vi.advanceTimersByTime(1000);
		expect(publishes).toEqual([]);
		vi.advanceTimersByTime(1);
		expect(publishes).toEqual([1001]);
		vi.advanceTimersByTime(60_000);
		expect(publishes).toEqual([1001]);
	});

	test('rides on an earlier tick', () => {
		scheduler.tickAt(start + 300);
		scheduler.markDirtyLater();
		vi.advanceTimersByTime(60_000);
		expect(publishes).toEqual([301]);
	});

	test('rides on the next change', () => {
		scheduler.markDirtyLater();
		scheduler.markDirty();
		vi.advanceTimersByTime(60_000);
		expect(publishes).toEqual([50]);
	});
});

test('close cancels every pending publish', () => {
	scheduler.markDirty();
	scheduler.tickAt(start + 100);
	scheduler.close();
	vi.advanceTimersByTime(60_000);
	expect(publishes).toEqual([]);
	// And a later change is published as usual.
	scheduler.markDirty();
	vi.advanceTimersByTime(50);
	expect(publishes).toEqual([60_050]);
});
