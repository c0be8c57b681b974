import {type RawData} from 'ws';
import {type ProcessProbe} from '../registry/liveness.js';
import {type BackoffOptions} from './backoff.js';
import {type HandshakeGate} from './handshake-gate.js';
import {type SystemEvent} from './types.js';

export type ConnectionOptions = {
	/** Largest incoming message, in bytes; a larger one closes the connection with 1009. */
	maxPayload: number;
	/** Heartbeat ping interval, in ms; a peer that misses a pong by the next ping is dropped. */
	pingIntervalMs: number;
	/**
	The whole opening handshake (TCP, TLS, upgrade) must finish within this long, in ms, however
	slowly the server trickles its answer.
	*/
	handshakeTimeoutMs: number;
	/** Bounds the handshakes in flight at once across the pool; none: every attempt starts at once. */
	handshakes?: HandshakeGate;
	/** Offer permessage-deflate to servers. Default false: it costs memory and CPU for nothing here. */
	perMessageDeflate?: boolean;
	/**
	Certificate authorities trusted for `tls: true` entries besides the system's (a local development
	or company CA, `--ca`): added, never instead of Node's own list.
	*/
	tlsCa?: string | Buffer | Array<string | Buffer>;
	backoff: BackoffOptions;
	/** A connection that stayed up this long starts its retry count afresh, in ms. */
	resetBackoffAfterMs: number;
	/** Sends to a peer with more than this many bytes still waiting are skipped, not queued. */
	maxBufferedBytes: number;
	/** Topics to subscribe to on every (re)connect, as `[topic, "subscribe", {}]`. */
	subscriptions: () => Iterable<string>;
	/** Messages to send to server `id` on every (re)connect, after the subscriptions (config `onConnect`). */
	greetings?: (id: string) => Iterable<string>;
	probe: (pid: number, procStart?: number) => ProcessProbe;
	random: () => number;
	now: () => number;
};

export type ConnectionListener = {
	/** State or counters changed. */
	changed(): void;
	/** A heartbeat round trip was measured: worth showing, not urgently. */
	measured(): void;
	/**
	`received`: when the frame was read and its whole size, when it was read elsewhere (the ingest
	worker) and only its kept bytes are handed over.
	*/
	message(
		id: string,
		data: RawData,
		isBinary: boolean,
		received?: {time: number; length: number},
	): void;
	/** `time`: when it happened, when that was elsewhere (the ingest worker). */
	event(id: string, event: SystemEvent, time?: number): void;
	/**
	Frames read elsewhere (the ingest worker) and never handed over, because newer ones would have
	evicted them from the scrollback anyway: counted, as if received and dropped.
	*/
	skipped?(count: number): void;
};
