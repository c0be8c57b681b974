import {type SystemEvent} from '../connections/types.js';

/** What an alert is about, as data; the view words it. */
export type AlertReason =
	| {kind: 'stale'; pid: number}
	| {kind: 'rejected'; status: number}
	| {kind: 'unreachable'}
	/** A connection that was up ended. */
	| {kind: 'dropped'; code: number}
	/** A message matched an alert pattern (its label: `"error"` or `/re/i`). */
	| {kind: 'matched'; pattern: string};

export type AlertKind = AlertReason['kind'];

/**
Turns each server's events into alerts on the way into a bad state: going stale, rejected or
unreachable, or dropping after being up. A server that keeps failing the same way (every reconnect
attempt unreachable) alerts once, until it connects again.
*/
export function createStateAlerts() {
	const lastKind = new Map<string, AlertKind>();
	return {
		reason(serverId: string, event: SystemEvent): AlertReason | undefined {
			const reason = reasonOf(event);
			if (event.event === 'connected' || event.event === 'removed') {
				lastKind.delete(serverId);
				return undefined;
			}

			if (!reason || lastKind.get(serverId) === reason.kind) {
				return undefined;
			}

			lastKind.set(serverId, reason.kind);
			return reason;
		},
	};
}

function reasonOf(event: SystemEvent): AlertReason | undefined {
	// Only these four are alerts; every other event (connected, info, warning…) is routine.
	if (event.event === 'stale') {
		return {kind: 'stale', pid: event.pid};
	}

	if (event.event === 'rejected') {
		return {kind: 'rejected', status: event.status};
	}

	if (event.event === 'unreachable') {
		return {kind: 'unreachable'};
	}

	return event.event === 'closed'
		? {kind: 'dropped', code: event.code}
		: undefined;
}
