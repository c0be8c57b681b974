import {expect, test} from 'vitest';
import {createSignalPace} from '../../../source/core/alerts/signal-pace.js';

test('rings at most once per window, for all servers together', () => {
	let now = 10_000;
	const pace = createSignalPace({windowMs: 1000, now: () => now});
	expect(pace.admit()).toBe(true);
	expect(Array.from({length: 999}, () => pace.admit())).not.toContain(true);
	now += 999;
	expect(pace.admit()).toBe(false);
	now += 1;
	expect(pace.admit()).toBe(true);
	expect(pace.admit()).toBe(false);
});

test('the first alert rings whatever the clock says', () => {
	const pace = createSignalPace({windowMs: 1000, now: () => 0});
	expect(pace.admit()).toBe(true);
});
