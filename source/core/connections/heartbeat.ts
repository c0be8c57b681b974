import type WebSocket from 'ws';
import {heartbeatVerdict} from './lifecycle.js';
import {quietly} from './quietly.js';

export type HeartbeatOptions = {
	intervalMs: number;
	now: () => number;
	/**
	A round trip was measured, in ms, and differs from the last one (the first always does). The same
	figure again is not news: with hundreds of idle servers pinged every few seconds, reporting each
	pong would have the screen redrawn every second to show what it already shows.
	*/
	measured(rttMs: number): void;
	/** The peer answered neither a ping nor with any frame for a whole interval; it is cut off. */
	dead(): void;
};

export type Heartbeat = {
	/** A frame arrived: it proves the peer alive as well as a pong would. */
	heard(): void;
	stop(): void;
};

/**
Pings an open socket on an interval and measures the round trip. Any frame since the last check
proves the peer alive: under a flood the pong waits behind megabytes of data, and dropping such a
busy connection would lose all of it.
*/
export function startHeartbeat(
	socket: WebSocket,
	options: HeartbeatOptions,
): Heartbeat {
	let pingSentAt: number | undefined;
	let lastRtt: number | undefined;
	let heardSinceCheck = false;
	// A ping that cannot be sent ends the socket (and so reconnects) instead of throwing.
	const ping = () => {
		pingSentAt = options.now();
		const thrown = quietly(() => {
			socket.ping();
		});
		if (thrown !== undefined) {
			quietly(() => {
				socket.terminate();
			});
		}
	};

	const onPong = () => {
		if (pingSentAt !== undefined) {
			const rtt = options.now() - pingSentAt;
			pingSentAt = undefined;
			if (rtt !== lastRtt) {
				lastRtt = rtt;
				options.measured(rtt);
			}
		}
	};

	socket.on('pong', onPong);
	// A first ping at once, so the round-trip time shows without waiting a whole interval.
	ping();
	const timer = setInterval(() => {
		const verdict = heartbeatVerdict(pingSentAt !== undefined, heardSinceCheck);
		heardSinceCheck = false;
		if (verdict === 'ping') {
			ping();
		} else if (verdict === 'drop') {
			options.dead();
			quietly(() => {
				socket.terminate();
			});
		}
	}, options.intervalMs);
	timer.unref();
	return {
		heard() {
			heardSinceCheck = true;
		},
		stop() {
			clearInterval(timer);
			socket.off('pong', onPong);
		},
	};
}
