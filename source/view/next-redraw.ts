import {type MonitorSnapshot} from '../core/store.js';
import {msUntilCountdownChanges} from './server-status.js';
import {msUntilUptimeChanges, uptimeStepMs} from './uptime.js';

/** Retry countdowns (`#3 in 4s`) are drawn on the clock's whole seconds: someone may be waiting on one. */
const secondGridMs = 1000;
/**
Uptimes in their first minute (`12s`) are drawn on the clock's whole 2 seconds, as htop (1.5 s) or
k9s (2 s) refresh: an uptime may show its new second up to 2 s late, and an idle screen with young
connections redraws every other second instead of every second (half the idle CPU of that minute).
*/
const youngGridMs = 2000;
/**
Changes of a minute or more (older uptimes) are drawn on the clock's whole 10 seconds: servers that
connected at different seconds would otherwise each get a redraw of their own, and a few hundred of
them would redraw the screen every second. A minute may so show up to 10 s late.
*/
const minuteGridMs = 10_000;

/**
When the server table will read differently with no new data: an uptime or a retry countdown ticks
over. The store republishes then, so the screen redraws only when something on it changes: once a
second while a countdown runs, every 2 s while an uptime shows seconds, else at most once per 10 s
(a minute ticks over), and never when nothing on it can change. Times are put on a grid of the clock, so rows whose
changes are close together change in one redraw rather than one each.
*/
export function nextRedrawAt(snapshot: MonitorSnapshot): number | undefined {
	const {now} = snapshot;
	let toSecond = Number.POSITIVE_INFINITY;
	let toYoung = Number.POSITIVE_INFINITY;
	let toMinute = Number.POSITIVE_INFINITY;
	for (const {state} of snapshot.servers) {
		if (state.status === 'connected' && state.connectedAt !== undefined) {
			const uptime = now - state.connectedAt;
			const wait = msUntilUptimeChanges(uptime);
			if (uptimeStepMs(uptime) > secondGridMs) {
				toMinute = Math.min(toMinute, wait);
			} else {
				toYoung = Math.min(toYoung, wait);
			}
		}

		if (state.nextRetryAt !== undefined) {
			toSecond = Math.min(
				toSecond,
				msUntilCountdownChanges(state.nextRetryAt, now),
			);
		}
	}

	const soonest = Math.min(
		onGrid(now + toSecond, secondGridMs),
		onGrid(now + toYoung, youngGridMs),
		onGrid(now + toMinute, minuteGridMs),
	);
	return Number.isFinite(soonest) ? soonest : undefined;
}

/** The first time on the grid at or after `at` (infinity stays infinity). */
function onGrid(at: number, gridMs: number): number {
	return Math.ceil(at / gridMs) * gridMs;
}
