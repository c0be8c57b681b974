import {afterEach, beforeEach, expect, test, vi} from 'vitest';
import {type ConnectionListener} from '../../source/core/connections/connection.js';
import {type ServerView} from '../../source/core/connections/types.js';
import {
	createMonitorStore,
	type MonitorStore,
} from '../../source/core/store.js';
import {emptyRegistry, viewsOnlyPool} from '../helpers/views-only-pool.js';

// A pool may hand out the same view object for a server that did not change (the ingest worker's
// does); the store then hands out the same row, which keeps the view's per-row memos. Fake timers
// and a pool that only holds views, so each publish is made to happen at a known time.

let store: MonitorStore | undefined;
let views: ServerView[] = [];
let listener: ConnectionListener;

function view(id: string, messagesIn = 0): ServerView {
	return {
		id,
		entry: {id, port: 1, pid: 1},
		state: {status: 'connected', attempt: 0, connectedAt: 1_000_000},
		counters: {messagesIn, bytesIn: messagesIn, messagesOut: 0, bytesOut: 0},
	};
}

/** The rows of the snapshot published once the store is told something changed. */
function publishedRows() {
	listener.changed();
	vi.advanceTimersByTime(60);
	return store!.getSnapshot().servers;
}

beforeEach(() => {
	vi.useFakeTimers({now: 1_000_000});
	store = createMonitorStore({
		registry: emptyRegistry,
		createPool(options) {
			listener = options.listener;
			return viewsOnlyPool(() => views);
		},
	});
});
afterEach(async () => {
	await store?.close();
	store = undefined;
	vi.useRealTimers();
});

test('the same view gives the same row; a new view a new row with what it says', () => {
	const quiet = view('quiet');
	views = [quiet, view('busy')];
	const before = publishedRows();
	views = [quiet, view('busy', 7)];
	const after = publishedRows();
	expect(after[0]).toBe(before[0]);
	expect(after[1]).not.toBe(before[1]);
	expect(after[1]!.counters.messagesIn).toBe(7);
	expect(before[1]!.counters.messagesIn).toBe(0);
});

test('a row is made anew when its rate changes, though its view did not', () => {
	views = [view('burst')];
	publishedRows();
	vi.advanceTimersByTime(1000);
	const burst = view('burst', 5000);
	views = [burst];
	const busy = publishedRows()[0]!;
	expect(busy.rate).toBeGreaterThan(0);
	// Long after, with no more messages, the same view's rate has fallen to nothing.
	vi.advanceTimersByTime(60_000);
	const calm = publishedRows()[0]!;
	expect(calm.rate).toBe(0);
	expect(calm).not.toBe(busy);
	expect(publishedRows()[0]).toBe(calm);
});

test("a row's counters are its own copy: a pool changing a view's counters in place does not change a published row", () => {
	const live = view('live');
	views = [live];
	const row = publishedRows()[0]!;
	live.counters.messagesIn = 99;
	expect(row.counters.messagesIn).toBe(0);
});
