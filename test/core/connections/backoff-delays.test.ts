import {describe, expect, test} from 'vitest';
import {
	defaultBackoff,
	reconnectDelay,
} from '../../../source/core/connections/backoff.js';

const highest = () => 1;
const lowest = () => 0;

describe('reconnectDelay', () => {
	test('the default ceiling doubles from 500 ms per attempt and stops at 15 s', () => {
		const ceilings = Array.from({length: 8}, (_, index) =>
			reconnectDelay(index + 1, undefined, highest),
		);
		expect(ceilings).toEqual([
			500, 1000, 2000, 4000, 8000, 15_000, 15_000, 15_000,
		]);
		expect(defaultBackoff).toEqual({baseMs: 500, capMs: 15_000});
	});

	test('a draw of 0 retries at once, whatever the attempt', () => {
		for (const attempt of [1, 2, 10, 1000]) {
			expect(reconnectDelay(attempt, undefined, lowest)).toBe(0);
		}
	});

	test('the delay is the draw times the ceiling, rounded to whole ms', () => {
		expect(reconnectDelay(1, {baseMs: 500, capMs: 15_000}, () => 0.5)).toBe(
			250,
		);
		expect(reconnectDelay(3, {baseMs: 500, capMs: 15_000}, () => 0.25)).toBe(
			500,
		);
		// Capped delays still differ with the draw (jitter after the cap).
		expect(reconnectDelay(20, {baseMs: 500, capMs: 15_000}, () => 0.5)).toBe(
			7500,
		);
		expect(reconnectDelay(1, {baseMs: 3, capMs: 100}, () => 0.5)).toBe(2);
	});

	test('attempt 0 and below count as the first attempt', () => {
		expect(reconnectDelay(0, {baseMs: 100, capMs: 10_000}, highest)).toBe(100);
		expect(reconnectDelay(-5, {baseMs: 100, capMs: 10_000}, highest)).toBe(100);
	});

	test('a huge attempt number stays finite and capped', () => {
		const options = {baseMs: 1, capMs: Number.MAX_SAFE_INTEGER};
		// The exponent stops at 30: 2^30 ms, not Infinity.
		expect(reconnectDelay(31, options, highest)).toBe(2 ** 30);
		expect(reconnectDelay(10_000, options, highest)).toBe(2 ** 30);
		expect(reconnectDelay(1e9, defaultBackoff, highest)).toBe(15_000);
	});

	test('uses Math.random when no draw is given, within [0, ceiling]', () => {
		for (let index = 0; index < 50; index++) {
			const delay = reconnectDelay(2, {baseMs: 100, capMs: 1000});
			expect(delay).toBeGreaterThanOrEqual(0);
			expect(delay).toBeLessThanOrEqual(200);
		}
	});
});
