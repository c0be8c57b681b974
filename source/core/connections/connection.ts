import WebSocket, {type RawData} from 'ws';
import {type ProcessProbe} from '../registry/liveness.js';
import {type ServerEntry} from '../registry/schema.js';
import {webSocketUrl} from '../registry/address.js';
import {formatBytes} from '../format.js';
import {rawDataLength} from '../raw-data.js';
import {reconnectDelay, type BackoffOptions} from './backoff.js';
import {closeCodeMeaning, formatClose, type CloseInfo} from './close-codes.js';
import {
	type ConnectionState,
	type Counters,
	type Delivery,
	type SystemEvent,
} from './types.js';

export type ConnectionOptions = {
	/** Largest incoming message, in bytes; a larger one closes the connection with 1009. */
	maxPayload: number;
	/** Heartbeat ping interval, in ms; a peer that misses a pong by the next ping is dropped. */
	pingIntervalMs: number;
	/** A server that accepts TCP but never completes the upgrade fails after this long, in ms. */
	handshakeTimeoutMs: number;
	backoff: BackoffOptions;
	/** A connection that stayed up this long starts its retry count afresh, in ms. */
	resetBackoffAfterMs: number;
	/** Sends to a peer with more than this many bytes still waiting are skipped, not queued. */
	maxBufferedBytes: number;
	/** Topics to subscribe to on every (re)connect, as `[topic, "subscribe", {}]`. */
	subscriptions: () => Iterable<string>;
	probe: (pid: number, procStart?: number) => ProcessProbe;
	random: () => number;
	now: () => number;
};

export type ConnectionListener = {
	/** State or counters changed. */
	changed(): void;
	/** A heartbeat round trip was measured: worth showing, not urgently. */
	measured(): void;
	message(id: string, data: RawData, isBinary: boolean): void;
	event(id: string, event: SystemEvent): void;
};

/** Fields of an entry that decide where and how to connect: a change means reconnecting. */
export function connectionKey(entry: ServerEntry): string {
	return JSON.stringify([
		entry.host,
		entry.port,
		entry.path,
		entry.token,
		entry.pid,
		entry.procStart,
	]);
}

const minimumRetryMs = 50;

type Failure = {
	close?: CloseInfo;
	httpStatus?: number;
	error?: string;
	code?: string;
};

/** One socket's life: which host it tried and how it ended. */
type SocketAttempt = {
	socket: WebSocket;
	hostIndex: number;
	failure: Failure;
	ended: boolean;
};

/**
One registry entry's WebSocket: connects, keeps a heartbeat, counts traffic, and retries with
backoff while the entry's process is alive. A dead process makes it stale, with no retries.
*/
export class Connection {
	entry: ServerEntry;
	state: ConnectionState = {status: 'connecting', attempt: 0};
	readonly counters: Counters = {
		messagesIn: 0,
		bytesIn: 0,
		messagesOut: 0,
		bytesOut: 0,
	};

	private current: SocketAttempt | undefined;
	private retryTimer: NodeJS.Timeout | undefined;
	private heartbeatTimer: NodeJS.Timeout | undefined;
	private pingSentAt: number | undefined;
	/**
	Any frame since the last heartbeat check proves the peer alive: under a flood the pong waits
	behind megabytes of data, and dropping such a busy connection would lose all of it.
	*/
	private heardSinceCheck = false;
	private preferredHost = 0;
	private disposed = false;
	private paused = false;

	constructor(
		entry: ServerEntry,
		private readonly options: ConnectionOptions,
		private readonly listener: ConnectionListener,
	) {
		this.entry = entry;
	}

	get id(): string {
		return this.entry.id;
	}

	start(): void {
		this.connect(0);
	}

