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

function idleStore(views: ServerView[]) {
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
	return {publishedAt, listener: listener!};
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

test('with nothing new, servers past their first minute get at most one redraw per 10 s, however many', () => {
	const {publishedAt, listener} = idleStore(servers(300, 120_000));
	listener.changed(); // Something to start from.
	vi.advanceTimersByTime(50);
	const from = publishedAt.length;
	// Two minutes of heartbeats: round trips measured (and changed) twice a second.
	for (let tick = 0; tick < 240; tick++) {
		listener.measured();
		vi.advanceTimersByTime(500);
	}

	const redraws = publishedAt.slice(from);
	// Minutes tick over on the 10 s grid; round trips ride on those ticks or wait up to 5 s: never
	// the once a second that a 1 s wait for each new round trip gave.
	expect(redraws.length).toBeGreaterThanOrEqual(12);
	expect(redraws.length).toBeLessThanOrEqual(24);
	for (const [index, at] of redraws.entries()) {
		if (index > 0) {
			expect(at - redraws[index - 1]!).toBeGreaterThan(1000);
		}
	}
});

test('young servers redraw every 2 s, on the clock, for their uptimes', () => {
	const {publishedAt, listener} = idleStore(servers(10, 5000));
	listener.changed();
	vi.advanceTimersByTime(50);
	const from = publishedAt.length;
	vi.advanceTimersByTime(20_000);
	const redraws = publishedAt.slice(from);
	expect(redraws).toHaveLength(10);
	for (const at of redraws) {
		// On the whole 2 s of the clock (a timer may fire a millisecond late).
		expect(at % 2000).toBeLessThanOrEqual(2);
	}
});
