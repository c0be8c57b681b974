import {type OnConnectRule} from '../config/on-connect.js';
import {type BackoffOptions} from '../connections/backoff.js';
import {
	type Delivery,
	type ServerView,
	type SystemEvent,
} from '../connections/types.js';
import {type ServerEntry} from '../registry/schema.js';
import {type PackedFrames} from './frame-batch.js';

// What the UI thread and the ingest worker say to each other. Only data crosses: functions (a test's
// fake clock or probe) cannot, which is why the worker pool is the monitor's and the in-process
// pool stays for tests and the headless commands.

/** The pool's settings, as data (the worker's `workerData`). */
export type WorkerSettings = {
	maxPayload?: number;
	pingIntervalMs?: number;
	handshakeTimeoutMs?: number;
	maxHandshakes?: number;
	perMessageDeflate?: boolean;
	tlsCa?: string | Buffer | Array<string | Buffer>;
	backoff?: BackoffOptions;
	resetBackoffAfterMs?: number;
	maxBufferedBytes?: number;
	subscriptions: string[];
	onConnect: OnConnectRule[];
	/** The scrollback's bounds: no more than this is worth posting per batch. */
	scrollback: number;
	scrollbackBytes: number;
	/** Messages read per worker turn before its sockets pause until the next (its ingest budget). */
	ingestBudget: number;
	/** A batch is posted at most this often while frames keep coming, in ms. */
	batchIntervalMs: number;
};

/** A request the worker answers with a `reply` of the same `call` number. */
export type WorkerCall =
	| {type: 'send'; text: string; to?: string}
	| {type: 'subscribe' | 'unsubscribe'; topic: string};

export type ToWorker =
	| {type: 'reconcile'; entries: ServerEntry[]}
	| (WorkerCall & {call: number})
	| {type: 'close'};

/** A system event with its place among the batch's frames. */
export type OrderedEvent = {
	order: number;
	time: number;
	id: string;
	event: SystemEvent;
};

export type FromWorker =
	| {
			type: 'batch';
			frames: PackedFrames;
			/** Frames read but not posted: older than the newest ones the scrollback keeps. */
			skipped: number;
			events: OrderedEvent[];
			/** The servers that changed since the last batch, as the worker sees them. */
			views?: ServerView[];
			/** Every server id in registry order, when servers came or went. */
			ids?: string[];
			/** Only a heartbeat's round trip changed: worth showing, not urgently. */
			measuredOnly?: boolean;
	  }
	| {type: 'reply'; call: number; deliveries: Delivery[]}
	| {type: 'closed'};
