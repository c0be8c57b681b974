import {afterEach, beforeEach, describe, expect, test, vi} from 'vitest';
import {
	createIngestGovernor,
	minimumShare,
	type IngestGovernor,
	type IngestValve,
} from '../../source/core/store/ingest-governor.js';

// The governor decides when sockets are read; the end of a turn is a `setImmediate`, so fake timers
// drive it, and a valve that only records what it is told stands in for the pool.

let calls: string[];
let governor: IngestGovernor;

const valve: IngestValve = {
	pause() {
		calls.push('pause');
	},
	pauseOne(id) {
		calls.push(`pauseOne ${id}`);
	},
	resume(order) {
		calls.push(`resume ${order.join(',')}`);
	},
};

function start(budget: number, ids: string[] = []): IngestGovernor {
	governor = createIngestGovernor(budget, valve);
	governor.track(ids);
	return governor;
}

function read(id: string, times: number) {
	for (let index = 0; index < times; index++) {
		governor.read(id);
	}
}

/** Lets the current event-loop turn end (the governor's `setImmediate`). */
function endTurn() {
	vi.advanceTimersByTime(0);
}

beforeEach(() => {
	vi.useFakeTimers();
	calls = [];
});
afterEach(() => {
	governor.close();
	vi.useRealTimers();
});

describe('the ingest budget of a turn', () => {
	test('pauses every socket once the budget is read, counts it once, and wakes them at the end of the turn', () => {
		start(100, ['a']);
		governor.setConnected(0);
		read('a', 99);
		expect(calls).toEqual([]);
		read('a', 1);
		expect(calls).toEqual(['pauseOne a', 'pause']);
		expect(governor.pauses).toBe(1);
		read('a', 50); // Already buffered messages still arrive: no second pause.
		expect(calls).toEqual(['pauseOne a', 'pause']);
		expect(governor.pauses).toBe(1);
		endTurn();
		expect(calls).toEqual(['pauseOne a', 'pause', 'resume a']);
	});

	test('a turn that paused nobody wakes nobody, even after one that did', () => {
		start(100, ['a']);
		read('a', 100);
		endTurn();
		calls = [];
		read('a', 99);
		endTurn();
		expect(calls).toEqual([]);
	});

	test('a new turn starts from zero', () => {
		start(1000, ['a', 'b']);
		governor.setConnected(2);
		read('a', 400);
		read('b', 400);
		endTurn();
		read('a', 400);
		read('b', 400);
		expect(calls).toEqual([]);
		endTurn();
		expect(calls).toEqual([]); // Nothing was paused: nothing to wake.
		expect(governor.pauses).toBe(0);
	});

	test('each turn is counted: two floods, two pauses', () => {
		start(100, ['a', 'b']);
		governor.setConnected(2);
		read('a', 50);
		read('b', 50);
		endTurn();
		read('b', 50);
		read('a', 50);
		endTurn();
		expect(governor.pauses).toBe(2);
		expect(calls).toEqual([
			'pauseOne a',
			'pauseOne b',
			'pause',
			'resume a,b',
			'pauseOne b',
			'pauseOne a',
			'pause',
			'resume a,b',
		]);
	});
});

