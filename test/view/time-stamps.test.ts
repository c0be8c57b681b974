import {fc, test as property} from '@fast-check/vitest';
import {expect, test} from 'vitest';
import {
	formatDelta,
	nextTimeMode,
	timeStamp,
	type TimeMode,
} from '../../source/view/time-stamps.js';

const time = new Date(2026, 10, 30, 9, 5, 7, 42).getTime();

test('/time steps clock → millis → delta → off → clock', () => {
	const seen: TimeMode[] = ['clock'];
	for (let step = 0; step < 4; step++) {
		seen.push(nextTimeMode(seen.at(-1)!));
	}

	expect(seen).toEqual(['clock', 'millis', 'delta', 'off', 'clock']);
});

test('each mode stamps a line its way', () => {
	expect(timeStamp('clock', time, undefined)).toBe('09:05:07');
	expect(timeStamp('millis', time, undefined)).toBe('09:05:07.042');
	expect(timeStamp('delta', time, time - 1500)).toBe(' +1.50s');
	expect(timeStamp('delta', time, undefined)).toBe('   +0ms');
	expect(timeStamp('off', time, time)).toBe('');
});

test.each([
	[0, '+0ms'],
	[999, '+999ms'],
	[1000, '+1.00s'],
	[9994, '+9.99s'],
	[12_345, '+12.3s'],
	[61_000, '+1m01s'],
	[3_599_000, '+59m59s'],
	[3_600_000, '+1h00m'],
	[-5, '+0ms'],
	[400 * 3_600_000, '+400h'],
])('a gap of %d ms reads %s', (ms, text) => {
	expect(formatDelta(ms)).toBe(text);
});

property.prop([fc.integer({min: -1e6, max: 1e12})], {numRuns: 300})(
	'every gap fits the column',
	(ms) => {
		expect(formatDelta(ms).length).toBeLessThanOrEqual(7);
		expect(timeStamp('delta', ms, 0)).toHaveLength(7);
	},
);