	/** A new version of the entry: reconnect at once if where or how to connect changed. */
	update(entry: ServerEntry): void {
		const reconnect = connectionKey(entry) !== connectionKey(this.entry);
		this.entry = entry;
		if (!reconnect) {
			this.listener.changed();
			return;
		}

		this.dropSocket(1001, 'registry entry changed');
		clearTimeout(this.retryTimer);
		this.state = {status: 'connecting', attempt: 0};
		this.preferredHost = 0;
		this.connect(0);
	}

	/** Sends one text frame, unless the peer is not connected or not reading. */
	async send(text: string): Promise<Delivery> {
		const socket = this.current?.socket;
		if (socket?.readyState !== WebSocket.OPEN) {
			return {
				id: this.id,
				delivered: false,
				reason: `not connected (${this.state.status})`,
			};
		}

		if (socket.bufferedAmount > this.options.maxBufferedBytes) {
			return {
				id: this.id,
				delivered: false,
				reason: `peer is not reading (${formatBytes(socket.bufferedAmount)} still waiting)`,
			};
		}

		const bytes = Buffer.byteLength(text);
		this.counters.messagesOut++;
		this.counters.bytesOut += bytes;
		this.listener.changed();
		return new Promise((resolve) => {
			socket.send(text, (error) => {
				resolve(
					error
						? {id: this.id, delivered: false, reason: error.message}
						: {id: this.id, delivered: true, bytes},
				);
			});
		});
	}

	/** Stops reading from the socket (ingest budget); the kernel buffers meanwhile. */
	pause(): void {
		this.paused = true;
		this.current?.socket.pause();
	}

	resume(): void {
		this.paused = false;
		this.current?.socket.resume();
	}

	/** Closes for good, telling the server why (going away: removed, or the monitor quit). */
	dispose(reason = 'removed from registry'): void {
		this.disposed = true;
		clearTimeout(this.retryTimer);
		this.dropSocket(1001, reason);
		this.state = {...this.state, status: 'closed', nextRetryAt: undefined};
	}

	private hosts(): string[] {
		const {host} = this.entry;
		// "localhost" may be served on IPv4, IPv6 or both, whatever the resolver prefers: try both.
		return host === undefined || host === 'localhost'
			? ['127.0.0.1', '::1']
			: [host];
	}

	private connect(hostIndex: number): void {
		if (this.disposed) {
			return;
		}

		const probe = this.options.probe(this.entry.pid, this.entry.procStart);
		if (!probe.alive) {
			this.becomeStale(probe.reason);
			return;
		}

		const hosts = this.hosts();
		const host = hosts[(this.preferredHost + hostIndex) % hosts.length]!;
		const socket = new WebSocket(webSocketUrl(this.entry, host), {
			maxPayload: this.options.maxPayload,
			handshakeTimeout: this.options.handshakeTimeoutMs,
			headers:
				this.entry.token === undefined
					? {}
					: {authorization: `Bearer ${this.entry.token}`},
			followRedirects: false,
		});
		const attempt: SocketAttempt = {
			socket,
			hostIndex,
			failure: {},
			ended: false,
		};
		this.current = attempt;
		// A first try shows "connecting"; a retry keeps showing why it is retrying.
		this.state =
			this.state.attempt === 0
				? {status: 'connecting', attempt: 0}
				: {...this.state, nextRetryAt: undefined};

		const end = () => {
			if (!attempt.ended) {
				attempt.ended = true;
				this.onSocketEnd(attempt);
			}
		};

		socket.on('open', () => {
			this.preferredHost = (this.preferredHost + hostIndex) % hosts.length;
			this.onOpen(socket);
		});
		socket.on('message', (data, isBinary) => {
			this.counters.messagesIn++;
			this.heardSinceCheck = true;
			this.counters.bytesIn += rawDataLength(data);
			this.listener.message(this.id, data, isBinary);
		});
		socket.on('pong', () => {
			if (this.pingSentAt !== undefined) {
				this.counters.rttMs = this.options.now() - this.pingSentAt;
				this.pingSentAt = undefined;
				this.listener.measured();
			}
		});
		socket.on('unexpected-response', (request, response) => {
			attempt.failure = {
				httpStatus: response.statusCode ?? 0,
				error: response.statusMessage ?? '',
			};
			response.resume();
			request.destroy();
			end();
		});
		socket.on('error', (error: Error & {code?: string}) => {
			attempt.failure = {
				...attempt.failure,
				...describeSocketError(error, this.options.maxPayload),
			};
		});
		socket.on('close', (code, reason) => {
			attempt.failure.close ??= {
				code,
				reason: reason.toString(),
				meaning: closeCodeMeaning(code),
			};
			end();
		});
	}

