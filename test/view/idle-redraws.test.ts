import {afterEach, beforeEach, expect, test, vi} from 'vitest';
import {type ConnectionListener} from '../../source/core/connections/connection.js';
import {type ServerView} from '../../source/core/connections/types.js';
import {
	createMonitorStore,
	type MonitorStore,
} from '../../source/core/store.js';
import {nextRedrawAt} from '../../source/view/next-redraw.js';
import {emptyRegistry, viewsOnlyPool} from '../helpers/views-only-pool.js';

// How often an idle monitor publishes (and so redraws) with the view's own redraw clock: a matter
// of time alone, so on fake timers, with a pool that only holds views.

let store: MonitorStore | undefined;

/**
The times an idle store publishes over `forMs` with the view's redraw clock, once something has
given it a first snapshot to start from.
*/
function redrawsOver(views: ServerView[], forMs: number): number[] {
	let listener: ConnectionListener | undefined;
	const publishedAt: number[] = [];
	store = createMonitorStore({
		registry: emptyRegistry,
		redrawAt: nextRedrawAt,
		createPool(options) {
			listener = options.listener;
			return viewsOnlyPool(() => views);
		},
	});
	store.subscribe(() => {
		publishedAt.push(Date.now());
	});
	listener!.changed();
	vi.advanceTimersByTime(50);
	const from = publishedAt.length;
	vi.advanceTimersByTime(forMs);
	return publishedAt.slice(from);
}

/** `count` connected servers that connected `ageMs` ago, a second apart (as a real start spreads them). */
function servers(count: number, ageMs: number): ServerView[] {
	return Array.from({length: count}, (_, index) => ({
		id: `s${index}`,
		entry: {id: `s${index}`, port: 1000 + index, pid: 1},
		state: {
			status: 'connected' as const,
			attempt: 0,
			connectedAt: Date.now() - ageMs - index * 1000,
		},
		counters: {
			messagesIn: 0,
			bytesIn: 0,
			messagesOut: 0,
			bytesOut: 0,
			rttMs: 1,
		},
	}));
}

beforeEach(() => {
	vi.useFakeTimers({now: 1_700_000_000_000});
});
afterEach(async () => {
	await store?.close();
	store = undefined;
	vi.useRealTimers();
});

test('with nothing new, servers past their first hour get at most one redraw per 10 s, however many', () => {
	const redraws = redrawsOver(servers(300, 3_720_000), 120_000);
	// 300 servers a second apart: a minute ticks over for five of them every second, but on the
	// 10 s grid those make 12 redraws in two minutes, not 120.
	expect(redraws).toHaveLength(12);
	for (const at of redraws) {
		expect(at % 10_000).toBeLessThanOrEqual(2);
	}
});

test('young servers redraw once a second, on the clock, for their uptimes', () => {
	const redraws = redrawsOver(servers(10, 5000), 20_000);
	expect(redraws).toHaveLength(20);
	for (const at of redraws) {
		// On the clock's whole second (a timer may fire a millisecond late).
		expect(at % 1000).toBeLessThanOrEqual(2);
	}
});
