/**
How many bytes of message text may be matched per second. A fixed one-second window: simple, and
under a flood it caps the matching cost at a known share of each second.
*/
export function createScanBudget(bytesPerSecond: number, now: () => number) {
	let windowStart = Number.NEGATIVE_INFINITY;
	let spent = 0;
	return {
		/** Spends `bytes` if the current second has them left; false (nothing spent) if not. */
		take(bytes: number): boolean {
			const at = now();
			if (at - windowStart >= 1000) {
				windowStart = at;
				spent = 0;
			}

			if (spent + bytes > bytesPerSecond) {
				return false;
			}

			spent += bytes;
			return true;
		},
	};
}
