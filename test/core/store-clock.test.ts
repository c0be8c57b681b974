import {afterEach, beforeEach, describe, expect, test, vi} from 'vitest';
import {type ConnectionListener} from '../../source/core/connections/connection.js';
import {type ConnectionPool} from '../../source/core/connections/pool.js';
import {type ServerView} from '../../source/core/connections/types.js';
import {
	createMonitorStore,
	type MonitorStore,
	type StoreOptions,
} from '../../source/core/store.js';
import {emptyRegistry, viewsOnlyPool} from '../helpers/views-only-pool.js';

// When the store republishes without new data is a matter of time alone, so these tests run on fake
// timers with a pool that only holds views (a real socket cannot be driven by a fake clock).

let listener: ConnectionListener;
let views: ServerView[];
let store: MonitorStore | undefined;
let publishes: number;

function fakePool(options: {listener: ConnectionListener}): ConnectionPool {
	listener = options.listener;
	return viewsOnlyPool(() => views);
}

function connectedView(id: string, connectedAt: number): ServerView {
	return {
		id,
		entry: {id, port: 1, pid: 1},
		state: {status: 'connected', attempt: 0, connectedAt},
		counters: {messagesIn: 0, bytesIn: 0, messagesOut: 0, bytesOut: 0},
	};
}

function start(options: Partial<StoreOptions> = {}): MonitorStore {
	store = createMonitorStore({
		registry: emptyRegistry,
		createPool: fakePool,
		...options,
	});
	store.subscribe(() => {
		publishes++;
	});
	return store;
}

beforeEach(() => {
	vi.useFakeTimers({now: 1_000_000});
	views = [];
	publishes = 0;
});
afterEach(async () => {
	await store?.close();
	store = undefined;
	vi.useRealTimers();
});

describe('the store republishes without new data', () => {
	test('at the time the view asks for, and never when it asks for none', () => {
		let clockShown = true;
		const current = start({
			redrawAt: (snapshot) => (clockShown ? snapshot.now + 1000 : undefined),
		});
		listener.changed();
		vi.advanceTimersByTime(50);
		expect(publishes).toBe(1);
		vi.advanceTimersByTime(999);
		expect(publishes).toBe(1);
		vi.advanceTimersByTime(2);
		expect(publishes).toBe(2);
		expect(current.getSnapshot().now).toBe(Date.now());
		vi.advanceTimersByTime(3 * 1001); // A tick comes a millisecond after the time asked for.
		expect(publishes).toBe(5);
		clockShown = false;
		vi.advanceTimersByTime(1001); // The tick asked for before the change still comes…
		const after = publishes;
		vi.advanceTimersByTime(60_000); // …and then nothing.
		expect(publishes).toBe(after);
	});

	test('a measured round trip is shown within a second, riding on the clock when one ticks', () => {
		start({redrawAt: (snapshot) => snapshot.now + 300});
		listener.changed();
		vi.advanceTimersByTime(50);
		expect(publishes).toBe(1); // Ticks from now on at +301, +602, …
		listener.measured();
		vi.advanceTimersByTime(301);
		expect(publishes).toBe(2); // The clock's tick, not an extra one for the round trip.
		vi.advanceTimersByTime(700);
		expect(publishes).toBe(4);
	});

	test('a measured round trip with no clock on screen is published within a second, not at once', () => {
		start();
		listener.measured();
		vi.advanceTimersByTime(500);
		expect(publishes).toBe(0);
		vi.advanceTimersByTime(501);
		expect(publishes).toBe(1);
		vi.advanceTimersByTime(60_000);
		expect(publishes).toBe(1);
	});

	test('a state change is published within the flush interval', () => {
		start();
		listener.changed();
		vi.advanceTimersByTime(49);
		expect(publishes).toBe(0);
		vi.advanceTimersByTime(1);
		expect(publishes).toBe(1);
	});

	test('a rate falls back to zero after the traffic stops', () => {
		const current = start();
		const view = connectedView('busy', Date.now());
		views = [view];
		for (let step = 0; step < 30; step++) {
			view.counters.messagesIn += 100;
			listener.changed();
			vi.advanceTimersByTime(100);
		}

		expect(current.getSnapshot().servers[0]!.rate).toBeGreaterThan(500);
		vi.advanceTimersByTime(3000);
		expect(current.getSnapshot().servers[0]!.rate).toBe(0);
		const after = publishes;
		vi.advanceTimersByTime(60_000);
		expect(publishes).toBe(after);
	});
});
