/**
Bounds how many opening handshakes run at once. Ten thousand entries on refused ports opened ten
thousand sockets in one go and kept the CPU busy for longer than they took; the rest now wait their
turn, first come first served (the pool starts them in registry order).
*/
export type HandshakeGate = {
	/** Handshakes running now. */
	readonly inFlight: number;
	/** Handshakes waiting for a slot. */
	readonly waiting: number;
	/**
	Runs `start` now if a slot is free, else once one frees. Returns `leave`, to call when the
	handshake ends (opened, failed, or abandoned): it frees the slot, or takes a waiting `start` out
	of the queue. Calling it more than once is harmless.
	*/
	enter(start: (leave: () => void) => void): () => void;
};

/** Default bound on handshakes in flight at once. */
export const defaultMaxHandshakes = 16;

export function createHandshakeGate(
	limit = defaultMaxHandshakes,
): HandshakeGate {
	const slots = Math.max(1, Math.floor(limit));
	let inFlight = 0;
	// A Set keeps insertion order and removes a cancelled waiter in O(1).
	const queue = new Set<() => void>();

	// A start that fails at once leaves at once, which admits the next: one loop, not a recursion
	// as deep as a run of broken entries.
	let admitting = false;
	const admitNext = () => {
		if (admitting) {
			return;
		}

		admitting = true;
		try {
			for (const next of queue) {
				if (inFlight >= slots) {
					break;
				}

				queue.delete(next);
				next();
			}
		} finally {
			admitting = false;
		}
	};

	return {
		get inFlight() {
			return inFlight;
		},
		get waiting() {
			return queue.size;
		},
		enter(start) {
			let state: 'waiting' | 'running' | 'left' = 'waiting';
			// eslint-disable-next-line prefer-const
			let leave: () => void;
			const run = () => {
				state = 'running';
				inFlight++;
				start(leave);
			};

			leave = () => {
				if (state === 'running') {
					inFlight--;
					state = 'left';
					admitNext();
				} else if (state === 'waiting') {
					queue.delete(run);
					state = 'left';
				}
			};

			if (inFlight < slots && queue.size === 0) {
				run();
			} else {
				queue.add(run);
			}

			return leave;
		},
	};
}
