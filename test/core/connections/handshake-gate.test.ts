import {describe, expect, test} from 'vitest';
import {createHandshakeGate} from '../../../source/core/connections/handshake-gate.js';

describe('createHandshakeGate', () => {
	test('runs at most `limit` at once, the rest in the order they came', () => {
		const gate = createHandshakeGate(2);
		const started: number[] = [];
		const leaves: Array<() => void> = [];
		for (let index = 0; index < 5; index++) {
			leaves.push(
				gate.enter(() => {
					started.push(index);
				}),
			);
		}

		expect(started).toEqual([0, 1]);
		expect(gate.inFlight).toBe(2);
		expect(gate.waiting).toBe(3);
		leaves[1]!();
		leaves[1]!(); // Twice is harmless: still one slot freed.
		expect(started).toEqual([0, 1, 2]);
		// One that leaves while waiting never starts.
		leaves[3]!();
		leaves[0]!();
		expect(started).toEqual([0, 1, 2, 4]);
		expect(gate.inFlight).toBe(2);
		expect(gate.waiting).toBe(0);
	});

	test('a long run of starts that fail at once (and leave at once) neither recurses deeply nor stalls', () => {
		const gate = createHandshakeGate(1);
		const counter = {started: 0};
		const hold = gate.enter(() => {
			// Holds the only slot until the queue is long.
		});
		for (let index = 0; index < 100_000; index++) {
			gate.enter((leave) => {
				counter.started++;
				leave();
			});
		}

		expect(() => {
			hold();
		}).not.toThrow();
		expect(counter.started).toBe(100_000);
		expect(gate.inFlight).toBe(0);
	});
});