describe('the fair share of each server', () => {
	test('is the budget over the connected servers: a server that used it is paused alone', () => {
		start(1000, ['a', 'b', 'c', 'd']);
		governor.setConnected(4);
		read('a', 249);
		expect(calls).toEqual([]);
		read('a', 1);
		expect(calls).toEqual(['pauseOne a']);
		read('a', 10); // Paused once, not again for what it had buffered.
		read('b', 100);
		expect(calls).toEqual(['pauseOne a']);
		endTurn();
		expect(calls).toEqual(['pauseOne a', 'resume c,d,a,b']);
		expect(governor.pauses).toBe(0);
	});

	test('is rounded down to whole messages', () => {
		start(1000, ['a', 'b', 'c']);
		governor.setConnected(3);
		read('a', 332);
		expect(calls).toEqual([]);
		read('a', 1);
		expect(calls).toEqual(['pauseOne a']);
	});

	test(`is never under ${minimumShare} messages, however many servers share the budget`, () => {
		start(1000, ['a']);
		governor.setConnected(100);
		read('a', minimumShare - 1);
		expect(calls).toEqual([]);
		read('a', 1);
		expect(calls).toEqual(['pauseOne a']);
	});

	test('with nobody connected yet, is the whole budget', () => {
		start(1000, ['a']);
		governor.setConnected(0);
		read('a', 999);
		expect(calls).toEqual([]);
		read('a', 1);
		expect(calls).toEqual(['pauseOne a', 'pause']);
	});

	test('is the whole budget until told how many are connected', () => {
		start(300, ['a']);
		read('a', 299);
		expect(calls).toEqual([]);
		read('a', 1);
		expect(calls).toEqual(['pauseOne a', 'pause']);
	});

	test('each server counts its own share', () => {
		start(1000, ['a', 'b']);
		governor.setConnected(2);
		read('a', 499);
		read('b', 499);
		expect(calls).toEqual([]);
		read('b', 1);
		expect(calls).toEqual(['pauseOne b']);
	});

	test('a server paused for its share in one turn reads its share again in the next', () => {
		start(1000, ['a', 'b']);
		governor.setConnected(2);
		read('a', 500);
		endTurn();
		calls = [];
		read('a', 499);
		expect(calls).toEqual([]);
		read('a', 1);
		expect(calls).toEqual(['pauseOne a']);
	});
});

describe('the wake order', () => {
	test('the servers that waited are woken first, those that were read go to the back', () => {
		start(100, ['a', 'b', 'c']);
		governor.setConnected(3);
		read('a', 50);
		read('b', 50);
		endTurn();
		expect(calls.at(-1)).toBe('resume c,a,b');
		read('c', 50);
		read('a', 50);
		endTurn();
		expect(calls.at(-1)).toBe('resume b,c,a');
	});

	test("a single message read counts, even a server's first", () => {
		start(100, ['a', 'b']);
		read('b', 1);
		read('a', 99);
		endTurn();
		expect(calls.at(-1)).toBe('resume a,b');
	});

	test('new servers join the back, removed ones leave, the others keep their place', () => {
		start(100, ['a', 'b', 'c']);
		governor.track(['c', 'd', 'a']);
		governor.setConnected(1);
		read('d', 100);
		endTurn();
		expect(calls.at(-1)).toBe('resume a,c,d');
	});

	test('a server removed and added again has not been read', () => {
		start(100, ['a', 'b']);
		governor.setConnected(2);
		read('b', 10);
		read('a', 50);
		governor.track(['a']);
		governor.track(['a', 'b']);
		endTurn();
		expect(calls.at(-1)).toBe('resume b,a');
	});
});

describe('holding ingest', () => {
	test('before any server is tracked, wakes none by name', () => {
		governor = createIngestGovernor(100, valve);
		governor.hold(true);
		governor.hold(false);
		expect(calls).toEqual(['pause', 'resume ']);
	});

	test('pauses at once and wakes on release', () => {
		start(100, ['a', 'b']);
		governor.hold(true);
		expect(calls).toEqual(['pause']);
		governor.hold(false);
		expect(calls).toEqual(['pause', 'resume a,b']);
		expect(governor.pauses).toBe(0);
	});

	test('the end of a turn does not wake what is held; the release does', () => {
		start(100, ['a', 'b']);
		governor.setConnected(1);
		governor.hold(true);
		read('b', 100);
		endTurn();
		expect(calls).toEqual(['pause', 'pauseOne b', 'pause']);
		governor.hold(false);
		expect(calls.at(-1)).toBe('resume a,b');
	});

	test('a release while the budget is used waits for the end of the turn', () => {
		start(100, ['a']);
		governor.hold(true);
		read('a', 100);
		governor.hold(false);
		expect(calls).toEqual(['pause', 'pauseOne a', 'pause']);
		endTurn();
		expect(calls).toEqual(['pause', 'pauseOne a', 'pause', 'resume a']);
	});
});

test('after close, a pending end of turn wakes nothing', () => {
	start(100, ['a']);
	read('a', 100);
	governor.close();
	vi.runAllTimers();
	expect(calls).toEqual(['pauseOne a', 'pause']);
});
