import {describe, expect, test} from 'vitest';
import {
	createHandshakeGate,
	defaultMaxHandshakes,
} from '../../../source/core/connections/handshake-gate.js';

/** Enters `count` handshakes that hold their slot; returns the order they started in and their leaves. */
function fill(gate: ReturnType<typeof createHandshakeGate>, count: number) {
	const started: number[] = [];
	const leaves = Array.from({length: count}, (_, index) =>
		gate.enter(() => {
			started.push(index);
		}),
	);
	return {started, leaves};
}

describe('the handshake bound', () => {
	test('defaults to 16 at once', () => {
		expect(defaultMaxHandshakes).toBe(16);
		const gate = createHandshakeGate();
		const {started} = fill(gate, 20);
		expect(started).toHaveLength(16);
		expect(gate.inFlight).toBe(16);
		expect(gate.waiting).toBe(4);
	});

	test.each([
		[0, 1],
		[-3, 1],
		[2.9, 2],
		[1, 1],
	])('a limit of %s allows %s at once', (limit, allowed) => {
		const gate = createHandshakeGate(limit);
		const {started} = fill(gate, 5);
		expect(started).toHaveLength(allowed);
	});

	test('a slot freed hands over to exactly one waiter, in the order they came', () => {
		const gate = createHandshakeGate(2);
		const {started, leaves} = fill(gate, 5);
		leaves[0]!();
		expect(started).toEqual([0, 1, 2]);
		expect(gate.inFlight).toBe(2);
		expect(gate.waiting).toBe(2);
		leaves[2]!();
		leaves[1]!();
		expect(started).toEqual([0, 1, 2, 3, 4]);
		expect(gate.inFlight).toBe(2);
		expect(gate.waiting).toBe(0);
		leaves[3]!();
		leaves[4]!();
		expect(gate.inFlight).toBe(0);
	});

	test('a waiter that leaves is taken out of the queue and never starts; leaving again changes nothing', () => {
		const gate = createHandshakeGate(1);
		const {started, leaves} = fill(gate, 3);
		leaves[1]!();
		expect(gate.waiting).toBe(1);
		leaves[1]!();
		expect(gate.waiting).toBe(1);
		expect(gate.inFlight).toBe(1);
		leaves[0]!();
		expect(started).toEqual([0, 2]);
		// The one that left while waiting never took a slot, so leaving does not free one.
		leaves[1]!();
		expect(gate.inFlight).toBe(1);
		leaves[2]!();
		leaves[2]!();
		expect(gate.inFlight).toBe(0);
	});

	test('a handshake entered while others wait queues behind them, even if a slot is free at that moment', () => {
		const gate = createHandshakeGate(1);
		const order: string[] = [];
		const first = gate.enter(() => {
			order.push('first');
		});
		gate.enter((leave) => {
			order.push('second');
			// Starting, it frees its slot at once and a newcomer arrives during the hand-over.
			leave();
			gate.enter(() => {
				order.push('newcomer');
			});
		});
		gate.enter(() => {
			order.push('third');
		});
		first();
		expect(order).toEqual(['first', 'second', 'third']);
		expect(gate.waiting).toBe(1);
		expect(gate.inFlight).toBe(1);
	});

	test('the start receives the same leave that enter returns', () => {
		const gate = createHandshakeGate(1);
		let given: (() => void) | undefined;
		const returned = gate.enter((leave) => {
			given = leave;
		});
		expect(given).toBe(returned);
		given!();
		expect(gate.inFlight).toBe(0);
	});
});
