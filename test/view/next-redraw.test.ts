import {describe, expect, test} from 'vitest';
import {
	formatDuration,
	msUntilDurationChanges,
} from '../../source/core/format.js';
import {nextRedrawAt} from '../../source/view/next-redraw.js';
import {
	msUntilCountdownChanges,
	statusNote,
} from '../../source/view/server-status.js';
import {serverRow, snapshotOf} from '../helpers/monitor-fixtures.js';

// Durations around every boundary formatDuration has, and some in between.
const durations = [
	0, 1, 999, 1000, 1001, 59_999, 60_000, 61_500, 3_599_999, 3_600_000,
	3_659_999, 3_660_000, 86_399_999, 86_400_000, 90_000_001, 400_000_000,
];

describe('msUntilDurationChanges', () => {
	test.each(durations)(
		'%i ms reads the same until exactly the time it gives',
		(ms) => {
			const wait = msUntilDurationChanges(ms);
			expect(wait).toBeGreaterThan(0);
			expect(formatDuration(ms + wait - 1)).toBe(formatDuration(ms));
			expect(formatDuration(ms + wait)).not.toBe(formatDuration(ms));
		},
	);

	test('an uptime past an hour changes once a minute, past a day once an hour', () => {
		expect(msUntilDurationChanges(3_600_000)).toBe(60_000);
		expect(msUntilDurationChanges(86_400_000)).toBe(3_600_000);
	});
});

describe('msUntilCountdownChanges', () => {
	const state = (nextRetryAt: number) => ({
		status: 'reconnecting' as const,
		attempt: 2,
		nextRetryAt,
	});

	test.each([1, 500, 999, 1000, 1001, 4321, 14_999])(
		'%i ms before the retry, the note reads the same until exactly the time it gives',
		(left) => {
			const now = 1_000_000;
			const wait = msUntilCountdownChanges(now + left, now);
			const note = statusNote(state(now + left), now);
			expect(statusNote(state(now + left), now + wait - 1)).toBe(note);
			expect(statusNote(state(now + left), now + wait)).not.toBe(note);
		},
	);

	test('a countdown that reached zero asks for nothing', () => {
		expect(msUntilCountdownChanges(1000, 1000)).toBe(Number.POSITIVE_INFINITY);
	});
});

describe('nextRedrawAt', () => {
	test('is the soonest uptime or countdown change on the table, on the next whole second', () => {
		const now = 10_000_000;
		const snapshot = snapshotOf({
			now,
			servers: [
				serverRow('old', {connectedAt: now - 7_200_000}), // 2h00m: next minute
				serverRow('young', {connectedAt: now - 12_400}), // 12s: 600 ms to 13s
				serverRow('retrying', {
					status: 'reconnecting',
					connectedAt: undefined,
					nextRetryAt: now + 2250, // "in 3s" for 250 ms more
				}),
			],
		});
		expect(nextRedrawAt(snapshot)).toBe(now + 1000);
		expect(nextRedrawAt({...snapshot, now: now + 100})).toBe(now + 1000);
	});

	test('servers that connected apart change together: one redraw a second', () => {
		const now = 10_000_000;
		const servers = Array.from({length: 10}, (_, index) =>
			serverRow(`s${index}`, {connectedAt: now - 5000 - index * 37}),
		);
		const times = [];
		let at = now;
		for (let step = 0; step < 5; step++) {
			at = nextRedrawAt(snapshotOf({now: at, servers}))!;
			times.push(at);
		}

		expect(times).toEqual([1, 2, 3, 4, 5].map((second) => now + second * 1000));
	});

	test('nothing on screen counts: no redraw', () => {
		const now = 10_000_000;
		expect(
			nextRedrawAt(
				snapshotOf({
					now,
					servers: [
						serverRow('gone', {status: 'stale', connectedAt: undefined}),
						serverRow('bye', {status: 'closed', connectedAt: undefined}),
					],
				}),
			),
		).toBeUndefined();
	});

	test("an uptime ticks on the clock's whole second until its first hour, then at its minute on the clock's whole 10 s", () => {
		const now = 10_000_000;
		const servers = [serverRow('young', {connectedAt: now - 3_598_500})];
		const times = [];
		let at = now;
		for (let step = 0; step < 3; step++) {
			at = nextRedrawAt(snapshotOf({now: at, servers}))!;
			times.push(at);
		}

		// 59m58.5s: "59m59s" is due at now + 0.5 s and drawn at the next whole second; "1h00m" at
		// now + 1.5 s, drawn on the next whole second; "1h01m" at now + 61.5 s, drawn on the next
		// whole 10 s.
		expect(times).toEqual([now + 1000, now + 2000, now + 70_000]);
	});

	test('a retry countdown still ticks every second', () => {
		const now = 10_000_000;
		const servers = [
			serverRow('retrying', {
				status: 'reconnecting',
				connectedAt: undefined,
				nextRetryAt: now + 4500,
			}),
		];
		expect(nextRedrawAt(snapshotOf({now, servers}))).toBe(now + 1000);
		expect(nextRedrawAt(snapshotOf({now: now + 1000, servers}))).toBe(
			now + 2000,
		);
	});

	test('many servers past their first hour redraw together, at most once per 10 s, never more than 10 s late', () => {
		const now = 10_000_000;
		// 300 servers, all up for over an hour, connected at 300 different times across 5 minutes.
		const servers = Array.from({length: 300}, (_, index) =>
			serverRow(`s${index}`, {
				connectedAt: now - 3_720_000 - index * 1003,
			}),
		);
		let at = now;
		for (let step = 0; step < 30; step++) {
			const next = nextRedrawAt(snapshotOf({now: at, servers}))!;
			expect(next - at).toBeGreaterThanOrEqual(1);
			expect(next - at).toBeLessThanOrEqual(10_000);
			expect(next % 10_000).toBe(0);
			// Every uptime that changed since the last redraw changed at most 10 s before this one.
			for (const server of servers) {
				const connectedAt = server.state.connectedAt!;
				const changedAt = at + msUntilDurationChanges(at - connectedAt);
				if (changedAt <= next) {
					expect(next - changedAt).toBeLessThan(10_000);
				}
			}

			at = next;
		}
	});

	test('servers up for over an hour redraw once a minute', () => {
		const now = 10_000_000;
		const snapshot = snapshotOf({
			now,
			servers: [serverRow('old', {connectedAt: now - 3_600_000})],
		});
		expect(nextRedrawAt(snapshot)).toBe(now + 60_000);
	});
});
