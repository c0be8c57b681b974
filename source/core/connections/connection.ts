import WebSocket, {type RawData} from 'ws';
import {type ProcessProbe} from '../registry/liveness.js';
import {type ServerEntry} from '../registry/schema.js';
import {addressMismatch, webSocketUrl} from '../registry/address.js';
import {formatBytes} from '../format.js';
import {rawDataLength} from '../raw-data.js';
import {planAddress, wantsTls, type AddressPlan} from './address-policy.js';
import {reconnectDelay, type BackoffOptions} from './backoff.js';
import {type HandshakeGate} from './handshake-gate.js';
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
	/**
	The whole opening handshake (TCP, TLS, upgrade) must finish within this long, in ms, however
	slowly the server trickles its answer.
	*/
	handshakeTimeoutMs: number;
	/** Bounds the handshakes in flight at once across the pool; none: every attempt starts at once. */
	handshakes?: HandshakeGate;
	/** Offer permessage-deflate to servers. Default false: it costs memory and CPU for nothing here. */
	perMessageDeflate?: boolean;
	/** Extra certificate authorities trusted for `tls: true` entries (a local development CA). */
	tlsCa?: string | Buffer;
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
		wantsTls(entry),
		entry.pid,
		entry.procStart,
	]);
}

const minimumRetryMs = 50;
/** Server-controlled words (HTTP status text, error messages) are cut to this many characters. */
export const maxReasonLength = 200;

/** Keeps server-controlled text as data of a bounded size; the view sanitises it for display. */
export function boundedReason(text: string): string {
	return text.length > maxReasonLength
		? `${text.slice(0, maxReasonLength - 1)}…`
		: text;
}

function errorText(error: unknown): string {
	return boundedReason(error instanceof Error ? error.message : String(error));
}

