import {type ServerEntry} from '../registry/schema.js';
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

export type SystemEventKind =
	| 'connected'
	| 'closed'
	| 'rejected'
	| 'unreachable'
	| 'stale'
	| 'added'
	| 'removed'
	| 'changed'
	| 'warning'
	| 'info'
	| 'skipped';

/** Something that happened to a connection, shown in the message pane as a system line. */
export type SystemEvent = {kind: SystemEventKind; text: string};

export type Delivery =
	| {id: string; delivered: true; bytes: number}
	| {id: string; delivered: false; reason: string};
