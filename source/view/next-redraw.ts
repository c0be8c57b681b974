import {msUntilDurationChanges} from '../core/format.js';
import {type MonitorSnapshot} from '../core/store.js';
import {msUntilCountdownChanges} from './server-status.js';

/**
When the server table will read differently with no new data: an uptime or a retry countdown ticks
over. The store republishes then, so the screen redraws only when something on it changes (once a
second while uptimes show seconds, about once a minute per server after an hour). The time is put
on the next whole second of the clock, so the rows of servers that connected a few hundred ms apart
change together in one redraw rather than one each (a row may show its new second up to 1 s late).
*/
export function nextRedrawAt(snapshot: MonitorSnapshot): number | undefined {
	const {now} = snapshot;
	let soonest = Number.POSITIVE_INFINITY;
	for (const {state} of snapshot.servers) {
		if (state.status === 'connected' && state.connectedAt !== undefined) {
			soonest = Math.min(
				soonest,
				msUntilDurationChanges(now - state.connectedAt),
			);
		}

		if (state.nextRetryAt !== undefined) {
			soonest = Math.min(
				soonest,
				msUntilCountdownChanges(state.nextRetryAt, now),
			);
		}
	}

	return Number.isFinite(soonest)
		? Math.ceil((now + soonest) / 1000) * 1000
		: undefined;
}