/** Runs a call into `ws` that must not throw past its entry; returns the error, if any. */
function quietly(action: () => void): unknown {
	try {
		action();
		return undefined;
	} catch (error: unknown) {
		return error ?? new Error('unknown error');
	}
}

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
	/** The total handshake deadline; cleared once open or ended. */
	deadline: NodeJS.Timeout;
	/** The total deadline passed: its reason wins over the abort error it causes. */
	timedOut: boolean;
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
	/** Gives back this connection's handshake slot, or its place in the queue for one. */
	private leaveGate: (() => void) | undefined;
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
			const thrown = quietly(() => {
				socket.send(text, (error) => {
					resolve(
						error
							? {id: this.id, delivered: false, reason: errorText(error)}
							: {id: this.id, delivered: true, bytes},
					);
				});
			});
			if (thrown !== undefined) {
				resolve({id: this.id, delivered: false, reason: errorText(thrown)});
			}
		});
	}

	/** Stops reading from the socket (ingest budget); the kernel buffers meanwhile. */
	pause(): void {
		this.paused = true;
		const socket = this.current?.socket;
		quietly(() => {
			socket?.pause();
		});
	}

	resume(): void {
		this.paused = false;
		const socket = this.current?.socket;
		quietly(() => {
			socket?.resume();
		});
	}

	/** Closes for good, telling the server why (going away: removed, or the monitor quit). */
	dispose(reason = 'removed from registry'): void {
		this.disposed = true;
		clearTimeout(this.retryTimer);
		this.dropSocket(1001, reason);
		this.state = {...this.state, status: 'closed', nextRetryAt: undefined};
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

		const plan = planAddress(this.entry);
		if ('withheld' in plan) {
			this.stopTrying('withheld', plan.withheld);
			return;
		}

		// A first try shows "connecting" (also while it waits for a handshake slot); a retry keeps
		// showing why it is retrying.
		this.state =
			this.state.attempt === 0
				? {status: 'connecting', attempt: 0}
				: {...this.state, nextRetryAt: undefined};
		const {handshakes} = this.options;
		if (handshakes) {
			this.leaveGate = handshakes.enter((leave) => {
				this.open(plan, hostIndex, leave);
			});
		} else {
			this.open(plan, hostIndex, () => undefined);
		}
	}

	/** Opens one socket; `leave` gives its handshake slot back once it opened or ended. */
	private open(
		plan: Exclude<AddressPlan, {withheld: string}>,
		hostIndex: number,
		leave: () => void,
	): void {
		if (this.disposed) {
			leave();
			return;
		}

		const {hosts} = plan;
		const host = hosts[(this.preferredHost + hostIndex) % hosts.length]!;
		const url = webSocketUrl(this.entry, host, plan.tls);
		const mismatch = addressMismatch(url, host, this.entry, plan.tls);
		if (mismatch !== undefined) {
			leave();
			this.stopTrying('invalid', `cannot connect: ${boundedReason(mismatch)}`);
			return;
		}

		let socket: WebSocket;
		try {
			// Throws at once for what cannot be a URL or a header (a host with a port or a space, a
			// path with "#", a token with a line break or non-Latin-1 characters). The schema should
			// have refused such an entry; if one gets here anyway, it fails alone.
			socket = new WebSocket(url, {
				maxPayload: this.options.maxPayload,
				handshakeTimeout: this.options.handshakeTimeoutMs,
				perMessageDeflate: this.options.perMessageDeflate ?? false,
				headers:
					plan.token === undefined
						? {}
						: {authorization: `Bearer ${plan.token}`},
				followRedirects: false,
				...(plan.tls && this.options.tlsCa !== undefined
					? {ca: this.options.tlsCa}
					: {}),
			});
		} catch (error: unknown) {
			leave();
			this.stopTrying('invalid', `cannot connect: ${errorText(error)}`);
			return;
		}

		const attempt: SocketAttempt = {
			socket,
			hostIndex,
			failure: {},
			ended: false,
			timedOut: false,
			// The `handshakeTimeout` of ws restarts with every byte received, so a server trickling
			// its answer kept a row "connecting" forever: this one counts from the start.
			deadline: setTimeout(() => {
				if (socket.readyState === WebSocket.CONNECTING) {
					attempt.timedOut = true;
					attempt.failure = {error: 'handshake timed out'};
					quietly(() => {
						socket.terminate();
					});
				}
			}, this.options.handshakeTimeoutMs),
		};
		attempt.deadline.unref();
		this.current = attempt;

		const end = () => {
			clearTimeout(attempt.deadline);
			leave();
			if (!attempt.ended) {
				attempt.ended = true;
				this.onSocketEnd(attempt);
			}
		};

		socket.on('open', () => {
			clearTimeout(attempt.deadline);
			leave();
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
				error: boundedReason(response.statusMessage ?? ''),
			};
			quietly(() => {
				response.resume();
				request.destroy();
			});
			end();
		});
		socket.on('error', (error: Error & {code?: string}) => {
			if (attempt.timedOut) {
				return; // The abort our own deadline caused: its reason is already set.
			}

			attempt.failure = {
				...attempt.failure,
				...describeSocketError(error, this.options.maxPayload),
			};
		});
		socket.on('close', (code, reason) => {
			attempt.failure.close ??= {
				code,
				reason: boundedReason(reason.toString()),
				meaning: closeCodeMeaning(code),
			};
			end();
		});
	}

	/** The entry cannot be connected to as it is: say why once, and wait for it to change. */
	private stopTrying(status: 'invalid' | 'withheld', reason: string): void {
		const already = this.state.status === status && this.state.error === reason;
		this.state = {status, attempt: this.state.attempt, error: reason};
		if (!already) {
			this.listener.event(this.id, {kind: 'warning', text: reason});
		}

		this.listener.changed();
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
			quietly(() => {
				socket.send(JSON.stringify([topic, 'subscribe', {}]));
			});
		}

		this.startHeartbeat(socket);
		this.listener.changed();
	}

	private startHeartbeat(socket: WebSocket): void {
		clearInterval(this.heartbeatTimer);
		// A first ping at once, so the round-trip time shows without waiting a whole interval.
		this.pingSentAt = this.options.now();
		this.ping(socket);
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

				quietly(() => {
					socket.terminate();
				});
				return;
			}

			this.pingSentAt = this.options.now();
			this.ping(socket);
		}, this.options.pingIntervalMs);
		this.heartbeatTimer.unref();
	}

	/** A ping that cannot be sent ends the socket (and so reconnects) instead of throwing. */
	private ping(socket: WebSocket): void {
		const thrown = quietly(() => {
			socket.ping();
		});
		if (thrown !== undefined) {
			quietly(() => {
				socket.terminate();
			});
		}
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

		// Refused on one loopback family: try the other before calling it a failure (never with a
		// token: see planAddress).
		const plan = planAddress(this.entry);
		if (
			!wasConnected &&
			failure.code === 'ECONNREFUSED' &&
			'hosts' in plan &&
			hostIndex + 1 < plan.hosts.length
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
				text: `unreachable: connection refused, process alive${this.entry.token !== undefined && (this.entry.host ?? 'localhost').toLowerCase() === 'localhost' ? ' (with a token, localhost means 127.0.0.1 only: an IPv6-only server is named "::1")' : ''}`,
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
		const attempt = this.current;
		this.current = undefined;
		clearInterval(this.heartbeatTimer);
		// Out of the handshake queue, or the slot given back.
		this.leaveGate?.();
		this.leaveGate = undefined;
		if (!attempt) {
			return;
		}

		clearTimeout(attempt.deadline);
		const {socket} = attempt;
		if (socket.readyState === WebSocket.OPEN) {
			const thrown = quietly(() => {
				socket.close(code, reason);
			});
			// A peer that never answers the close handshake is cut off.
			setTimeout(
				() => {
					quietly(() => {
						socket.terminate();
					});
				},
				thrown === undefined ? 1000 : 0,
			).unref();
		} else {
			quietly(() => {
				socket.terminate();
			});
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
						reason: boundedReason(error.message),
						meaning: closeCodeMeaning(1002),
					},
					code: error.code,
				};
			}

			return {
				error: error.message.includes('handshake has timed out')
					? 'handshake timed out'
					: boundedReason(error.message),
				...(error.code ? {code: error.code} : {}),
			};
		}
	}
}
