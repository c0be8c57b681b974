import tls from 'node:tls';
import WebSocket, {type RawData} from 'ws';
import {
	closeInfo,
	describeSocketError,
	handshakeTimedOut,
	heartbeatClose,
	refusedUpgrade,
	type Failure,
} from './failure.js';
import {startHeartbeat, type Heartbeat} from './heartbeat.js';
import {quietly} from './quietly.js';

/** One socket's life: which host it tried and how it ended. */
export type SocketAttempt = {
	socket: WebSocket;
	hostIndex: number;
	/** Filled in by the socket's events; read once it ended. */
	failure: Failure;
	ended: boolean;
	/** The total handshake deadline; cleared once open or ended. */
	deadline: NodeJS.Timeout;
	/** The total deadline passed: its reason wins over the abort error it causes. */
	timedOut: boolean;
	/** Runs while the socket is open. */
	heartbeat?: Heartbeat;
};

export type AttemptOptions = {
	url: string;
	token?: string;
	tls: boolean;
	hostIndex: number;
	maxPayload: number;
	handshakeTimeoutMs: number;
	perMessageDeflate?: boolean;
	tlsCa?: string | Buffer | Array<string | Buffer>;
	pingIntervalMs: number;
	now: () => number;
	/** Topics to subscribe to once open, as `[topic, "subscribe", {}]`. */
	subscriptions: () => Iterable<string>;
	/** Texts to send once open, after the subscriptions. */
	greetings?: () => Iterable<string>;
	/** Whether reading is paused (ingest budget) when the socket opens. */
	paused: () => boolean;
	/** Gives the handshake slot back; called once the socket opened or ended. */
	leave: () => void;
	opened(attempt: SocketAttempt): void;
	/** A heartbeat round trip was measured, in ms. */
	measured(rttMs: number): void;
	message(data: RawData, isBinary: boolean): void;
	/** Called once, when the socket is gone, whatever ended it. */
	ended(attempt: SocketAttempt): void;
};

/**
Opens one socket, subscribes and keeps a heartbeat once it is open, and gathers how it ends. Throws at once for what cannot be a URL or a header (a host
with a port or a space, a path with "#", a token with a line break or non-Latin-1 characters).
*/
export function openSocket(options: AttemptOptions): SocketAttempt {
	const socket = new WebSocket(options.url, {
		maxPayload: options.maxPayload,
		handshakeTimeout: options.handshakeTimeoutMs,
		perMessageDeflate: options.perMessageDeflate ?? false,
		headers:
			options.token === undefined
				? {}
				: {authorization: `Bearer ${options.token}`},
		followRedirects: false,
		// `ca` replaces Node's list of authorities: the extra ones are added to it.
		...(options.tls && options.tlsCa !== undefined
			? {ca: [...tls.rootCertificates, ...[options.tlsCa].flat()]}
			: {}),
	});
	const attempt: SocketAttempt = {
		socket,
		hostIndex: options.hostIndex,
		failure: {},
		ended: false,
		timedOut: false,
		// The `handshakeTimeout` of ws restarts with every byte received, so a server trickling
		// its answer kept a row "connecting" forever: this one counts from the start.
		deadline: setTimeout(() => {
			if (socket.readyState === WebSocket.CONNECTING) {
				attempt.timedOut = true;
				attempt.failure = {error: handshakeTimedOut};
				quietly(() => {
					socket.terminate();
				});
			}
		}, options.handshakeTimeoutMs),
	};
	attempt.deadline.unref();

	const end = () => {
		clearTimeout(attempt.deadline);
		attempt.heartbeat?.stop();
		options.leave();
		if (!attempt.ended) {
			attempt.ended = true;
			options.ended(attempt);
		}
	};

	socket.on('open', () => {
		clearTimeout(attempt.deadline);
		options.leave();
		if (options.paused()) {
			socket.pause();
		}

		for (const topic of options.subscriptions()) {
			quietly(() => {
				socket.send(JSON.stringify([topic, 'subscribe', {}]));
			});
		}

		for (const text of options.greetings?.() ?? []) {
			quietly(() => {
				socket.send(text);
			});
		}

		attempt.heartbeat = startHeartbeat(socket, {
			intervalMs: options.pingIntervalMs,
			now: options.now,
			measured: options.measured,
			dead() {
				attempt.failure.close = heartbeatClose(options.pingIntervalMs);
			},
		});
		options.opened(attempt);
	});
	socket.on('message', (data: RawData, isBinary: boolean) => {
		attempt.heartbeat?.heard();
		options.message(data, isBinary);
	});
	socket.on('unexpected-response', (request, response) => {
		attempt.failure = refusedUpgrade(
			response.statusCode,
			response.statusMessage,
		);
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
			...describeSocketError(error, options.maxPayload),
		};
	});
	socket.on('close', (code, reason) => {
		attempt.failure.close ??= closeInfo(code, reason.toString());
		end();
	});
	return attempt;
}

/** Closes a socket we no longer want, telling an open peer why; one that does not answer is cut off. */
export function closeAttempt(
	attempt: SocketAttempt,
	code: number,
	reason: string,
): void {
	clearTimeout(attempt.deadline);
	attempt.heartbeat?.stop();
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
