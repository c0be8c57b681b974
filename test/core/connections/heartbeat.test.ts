import {EventEmitter} from 'node:events';
import type WebSocket from 'ws';
import {afterEach, beforeEach, expect, test, vi} from 'vitest';
import {startHeartbeat} from '../../../source/core/connections/heartbeat.js';

// A socket that only pings and pongs, answering each ping after the round trip the test sets, on a
// fake clock: what the heartbeat reports is a matter of timing alone.
// eslint-disable-next-line unicorn/prefer-event-target -- the heartbeat listens like on a ws socket
class FakeSocket extends EventEmitter {
	roundTrip = 1;
	pings = 0;
	terminated = false;
	ping() {
		this.pings++;
		setTimeout(() => {
			this.emit('pong');
		}, this.roundTrip);
	}

	terminate() {
		this.terminated = true;
	}
}

beforeEach(() => {
	vi.useFakeTimers({now: 1_000_000});
});
afterEach(() => {
	vi.useRealTimers();
});

test('reports a round trip when it differs from the last, not every pong', () => {
	const socket = new FakeSocket();
	const measured: number[] = [];
	const heartbeat = startHeartbeat(socket as unknown as WebSocket, {
		intervalMs: 1000,
		now: Date.now,
		measured(rtt) {
			measured.push(rtt);
		},
		dead() {
			throw new Error('an answering peer is not dead');
		},
	});
	// The first ping went at once (1 ms); then one a second: 1, 1, 3, 3, 1 ms.
	for (const roundTrip of [1, 1, 3, 3, 1]) {
		socket.roundTrip = roundTrip;
		vi.advanceTimersByTime(1000);
	}

	vi.advanceTimersByTime(10); // The last pong.
	heartbeat.stop();
	expect(socket.pings).toBe(6);
	expect(measured).toEqual([1, 3, 1]);
	expect(socket.terminated).toBe(false);
});

test('a peer that stops answering is still dropped', () => {
	const socket = new FakeSocket();
	let dead = 0;
	const heartbeat = startHeartbeat(socket as unknown as WebSocket, {
		intervalMs: 1000,
		now: Date.now,
		measured() {
			// Not what this test is about.
		},
		dead() {
			dead++;
		},
	});
	vi.advanceTimersByTime(1000);
	socket.ping = () => undefined; // Frozen: no pong from now on.
	vi.advanceTimersByTime(3000);
	heartbeat.stop();
	expect(dead).toBeGreaterThanOrEqual(1);
	expect(socket.terminated).toBe(true);
});
