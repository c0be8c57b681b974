/**
How often an alert may ring the bell or raise a desktop notification: at most once per `windowMs`
for all servers together. Each alert still gets its line in the pane and counts in the badge; what
is paced is only the noise. 1 000 servers dropping at once (a `docker compose restart`) made 1 000
alerts: 1 000 bells and notifications were a storm of their own, and a write to the terminal each.
*/
export function createSignalPace(options: {
	windowMs: number;
	now: () => number;
}): {admit(): boolean} {
	let last = Number.NEGATIVE_INFINITY;
	return {
		admit() {
			const at = options.now();
			if (at - last < options.windowMs) {
				return false;
			}

			last = at;
			return true;
		},
	};
}
