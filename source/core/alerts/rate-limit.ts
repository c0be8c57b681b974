/**
At most one alert per key (a server) per window; the rest are counted and handed to the next one
that passes ("+4 more"). Pure but for the clock, which is passed in, so tests step time by hand.
*/
export type RateLimiter = {
	/** Whether an alert for `key` may fire now, and how many were held back since the last that did. */
	admit(key: string): {admitted: true; heldBack: number} | {admitted: false};
};

/** Keys remembered at most; past it, keys whose window is over are forgotten first. */
const maxKeys = 10_000;

export function createRateLimiter(options: {
	windowMs: number;
	now: () => number;
}): RateLimiter {
	const keys = new Map<string, {firedAt: number; heldBack: number}>();
	const forgetOld = (at: number) => {
		for (const [key, state] of keys) {
			if (at - state.firedAt >= options.windowMs && state.heldBack === 0) {
				keys.delete(key);
			}
		}

		// Still full (a flood of distinct keys within one window): the oldest go.
		for (const key of keys.keys()) {
			if (keys.size < maxKeys) {
				break;
			}

			keys.delete(key);
		}
	};

	return {
		admit(key) {
			const at = options.now();
			const state = keys.get(key);
			if (state && at - state.firedAt < options.windowMs) {
				state.heldBack++;
				return {admitted: false};
			}

			if (!state && keys.size >= maxKeys) {
				forgetOld(at);
			}

			const heldBack = state?.heldBack ?? 0;
			keys.set(key, {firedAt: at, heldBack: 0});
			return {admitted: true, heldBack};
		},
	};
}