	private onOpen(socket: WebSocket): void {
		if (this.paused) {
			socket.pause();
		}

		this.state = {
			status: 'connected',
			attempt: this.state.attempt,
			connectedAt: this.options.now(),
		};
		this.listener.event(this.id, {kind: 'connected', text: 'connected'});
		for (const topic of this.options.subscriptions()) {
			socket.send(JSON.stringify([topic, 'subscribe', {}]));
		}

		this.startHeartbeat(socket);
		this.listener.changed();
	}

	private startHeartbeat(socket: WebSocket): void {
		clearInterval(this.heartbeatTimer);
		// A first ping at once, so the round-trip time shows without waiting a whole interval.
		this.pingSentAt = this.options.now();
		socket.ping();
		this.heardSinceCheck = false;
		this.heartbeatTimer = setInterval(() => {
			const heard = this.heardSinceCheck;
			this.heardSinceCheck = false;
			if (this.pingSentAt !== undefined && heard) {
				return; // Busy, not dead: wait for the pong that is queued behind the data.
			}

			if (this.pingSentAt !== undefined) {
				// No pong and no frame for a whole interval: a half-open or frozen peer must not stay
				// "connected".
				if (this.current?.socket === socket) {
					this.current.failure.close = {
						code: 1006,
						reason: `no heartbeat reply within ${this.options.pingIntervalMs} ms (peer frozen or half-open)`,
						meaning: closeCodeMeaning(1006),
					};
				}

				socket.terminate();
				return;
			}

			this.pingSentAt = this.options.now();
			socket.ping();
		}, this.options.pingIntervalMs);
		this.heartbeatTimer.unref();
	}

	private onSocketEnd(ended: SocketAttempt): void {
		if (ended !== this.current) {
			return; // An old socket, dropped after an entry change or removal.
		}

		const {failure, hostIndex} = ended;
		clearInterval(this.heartbeatTimer);
		this.current = undefined;
		const wasConnected = this.state.status === 'connected';
		const connectedFor = wasConnected
			? this.options.now() - (this.state.connectedAt ?? 0)
			: 0;
		if (this.disposed) {
			return;
		}

		// Refused on one loopback family: try the other before calling it a failure.
		if (
			!wasConnected &&
			failure.code === 'ECONNREFUSED' &&
			hostIndex + 1 < this.hosts().length
		) {
			this.connect(hostIndex + 1);
			return;
		}

		const probe = this.options.probe(this.entry.pid, this.entry.procStart);
		if (wasConnected && failure.close) {
			this.listener.event(this.id, {
				kind: 'closed',
				text: `closed ${formatClose(failure.close)}${probe.alive ? ' · reconnecting' : ''}`,
			});
		}

		if (!probe.alive) {
			this.becomeStale(probe.reason, failure.close);
			return;
		}

		const attempt =
			connectedFor >= this.options.resetBackoffAfterMs
				? 1
				: this.state.attempt + 1;
		const delay = Math.max(
			minimumRetryMs,
			reconnectDelay(attempt, this.options.backoff, this.options.random),
		);
		const nextRetryAt = this.options.now() + delay;
		const previous = this.state.status;
		this.state = failedState(failure, wasConnected, attempt, nextRetryAt);
		// Say it once when it starts failing in a new way, not at every retry.
		if (this.state.status !== previous && !wasConnected) {
			this.announceFailure();
		}

		this.retryTimer = setTimeout(() => {
			this.connect(0);
		}, delay);
		this.listener.changed();
	}

