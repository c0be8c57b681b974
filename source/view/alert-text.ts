import {type Alert} from '../core/alerts/alerts.js';
import {type AlertReason} from '../core/alerts/alert-reasons.js';
import {closeCodeMeaning} from '../core/connections/close-codes.js';
import {sanitizeLabel} from '../core/messages/sanitize.js';
import {formatClock} from './clock.js';

/*
Alerts in words: the pane's line, the notification and the /alerts list all read these. Server ids
and patterns are untrusted; they are bounded and sanitised here (the notification strips them
further, see core/alerts/notification.ts).
*/

export function reasonText(reason: AlertReason): string {
	switch (reason.kind) {
		case 'stale': {
			return `stale: process ${reason.pid} is gone`;
		}

		case 'rejected': {
			return `rejected: HTTP ${reason.status}`;
		}

		case 'unreachable': {
			return 'unreachable: connection refused';
		}

		case 'dropped': {
			const meaning = closeCodeMeaning(reason.code);
			return `dropped: closed ${reason.code}${meaning ? ` ${meaning}` : ''}`;
		}

		case 'matched': {
			return `message matched ${sanitizeLabel(reason.pattern, 200)}`;
		}
	}
}

/** `+4 more` when the rate limit held some back, else ''. */
function heldBackText(alert: Alert): string {
	return alert.heldBack > 0 ? ` (+${alert.heldBack} more)` : '';
}

/** The pane's line for an alert (its server is the line's own column). */
export function alertLine(alert: Alert): string {
	return `⚑ alert: ${reasonText(alert.reason)}${heldBackText(alert)}`;
}

/** A desktop notification's title and body. */
export function alertNotification(alert: Alert): {title: string; body: string} {
	return {
		title: `shipyard: ${sanitizeLabel(alert.serverId, 100)}`,
		body: `${reasonText(alert.reason)}${heldBackText(alert)}`,
	};
}

/** The /alerts list, newest first: `12:01:03  api  dropped: closed 1006 …`. */
export function alertRows(alerts: readonly Alert[]): string[] {
	if (alerts.length === 0) {
		return ['no alerts yet'];
	}

	const ids = alerts.map((alert) => sanitizeLabel(alert.serverId, 40));
	const width = Math.max(...ids.map((id) => id.length));
	return alerts
		.map(
			(alert, index) =>
				`${formatClock(alert.time)}  ${ids[index]!.padEnd(width)}  ${reasonText(alert.reason)}${heldBackText(alert)}`,
		)
		.toReversed();
}

/** The /alerts rule's note: `3 alerts · 12 messages unchecked (flood)`. */
export function alertsDetail(
	state: {list: readonly Alert[]; unchecked: number} | undefined,
): string {
	const count = state?.list.length ?? 0;
	const unchecked =
		(state?.unchecked ?? 0) > 0
			? ` · ${state?.unchecked} messages not matched (flood over the budget)`
			: '';
	return `${count} ${count === 1 ? 'alert' : 'alerts'}${unchecked} · Esc closes`;
}
