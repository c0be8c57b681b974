import {
	closeCodeMeaning,
	formatClose,
} from '../core/connections/close-codes.js';
import {
	type SystemEvent,
	type SystemEventKind,
} from '../core/connections/types.js';
import {formatWarning} from '../core/registry/warnings.js';

/*
The one place system events become words: the message pane, saved files and the NDJSON stream's
`text` all read what this says. No React here, so the headless commands can use it too. Fields
that came from a server or the registry arrive bounded; the record sanitises the line.
*/

/** Why a refused upgrade most likely happened, when the status says so. */
function rejectedHint(status: number): string {
	return status === 401 || status === 403
		? ' (check the token in the registry)'
		: '';
}

/** One line for a system event, as the message pane shows it. */
export function eventText(event: SystemEvent): string {
	switch (event.event) {
		case 'connected': {
			return 'connected';
		}

		case 'closed': {
			const close = {...event, meaning: closeCodeMeaning(event.code)};
			return `closed ${formatClose(close)}${event.reconnecting ? ' · reconnecting' : ''}`;
		}

		case 'failed': {
			return `failed: ${event.error}`;
		}

		case 'rejected': {
			const text = event.statusText === '' ? '' : ` ${event.statusText}`;
			return `rejected: HTTP ${event.status}${text}${rejectedHint(event.status)}`;
		}

		case 'unreachable': {
			// See planAddress: with a token, localhost is tried as 127.0.0.1 only.
			const hint = event.tokenOnLocalhost
				? ' (with a token, localhost means 127.0.0.1 only: an IPv6-only server is named "::1")'
				: '';
			// Another machine's process is not checked from here: say only what was seen.
			const alive = event.otherMachine ? '' : ', process alive';
			return `unreachable: connection refused${alive}${hint}`;
		}

		case 'stale': {
			return `stale: process ${event.pid} is gone (${event.reason}); not retrying`;
		}

		case 'invalid':
		case 'withheld': {
			return event.error;
		}

		case 'added': {
			return 'added to the registry';
		}

		case 'removed': {
			return 'removed from the registry';
		}

		case 'changed': {
			return 'registry entry changed · reconnecting';
		}

		case 'warning': {
			return formatWarning(event.warning);
		}

		case 'skipped': {
			return `not sent: ${event.reason}`;
		}

		case 'info': {
			return event.text;
		}
	}
}

/** How each kind of system event looks: problems stand out, routine events stay quiet. */
const eventColors: Record<SystemEventKind, string> = {
	connected: 'green',
	closed: 'red',
	failed: 'red',
	rejected: 'red',
	unreachable: 'red',
	stale: 'gray',
	warning: 'yellow',
	invalid: 'yellow',
	withheld: 'yellow',
	skipped: 'yellow',
	added: 'gray',
	removed: 'gray',
	changed: 'gray',
	info: 'white',
};

const colorByName = new Map<string, string>(Object.entries(eventColors));

/** The colour of a system line, by its event's name; white for a name it does not know. */
export function eventColor(event: string | undefined): string {
	return colorByName.get(event ?? '') ?? 'white';
}
