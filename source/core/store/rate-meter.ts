export type RateMeter = {
	/**
	Messages per second of server `id`, whose counter reads `count` at time `at`. The rate is
	measured over whole windows: it changes once a window has passed since the last measure.
	*/
	rate(id: string, count: number, at: number): number;
	/** Forgets the servers not in `ids` (gone from the registry). */
	retain(ids: ReadonlySet<string>): void;
	/** When a rate shown at `at` may change with no new data (falling to zero), if any may. */
	nextChange(at: number): number | undefined;
};

type Measure = {at: number; count: number; rate: number};

/** Messages per second per server, from counters read at each flush. */
export function createRateMeter(windowMs = 1000): RateMeter {
	const measures = new Map<string, Measure>();
	return {
		rate(id, count, at) {
			const previous = measures.get(id);
			if (!previous) {
				measures.set(id, {at, count, rate: 0});
				return 0;
			}

			if (at - previous.at >= windowMs) {
				previous.rate = ((count - previous.count) * 1000) / (at - previous.at);
				previous.at = at;
				previous.count = count;
			}

			return previous.rate;
		},
		retain(ids) {
			for (const id of measures.keys()) {
				if (!ids.has(id)) {
					measures.delete(id);
				}
			}
		},
		// Rates fall to zero when traffic stops, so the view is republished while any is non-zero.
		nextChange(at) {
			for (const measure of measures.values()) {
				if (measure.rate > 0) {
					return at + windowMs;
				}
			}

			return undefined;
		},
	};
}
