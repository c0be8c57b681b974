import {
	durationStepMs,
	formatDuration,
	msUntilDurationChanges,
} from '../core/format.js';

/**
The UP column: `42s` for the first minute, then `4m`, `1h02m` past an hour, `3d04h` past a day.

Seconds matter while a connection is young (did it just reconnect?); after that nobody reads an
uptime to the second, and a column that ticks every second costs a redraw of the whole screen
every second for as long as the monitor runs (as pm2 and `docker ps` do, the unit coarsens).
*/
export function formatUptime(ms: number): string {
	return formatDuration(ms, {coarse: true});
}

/** The smallest step `formatUptime` shows at this length: seconds for a minute, then minutes, then hours. */
export function uptimeStepMs(ms: number): number {
	return durationStepMs(ms, {coarse: true});
}

/** How long until `formatUptime` of a growing uptime reads differently, in ms. */
export function msUntilUptimeChanges(ms: number): number {
	return msUntilDurationChanges(ms, {coarse: true});
}