	private announceFailure(): void {
		const {state} = this;
		if (state.status === 'rejected') {
			this.listener.event(this.id, {
				kind: 'rejected',
				text: `rejected: HTTP ${state.httpStatus ?? '?'}${state.error ? ` ${state.error}` : ''}${state.httpStatus === 401 || state.httpStatus === 403 ? ' (check the token in the registry)' : ''}`,
			});
		} else if (state.status === 'unreachable') {
			this.listener.event(this.id, {
				kind: 'unreachable',
				text: 'unreachable: connection refused, process alive',
			});
		} else if (state.error !== undefined) {
			this.listener.event(this.id, {
				kind: 'closed',
				text: `failed: ${state.error}`,
			});
		}
	}

	private becomeStale(reason: string, lastClose?: CloseInfo): void {
		const already = this.state.status === 'stale';
		this.state = {
			status: 'stale',
			attempt: this.state.attempt,
			staleReason: reason === 'pid reused' ? reason : 'pid gone',
			...(lastClose ? {lastClose} : {}),
		};
		if (!already) {
			this.listener.event(this.id, {
				kind: 'stale',
				text: `stale: process ${this.entry.pid} is gone (${reason}); not retrying`,
			});
		}

		this.listener.changed();
	}

	private dropSocket(code: number, reason: string): void {
		const socket = this.current?.socket;
		this.current = undefined;
		clearInterval(this.heartbeatTimer);
		if (!socket) {
			return;
		}

		if (socket.readyState === WebSocket.OPEN) {
			socket.close(code, reason);
			// A peer that never answers the close handshake is cut off.
			setTimeout(() => {
				socket.terminate();
			}, 1000).unref();
		} else {
			socket.terminate();
		}
	}
}

/** What a row shows after a failed or lost connection that will be retried. */
function failedState(
	failure: Failure,
	wasConnected: boolean,
	attempt: number,
	nextRetryAt: number,
): ConnectionState {
	if (failure.httpStatus !== undefined) {
		return {
			status: 'rejected',
			attempt,
			nextRetryAt,
			httpStatus: failure.httpStatus,
			error: failure.error ?? '',
		};
	}

	if (!wasConnected && failure.code === 'ECONNREFUSED') {
		return {
			status: 'unreachable',
			attempt,
			nextRetryAt,
			error: 'connection refused',
		};
	}

	return {
		status: 'reconnecting',
		attempt,
		nextRetryAt,
		...(failure.close ? {lastClose: failure.close} : {}),
		...(failure.error === undefined ? {} : {error: failure.error}),
	};
}

function describeSocketError(
	error: Error & {code?: string},
	maxPayload: number,
): {close?: CloseInfo; error?: string; code?: string} {
	switch (error.code ?? '') {
		case 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH': {
			// The peer is told 1009 but our own close event says 1006: keep the real reason.
			return {
				close: {
					code: 1009,
					reason: `a frame exceeded the ${formatBytes(maxPayload)} limit (--max-payload)`,
					meaning: closeCodeMeaning(1009),
				},
				code: error.code,
			};
		}

		case 'WS_ERR_INVALID_UTF8': {
			return {
				close: {
					code: 1007,
					reason: 'invalid UTF-8 in a text frame',
					meaning: closeCodeMeaning(1007),
				},
				code: error.code,
			};
		}

		default: {
			if (error.code?.startsWith('WS_ERR_')) {
				return {
					close: {
						code: 1002,
						reason: error.message,
						meaning: closeCodeMeaning(1002),
					},
					code: error.code,
				};
			}

			return {
				error: error.message.includes('handshake has timed out')
					? 'handshake timed out'
					: error.message,
				...(error.code ? {code: error.code} : {}),
			};
		}
	}
}
