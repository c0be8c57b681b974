/**
How the pane stamps each line; `/time` steps through the modes in this order. Every stamp of one
mode has one width, so the columns after it stay aligned.
*/
import {formatClock} from './clock.js';

export const timeModes = ['clock', 'millis', 'delta', 'off'] as const;
export type TimeMode = (typeof timeModes)[number];

export const timeModeLabels: Record<TimeMode, string> = {
	clock: 'HH:MM:SS',
	millis: 'HH:MM:SS.mmm',
	delta: '+Δ since the line before',
	off: 'off',
};

export function nextTimeMode(mode: TimeMode): TimeMode {
	return timeModes[(timeModes.indexOf(mode) + 1) % timeModes.length]!;
}

/**
The stamp of a line at `time` in `mode`, `''` when off. `previous` is the time of the line shown
before it (for `delta`; the first line shows `+0`).
*/
export function timeStamp(
	mode: TimeMode,
	time: number,
	previous: number | undefined,
): string {
	switch (mode) {
		case 'clock': {
			return formatClock(time);
		}

		case 'millis': {
			return `${formatClock(time)}.${String(new Date(time).getMilliseconds()).padStart(3, '0')}`;
		}

		case 'delta': {
			return formatDelta(previous === undefined ? 0 : time - previous).padStart(
				deltaWidth,
			);
		}

		case 'off': {
			return '';
		}
	}
}

/** `+12ms`, `+1.25s`, `+3m05s`, `+2h04m`: at most 7 cells. */
const deltaWidth = 7;

export function formatDelta(ms: number): string {
	// Clocks can step back (NTP); a negative gap shows as none rather than as nonsense.
	const gap = Math.max(0, Math.round(ms));
	if (gap < 1000) {
		return `+${gap}ms`;
	}

	if (gap < 60_000) {
		return `+${(gap / 1000).toFixed(gap < 10_000 ? 2 : 1)}s`;
	}

	const minutes = Math.floor(gap / 60_000);
	if (minutes < 60) {
		return `+${minutes}m${String(Math.floor((gap % 60_000) / 1000)).padStart(2, '0')}s`;
	}

	const hours = Math.floor(minutes / 60);
	return hours < 100
		? `+${hours}h${String(minutes % 60).padStart(2, '0')}m`
		: `+${Math.min(hours, 99_999)}h`;
}
