import {durationStepMs, msUntilDurationChanges} from '../core/format.js';
import {type MonitorSnapshot} from '../core/store.js';
import {msUntilCountdownChanges} from './server-status.js';

/** Changes by the second (uptimes under an hour, retry countdowns) are drawn on the clock's whole seconds. */
const secondGridMs = 1000;
/**
Changes of a minute or more (uptimes past an hour) are drawn on the clock's whole 10 seconds:
servers that connected at different seconds would otherwise each get a redraw of their own, and a
few hundred of them would redraw the screen every second. Such a minute may show up to 10 s late.
*/
const minuteGridMs = 10_000;

/**
When the server table will read differently with no new data: an uptime or a retry countdown ticks
over. The store republishes then, so the screen redraws only when something on it changes (once a
second while uptimes show seconds, at most once per 10 s once every uptime is past an hour, never
when nothing on it can change). Times are put on a grid of the clock, so the rows of servers that
connected a few hundred ms apart change together in one redraw rather than one each (a row may show
its new second up to 1 s late).
*/
export function nextRedrawAt(snapshot: MonitorSnapshot): number | undefined {
	const {now} = snapshot;
	let toSecond = Number.POSITIVE_INFINITY;
	let toMinute = Number.POSITIVE_INFINITY;
	for (const {state} of snapshot.servers) {
		if (state.status === 'connected' && state.connectedAt !== undefined) {
			const uptime = now - state.connectedAt;
			const wait = msUntilDurationChanges(uptime);
			if (durationStepMs(uptime) > secondGridMs) {
				toMinute = Math.min(toMinute, wait);
			} else {
				toSecond = Math.min(toSecond, wait);
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
		onGrid(now + toMinute, minuteGridMs),
	);
	return Number.isFinite(soonest) ? soonest : undefined;
}

/** The first time on the grid at or after `at` (infinity stays infinity). */
function onGrid(at: number, gridMs: number): number {
	return Math.ceil(at / gridMs) * gridMs;
}
