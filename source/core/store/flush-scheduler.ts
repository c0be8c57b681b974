export type FlushSchedulerOptions = {
	/** Changes are published at most this often, in ms. */
	intervalMs: number;
	/** Changes nobody waits for are published at the next flush or tick, or at most this much later, in ms. */
	lazyMs: number;
	now: () => number;
	/** Builds and publishes a snapshot; it may ask for the next tick with `tickAt`. */
	publish: () => void;
};

export type FlushScheduler = {
	/** Something changed: publish within the interval. */
	markDirty(): void;
	/** Something changed that is worth showing, not urgently (a round-trip time). */
	markDirtyLater(): void;
	/** Publish again at this time with no new data (a clock on screen ticks over). */
	tickAt(at: number): void;
	/** Publish now. */
	flush(): void;
	close(): void;
};

/**
When the store publishes. A flood of changes costs one publish per interval; with no new data, one
timer republishes for the view's clock, rates falling to zero, and lazy changes. That timer only
ever moves earlier, and every publish clears it, so the publish sets the next one itself.
*/
export function createFlushScheduler(
	options: FlushSchedulerOptions,
): FlushScheduler {
	const {intervalMs, lazyMs, now, publish} = options;
	let flushTimer: NodeJS.Timeout | undefined;
	let tickTimer: NodeJS.Timeout | undefined;
	let nextTick = Number.POSITIVE_INFINITY;

	const stop = () => {
		clearTimeout(flushTimer);
		flushTimer = undefined;
		clearTimeout(tickTimer);
		tickTimer = undefined;
		nextTick = Number.POSITIVE_INFINITY;
	};

	const flush = () => {
		stop();
		publish();
	};

	const tickAt = (at: number) => {
		if (at >= nextTick) {
			return;
		}

		clearTimeout(tickTimer);
		nextTick = at;
		// A timer may fire a millisecond early by rounding; late is harmless.
		tickTimer = setTimeout(flush, Math.max(0, Math.ceil(at - now()) + 1));
		// Ticks only redraw: they must not keep a finished process alive.
		tickTimer.unref();
	};

	return {
		markDirty() {
			flushTimer ??= setTimeout(flush, intervalMs);
		},
		// Riding on the next flush or tick, an idle screen redraws once a second, not once more for
		// every heartbeat.
		markDirtyLater() {
			tickAt(now() + lazyMs);
		},
		tickAt,
		flush,
		close: stop,
	};
}
