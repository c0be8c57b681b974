import {type ServerEntry} from '../registry/schema.js';
import {type RegistryWarning} from '../registry/warnings.js';
import {type CloseInfo} from './close-codes.js';

/** Each status a server's row can show. */
export const serverStatuses = [
	'connecting',
	'connected',
	'reconnecting',
	'rejected',
	'unreachable',
	'stale',
	'closed',
	/** The entry cannot be connected to as written (bad address, header…); not retried. */
	'invalid',
	/** Connecting would send its token in clear text off this machine; not attempted. */
	'withheld',
] as const;

export type ServerStatus = (typeof serverStatuses)[number];

export type ConnectionState = {
	status: ServerStatus;
	/** Failed attempts since the last connection that stayed up. */
	attempt: number;
	/** When the next try is due (reconnecting, rejected, unreachable). */
	nextRetryAt?: number;
	/** How the last connection ended, when it did. */
	lastClose?: CloseInfo;
	/** HTTP status of a refused upgrade (rejected). */
	httpStatus?: number;
	/** Why the last attempt failed, in words (unreachable, handshake timeout, invalid, withheld…). */
	error?: string;
	/** When the current connection opened (connected). */
	connectedAt?: number;
	/** Why the server is stale: its process is gone. */
	staleReason?: string;
};

export type Counters = {
	messagesIn: number;
	bytesIn: number;
	messagesOut: number;
	bytesOut: number;
	/** Last heartbeat round trip, in ms. */
	rttMs?: number;
};

/** What the view and the headless commands see of one server. */
export type ServerView = {
	id: string;
	entry: ServerEntry;
	state: ConnectionState;
	counters: Counters;
	/** The entry names a host that is not loopback: what is sent to it leaves this machine. Absent: loopback. */
	remote?: boolean;
};

/**
Something that happened to a server, as data: the view words it (`view/event-text.ts`) and the NDJSON
stream carries its fields. Every string in it that came from a server or the registry is bounded
(`boundedReason`) and is sanitised where it is shown.
*/
export type SystemEvent =
	| {event: 'connected'}
	/** An open connection ended; `reconnecting`: its process is alive, so it is retried. */
	| {event: 'closed'; code: number; reason: string; reconnecting: boolean}
	/** An attempt failed before opening (handshake timeout, network error…). */
	| {event: 'failed'; error: string}
	/** The server refused the upgrade with this HTTP status. */
	| {event: 'rejected'; status: number; statusText: string}
	/**
	Connection refused while the process is alive. `tokenOnLocalhost`: the entry has a token and
	names localhost, so only 127.0.0.1 was tried (see `planAddress`).
	*/
	| {
			event: 'unreachable';
			tokenOnLocalhost: boolean;
			/** The entry is another machine's: its process was not checked from here. */
			otherMachine?: true;
	  }
	/** The entry's process is gone (`reason` from the liveness probe); not retried. */
	| {event: 'stale'; pid: number; reason: string}
	/** The entry cannot be connected to as written; `error` says why (as the row does). */
	| {event: 'invalid'; error: string}
	/** Its token would leave this machine in clear text; `error` says why (as the row does). */
	| {event: 'withheld'; error: string}
	| {event: 'added'}
	| {event: 'removed'}
	/** Where or how to connect changed: it reconnects. */
	| {event: 'changed'}
	| {event: 'warning'; warning: RegistryWarning}
	/** A message was not sent to this server. */
	| {event: 'skipped'; reason: string}
	/** A note from the monitor itself (an answer to a slash command), already in words. */
	| {event: 'info'; text: string};

export type SystemEventKind = SystemEvent['event'];

/**
An event as data on one line, for headless users of the store that bring no wording of their own:
`closed code=1006 reason="" reconnecting=true`. The monitor and the NDJSON stream use the view's
`eventText` instead.
*/
export function eventAsData(event: SystemEvent): string {
	const {event: name, ...fields} = event;
	return [
		name,
		...Object.entries(fields).map(
			([key, value]) => `${key}=${JSON.stringify(value)}`,
		),
	].join(' ');
}

export type Delivery =
	| {id: string; delivered: true; bytes: number}
	| {id: string; delivered: false; reason: string};
