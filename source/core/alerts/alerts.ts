import {type MessageRecord} from '../messages/record.js';
import {type TextPattern} from '../query/text-pattern.js';
import {type AlertReason, createStateAlerts} from './alert-reasons.js';
import {createRateLimiter} from './rate-limit.js';
import {createScanBudget} from './scan-budget.js';

/** One alert that fired. */
export type Alert = {
	readonly time: number;
	readonly serverId: string;
	readonly reason: AlertReason;
	/** Alerts for this server held back by the rate limit since the one before. */
	readonly heldBack: number;
};

export type AlertsOptions = {
	now: () => number;
	/** Message patterns (`--alert`, the config file's `alert`). */
	patterns?: readonly TextPattern[];
	/** At most one alert per server per window, in ms. Default 10 s. */
	windowMs?: number;
	/** Bytes of message text matched against the patterns per second, at most. Default 8 MiB. */
	scanBytesPerSecond?: number;
	/** Called for each alert that fires (the line, the bell, the notification). */
	fired: (alert: Alert) => void;
};

export type AlertsSnapshot = {
	/** The newest last; at most `keptAlerts`. */
	readonly list: readonly Alert[];
	/** Fired since the list was last looked at: the header's badge. */
	readonly unseen: number;
	/** Messages not matched because the scan budget was spent (a flood). */
	readonly unchecked: number;
};

/** Alerts kept for `/alerts`; older ones go. */
export const keptAlerts = 500;
/** Bytes of a message matched: its start, where a log line says what it is. */
export const matchedBytes = 4096;

/**
Watches the records the store makes (its `onRecord`) for alerts: servers going into a bad state
(alert-reasons.ts) and messages matching a pattern. Matching reads a message's raw text, never its
full decode, and within a byte budget per second: under a flood the overflow is counted as unchecked
rather than slowing ingest.
*/
export function createAlerts(options: AlertsOptions) {
	const limiter = createRateLimiter({
		windowMs: options.windowMs ?? 10_000,
		now: options.now,
	});
	const budget = createScanBudget(
		options.scanBytesPerSecond ?? 8 * 1024 * 1024,
		options.now,
	);
	const states = createStateAlerts();
	let patterns = [...(options.patterns ?? [])];
	let list: Alert[] = [];
	let unseen = 0;
	let unchecked = 0;

	const raise = (serverId: string, reason: AlertReason) => {
		const admitted = limiter.admit(serverId);
		if (!admitted.admitted) {
			return;
		}

		const alert: Alert = {
			time: options.now(),
			serverId,
			reason,
			heldBack: admitted.heldBack,
		};
		list.push(alert);
		if (list.length > keptAlerts) {
			list = list.slice(-keptAlerts);
		}

		unseen++;
		options.fired(alert);
	};

	const match = (record: MessageRecord) => {
		if (patterns.length === 0 || record.direction !== 'in') {
			return;
		}

		const length = Math.min(record.bytes, matchedBytes);
		if (!budget.take(length)) {
			unchecked++;
			return;
		}

		const text = record.rawText?.(matchedBytes);
		const found =
			text === undefined
				? undefined
				: patterns.find((pattern) => pattern.test(text));
		if (found) {
			raise(record.serverId, {kind: 'matched', pattern: found.label});
		}
	};

	return {
		observe(record: MessageRecord) {
			if (record.systemEvent) {
				const reason = states.reason(record.serverId, record.systemEvent);
				if (reason) {
					raise(record.serverId, reason);
				}

				return;
			}

			match(record);
		},
		patterns: (): readonly TextPattern[] => patterns,
		/** Adds a pattern; false when one with the same label is there already. */
		addPattern(pattern: TextPattern): boolean {
			if (patterns.some((known) => known.label === pattern.label)) {
				return false;
			}

			patterns = [...patterns, pattern];
			return true;
		},
		/** Removes the pattern with this label, or every pattern (undefined); how many went. */
		removePatterns(label?: string): number {
			const before = patterns.length;
			patterns =
				label === undefined
					? []
					: patterns.filter((pattern) => pattern.label !== label);
			return before - patterns.length;
		},
		snapshot: (): AlertsSnapshot => ({list, unseen, unchecked}),
		/** The list was shown: the badge clears. */
		markSeen() {
			unseen = 0;
		},
	};
}

export type Alerts = ReturnType<typeof createAlerts>;
