/** Compact durations for narrow columns: `42s`, `3m12s`, `1h02m`, `3d04h`. */
export function formatDuration(ms: number): string {
	if (!Number.isFinite(ms) || ms < 0) {
		return '—';
	}

	const seconds = Math.floor(ms / 1000);
	if (seconds < 60) {
		return `${seconds}s`;
	}

	const minutes = Math.floor(seconds / 60);
	if (minutes < 60) {
		return `${minutes}m${pad(seconds % 60)}s`;
	}

	const hours = Math.floor(minutes / 60);
	if (hours < 24) {
		return `${hours}h${pad(minutes % 60)}m`;
	}

	return `${Math.floor(hours / 24)}d${pad(hours % 24)}h`;
}

/** The smallest step `formatDuration` shows at this length: seconds, then minutes, then hours. */
export function durationStepMs(ms: number): number {
	if (ms < 3_600_000) {
		return 1000;
	}

	return ms < 86_400_000 ? 60_000 : 3_600_000;
}

/** How long until `formatDuration` of a growing duration (an uptime) reads differently, in ms. */
export function msUntilDurationChanges(ms: number): number {
	if (!Number.isFinite(ms)) {
		return Number.POSITIVE_INFINITY;
	}

	if (ms < 0) {
		return -ms; // Shown as "—" until it reaches zero.
	}

	const step = durationStepMs(ms);
	return step - (ms % step);
}

/** Counts that fit five columns: `999`, `3.1k`, `12k`, `4.2M`. */
export function formatCount(value: number): string {
	if (value < 1000) {
		return String(value);
	}

	for (const [limit, suffix] of [
		[1e6, 'k'],
		[1e9, 'M'],
		[1e12, 'G'],
	] as const) {
		if (value < limit) {
			const scaled = value / (limit / 1000);
			return `${scaled < 10 ? scaled.toFixed(1) : Math.floor(scaled)}${suffix}`;
		}
	}

	return value.toExponential(1);
}

/** Sizes in bytes: `512 B`, `1.5 KiB`, `2.0 MiB`. */
export function formatBytes(bytes: number): string {
	if (bytes < 1024) {
		return `${bytes} B`;
	}

	const units = ['KiB', 'MiB', 'GiB'];
	let value = bytes / 1024;
	let unit = 0;
	while (value >= 1024 && unit < units.length - 1) {
		value /= 1024;
		unit++;
	}

	return `${value.toFixed(1)} ${units[unit]!}`;
}

/** Age of an ISO time, or undefined when the time is missing or unreadable. */
export function ageMs(
	isoTime: string | undefined,
	now = Date.now(),
): number | undefined {
	if (isoTime === undefined) {
		return undefined;
	}

	const started = Date.parse(isoTime);
	return Number.isNaN(started) ? undefined : Math.max(0, now - started);
}

function pad(value: number): string {
	return String(value).padStart(2, '0');
}
