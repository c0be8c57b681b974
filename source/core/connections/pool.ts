import {greetingsFor, type OnConnectRule} from '../config/on-connect.js';
import {probeProcess} from '../registry/liveness.js';
import {type ServerEntry} from '../registry/schema.js';
import {isRemote} from './address-policy.js';
import {defaultBackoff} from './backoff.js';
import {
	Connection,
	connectionKey,
	type ConnectionListener,
	type ConnectionOptions,
} from './connection.js';
import {createHandshakeGate, defaultMaxHandshakes} from './handshake-gate.js';
import {sharedProbe} from './shared-probe.js';
import {type Delivery, type ServerView} from './types.js';

export const defaultConnectionOptions = {
	maxPayload: 1024 * 1024,
	pingIntervalMs: 5000,
	handshakeTimeoutMs: 5000,
	backoff: defaultBackoff,
	resetBackoffAfterMs: 5000,
	maxBufferedBytes: 4 * 1024 * 1024,
	maxHandshakes: defaultMaxHandshakes,
} as const;

export type PoolOptions = Partial<
	Omit<ConnectionOptions, 'subscriptions' | 'handshakes'>
> & {
	listener: ConnectionListener;
	/**
	Opening handshakes in flight at once (default 16); the other entries wait as "connecting", in
	registry order, so thousands of entries cannot open thousands of sockets in one go.
	*/
	maxHandshakes?: number;
	/** Topics to subscribe to on every (re)connect (`--subscribe`). */
	subscriptions?: Iterable<string>;
	/**
	The config file's onConnect rules, as data (they cross to the ingest worker); `greetings`, when
	given, is used instead.
	*/
	onConnect?: readonly OnConnectRule[];
};

export type ConnectionPool = {
	/** Makes the connections match the registry: exactly one per entry; unchanged ones untouched. */
	reconcile(entries: readonly ServerEntry[]): void;
	/**
	Every server in registry order. A view may be handed out again (the same object) only while its
	server has not changed: the store reuses the row it made from it.
	*/
	servers(): ServerView[];
	/** Sends to every connected server, or only to `to`. An empty result means nobody was connected. */
	send(text: string, to?: string): Promise<Delivery[]>;
	/** Subscribes every connection now and on each reconnect (channel servers, `[topic, event, payload]`). */
	subscribe(topic: string): Promise<Delivery[]>;
	unsubscribe(topic: string): Promise<Delivery[]>;
	topics(): string[];
	/**
	Stops reading from every socket, and from those that connect later, until `resume()`. The pool
	only does as it is told: when and in which order is the ingest governor's decision.
	*/
	pause(): void;
	/** Stops reading one server's socket until the next `resume()`. */
	pauseOne(id: string): void;
	/** Reads every socket again: the servers in `order` first, in that order, then the others. */
	resume(order?: readonly string[]): void;
	/** Closes every connection; a pool in a worker settles once its sockets are closed. */
	close(): void | Promise<void>;
};

export function createConnectionPool(options: PoolOptions): ConnectionPool {
	const {listener} = options;
	const topics = new Set(options.subscriptions);
	const now = options.now ?? Date.now;
	const connectionOptions: ConnectionOptions = {
		...defaultConnectionOptions,
		random: Math.random,
		now: Date.now,
		...options,
		probe: sharedProbe(options.probe ?? probeProcess, now),
		greetings: options.greetings ?? greetingsFor(options.onConnect ?? []),
		subscriptions: () => topics,
		handshakes: createHandshakeGate(
			options.maxHandshakes ?? defaultConnectionOptions.maxHandshakes,
		),
	};
	let connections = new Map<string, Connection>();
	let paused = false;
	let closed = false;

	const toView = (connection: Connection): ServerView => ({
		id: connection.id,
		entry: connection.entry,
		state: connection.state,
		counters: connection.counters,
		remote: isRemote(connection.entry),
	});

	const sendToAll = async (text: string) =>
		Promise.all(
			[...connections.values()]
				.filter((connection) => connection.state.status === 'connected')
				.map(async (connection) => connection.send(text)),
		);

	return {
		reconcile(entries) {
			if (closed) {
				return;
			}

			const next = new Map<string, Connection>();
			for (const entry of entries) {
				if (next.has(entry.id)) {
					continue; // The registry reader already warned about duplicates.
				}

				const existing = connections.get(entry.id);
				if (existing) {
					if (existing.entry !== entry) {
						const moved =
							connectionKey(existing.entry) !== connectionKey(entry);
						existing.update(entry);
						if (moved) {
							listener.event(entry.id, {event: 'changed'});
						}
					}

					next.set(entry.id, existing);
					continue;
				}

				const connection = new Connection(entry, connectionOptions, listener);
				next.set(entry.id, connection);
				listener.event(entry.id, {event: 'added'});
				if (paused) {
					connection.pause();
				}

				connection.start();
			}

			for (const [id, connection] of connections) {
				if (!next.has(id)) {
					connection.dispose();
					listener.event(id, {event: 'removed'});
				}
			}

			connections = next;
			listener.changed();
		},
		servers: () =>
			[...connections.values()].map((connection) => toView(connection)),
		async send(text, to) {
			if (to === undefined) {
				return sendToAll(text);
			}

			const connection = connections.get(to);
			return connection
				? [await connection.send(text)]
				: [
						{
							id: to,
							delivered: false,
							reason: 'no such server in the registry',
						},
					];
		},
		async subscribe(topic) {
			topics.add(topic);
			return sendToAll(JSON.stringify([topic, 'subscribe', {}]));
		},
		async unsubscribe(topic) {
			topics.delete(topic);
			return sendToAll(JSON.stringify([topic, 'unsubscribe', {}]));
		},
		topics: () => [...topics],
		pause() {
			paused = true;
			for (const connection of connections.values()) {
				connection.pause();
			}
		},
		pauseOne(id) {
			connections.get(id)?.pause();
		},
		resume(order = []) {
			paused = false;
			// Sockets woken first are read first (see the ingest governor).
			const woken = new Set<Connection>();
			for (const id of order) {
				const connection = connections.get(id);
				if (connection && !woken.has(connection)) {
					woken.add(connection);
					connection.resume();
				}
			}

			for (const connection of connections.values()) {
				if (!woken.has(connection)) {
					connection.resume();
				}
			}
		},
		close() {
			closed = true;
			for (const connection of connections.values()) {
				connection.dispose('monitor closing');
			}

			connections = new Map();
		},
	};
}
