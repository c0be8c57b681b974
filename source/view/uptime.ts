/**
The UP column: `42s` for the first minute, then `4m`, `1h02m` past an hour, `3d04h` past a day.

Seconds matter while a connection is young (did it just reconnect?); after that nobody reads an
uptime to the second, and a column that ticks every second costs a redraw of the whole screen
every second for as long as the monitor runs (as pm2 and `docker ps` do, the unit coarsens).
*/
export function formatUptime(ms: number): string {
	if (!Number.isFinite(ms) || ms < 0) {
		return '—';
	}

	const seconds = Math.floor(ms / 1000);
	if (seconds < 60) {
		return `${seconds}s`;
	}

	const minutes = Math.floor(seconds / 60);
	if (minutes < 60) {
		return `${minutes}m`;
	}

	const hours = Math.floor(minutes / 60);
	if (hours < 24) {
		return `${hours}h${pad(minutes % 60)}m`;
	}

	return `${Math.floor(hours / 24)}d${pad(hours % 24)}h`;
}

/** The smallest step `formatUptime` shows at this length: seconds for a minute, then minutes, then hours. */
export function uptimeStepMs(ms: number): number {
	if (ms < 60_000) {
		return 1000;
	}

	return ms < 86_400_000 ? 60_000 : 3_600_000;
}

/** How long until `formatUptime` of a growing uptime reads differently, in ms. */
export function msUntilUptimeChanges(ms: number): number {
	if (!Number.isFinite(ms)) {
		return Number.POSITIVE_INFINITY;
	}

	if (ms < 0) {
		return -ms; // Shown as "—" until it reaches zero.
	}

	const step = uptimeStepMs(ms);
	return step - (ms % step);
}

function pad(value: number): string {
	return String(value).padStart(2, '0');
}
