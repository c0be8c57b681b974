export type BackoffOptions = {
	/** First retry waits up to this long, in ms. */
	baseMs: number;
	/** No retry waits longer than this, in ms. */
	capMs: number;
};

export const defaultBackoff: BackoffOptions = {baseMs: 500, capMs: 15_000};

/**
"Full jitter": a uniformly random delay in [0, min(cap, base·2^(attempt-1))]. Drawn per attempt and
per connection, so servers that drop together are not retried together, and (unlike jitter applied
before the cap) capped delays still differ.
*/
export function reconnectDelay(
	attempt: number,
	options: BackoffOptions = defaultBackoff,
	random: () => number = Math.random,
): number {
	const exponent = Math.min(Math.max(attempt - 1, 0), 30);
	const ceiling = Math.min(options.capMs, options.baseMs * 2 ** exponent);
	return Math.round(random() * ceiling);
}
