import {type RawData} from 'ws';
import {
	createConnectionPool,
	type ConnectionPool,
	type PoolOptions,
} from './connections/pool.js';
import {
	type Counters,
	type Delivery,
	type ServerView,
	eventAsData,
	type SystemEvent,
} from './connections/types.js';
import {
	frameRecord,
	retainedBytes,
	systemRecord,
	type MessageRecord,
} from './messages/record.js';
import {RingBuffer} from './messages/ring-buffer.js';
import {type RegistrySnapshot} from './registry/read.js';
import {type RegistrySource} from './registry/watch.js';
import {formatWarning, type RegistryWarning} from './registry/warnings.js';

/** One server's row: the pool's view plus what the store derives (rate), frozen for the view. */
export type ServerRow = ServerView & {
	/** Messages in per second, over the last rate window. */
	rate: number;
};

/** What the view renders: immutable, replaced as a whole on every flush. */
export type MonitorSnapshot = {
	readonly registryPath: string;
	readonly registryFile: RegistrySnapshot['file'];
	readonly warnings: readonly RegistryWarning[];
	readonly servers: readonly ServerRow[];
	/** The kept messages, oldest first. */
	readonly messages: readonly MessageRecord[];
	/** Messages recorded ever, and evicted by the scrollback bound: nothing is lost silently. */
	readonly messageTotal: number;
	readonly messageDropped: number;
	/** Times the ingest budget paused the sockets. */
	readonly ingestPauses: number;
	readonly topics: readonly string[];
	/** Increases with every flush. */
	readonly version: number;
	/** The time this snapshot stands for: what uptimes and countdowns on screen count from. */
	readonly now: number;
};

export type StoreOptions = Omit<PoolOptions, 'listener'> & {
	registry: RegistrySource;
	/** How many messages to keep (`--scrollback`). Default 5000. */
	scrollback?: number;
	/**
	How many bytes the kept messages may take (each counts its kept payload, at most 16 KiB, plus
	a fixed overhead); the oldest go first, counted as dropped. Default 64 MiB: 5000 messages of
	16 KiB would otherwise keep 80 MiB of payload alone.
	*/
	scrollbackBytes?: number;
	/** Changes are published at most this often, in ms. Default 50 (about 20 frames a second). */
	flushIntervalMs?: number;
	/** Messages read per event-loop turn before the sockets are paused until the next turn. Default 5000. */
	ingestBudget?: number;
	/**
	When the view of a snapshot will read differently with no new data (a clock on screen ticks
	over), as a time; the store republishes then. Undefined: never.
	*/
	redrawAt?: (snapshot: MonitorSnapshot) => number | undefined;
	/** Called for every record as it is made (the NDJSON stream); keep it cheap. */
	onRecord?: (record: MessageRecord) => void;
	/**
	Words a system event for its line (the view's `eventText`). Default: the event as data
	(`closed code=1006 reason="" reconnecting=true`); the core itself writes no sentences.
	*/
	describeEvent?: (event: SystemEvent) => string;
	/** Pool factory, for tests. */
	createPool?: typeof createConnectionPool;
};

export type MonitorStore = {
	subscribe(listener: () => void): () => void;
	getSnapshot(): MonitorSnapshot;
	/** Sends to every connected server (or `to`); records one "out" line per recipient. */
	send(text: string, to?: string): Promise<Delivery[]>;
	subscribeTopic(topic: string): Promise<Delivery[]>;
	unsubscribeTopic(topic: string): Promise<Delivery[]>;
	/** Adds a system line (e.g. an answer to a slash command). */
	note(text: string, serverId?: string): void;
	clearMessages(): void;
	/** Stops reading sockets while a consumer (a piped stdout) catches up. */
	holdIngest(hold: boolean): void;
	close(): Promise<void>;
};

/** The scrollback's default byte bound: 64 MiB. */
export const defaultScrollbackBytes = 64 * 1024 * 1024;
const rateWindowMs = 1000;
/** A heartbeat's round-trip time is shown at the next flush, or at most this much later. */
const lazyFlushMs = 1000;

/**
The one object the view reads. Socket messages and registry changes mark it dirty; it publishes a new
snapshot at most every `flushIntervalMs`, so a flood of messages costs a bounded number of renders.
*/
export function createMonitorStore(options: StoreOptions): MonitorStore {
	const {registry} = options;
	const flushIntervalMs = options.flushIntervalMs ?? 50;
	const ingestBudget = options.ingestBudget ?? 5000;
	const ring = new RingBuffer<MessageRecord>(options.scrollback ?? 5000, {
		maxBytes: options.scrollbackBytes ?? defaultScrollbackBytes,
		sizeOf: retainedBytes,
	});
	const listeners = new Set<() => void>();
	const now = options.now ?? Date.now;
	const describeEvent = options.describeEvent ?? eventAsData;
	let seq = 0;
	let version = 0;
	let flushTimer: NodeJS.Timeout | undefined;
	let ingestPauses = 0;
	let ingestedThisTurn = 0;
	let turnEndScheduled = false;
	let paused = false;
	let held = false;
	let registrySnapshot = registry.current();
	let knownWarnings = new Set<string>();
	const rates = new Map<string, {at: number; count: number; rate: number}>();

	// Frames recorded since the last flush still share the socket's buffers; see `settleNewest`.
	let unsettled = 0;
	const record = (item: MessageRecord) => {
		ring.push(item);
		unsettled++;
		options.onRecord?.(item);
		markDirty();
	};

	const recordEvent = (serverId: string, event: SystemEvent) => {
		record(
			systemRecord(
				{seq: seq++, time: now(), serverId},
				event.event,
				describeEvent(event),
				event,
			),
		);
	};

	// Reading sockets faster than the screen can show starves the event loop (keys stop showing):
	// after `ingestBudget` messages in one turn, pause every socket until the next turn. Each server
	// also gets at most its share of a turn, and the pool wakes the sockets that waited longest first,
	// so the ones read first cannot take every turn's budget and starve the others (whose heartbeat
	// would then time out, dropping all they had buffered).
	const perServerThisTurn = new Map<string, number>();
	let share = ingestBudget;
	let someonePaused = false;
	const endTurn = () => {
		turnEndScheduled = false;
		ingestedThisTurn = 0;
		perServerThisTurn.clear();
		if (paused || someonePaused) {
			paused = false;
			someonePaused = false;
			if (!held) {
				pool.resume();
			}
		}
	};

	const onMessage = (serverId: string, data: RawData, isBinary: boolean) => {
		record(
			frameRecord(
				{seq: seq++, time: now(), serverId, direction: 'in'},
				data,
				isBinary,
			),
		);
		if (!turnEndScheduled) {
			turnEndScheduled = true;
			setImmediate(endTurn);
		}

		const fromServer = (perServerThisTurn.get(serverId) ?? 0) + 1;
		perServerThisTurn.set(serverId, fromServer);
		if (fromServer === share) {
			someonePaused = true;
			pool.pauseOne(serverId);
		}

		if (++ingestedThisTurn >= ingestBudget && !paused) {
			paused = true;
			ingestPauses++;
			pool.pause();
		}
	};

	const pool: ConnectionPool = (options.createPool ?? createConnectionPool)({
		...options,
		listener: {
			changed: markDirty,
			measured: markDirtyLater,
			message: onMessage,
			event: recordEvent,
		},
	});

	const noteWarnings = (snapshot: RegistrySnapshot) => {
		const byText = new Map(
			snapshot.warnings.map((warning) => [formatWarning(warning), warning]),
		);
		const current = new Set(byText.keys());
		for (const text of current) {
			if (!knownWarnings.has(text)) {
				recordEvent('registry', {event: 'warning', warning: byText.get(text)!});
			}
		}

		knownWarnings = current;
	};

	const onRegistry = (next: RegistrySnapshot) => {
		registrySnapshot = next;
		noteWarnings(next);
		pool.reconcile(next.servers);
		// Registry changes are rare and people wait for them: show them without the batching delay.
		flush();
	};

	const unsubscribeRegistry = registry.subscribe(onRegistry);
	noteWarnings(registrySnapshot);
	pool.reconcile(registrySnapshot.servers);

	// The last published message list, reused while nothing was recorded or cleared.
	let messages: MessageRecord[] = [];
	let messagesTotal = 0;
	let snapshot = buildSnapshot();

	function markDirty() {
		flushTimer ??= setTimeout(flush, flushIntervalMs);
	}

	// Changes nobody waits for (a round-trip time) ride on the next flush or tick, so an idle screen
	// redraws once a second, not once more for every heartbeat.
	function markDirtyLater() {
		scheduleTick(now() + lazyFlushMs);
	}

	// One timer for republishing without new data: the view's clock, rates falling to zero, lazy
	// changes. It only ever moves earlier; every flush clears it and sets the next one.
	let tickTimer: NodeJS.Timeout | undefined;
	let tickAt = Number.POSITIVE_INFINITY;
	function scheduleTick(at: number) {
		if (at >= tickAt) {
			return;
		}

		clearTimeout(tickTimer);
		tickAt = at;
		// A timer may fire a millisecond early by rounding; late is harmless.
		tickTimer = setTimeout(flush, Math.max(0, Math.ceil(at - now()) + 1));
		tickTimer.unref();
	}

	function flush() {
		clearTimeout(flushTimer);
		flushTimer = undefined;
		clearTimeout(tickTimer);
		tickTimer = undefined;
		tickAt = Number.POSITIVE_INFINITY;
		snapshot = buildSnapshot();
		const redrawAt = options.redrawAt?.(snapshot);
		if (redrawAt !== undefined) {
			scheduleTick(redrawAt);
		}

		// Rates fall to zero when traffic stops, so keep publishing while any rate is non-zero.
		if (snapshot.servers.some((server) => server.rate > 0)) {
			scheduleTick(snapshot.now + rateWindowMs);
		}

		for (const listener of listeners) {
			listener();
		}
	}

	function rateFor(id: string, counters: Counters, at: number): number {
		const previous = rates.get(id);
		if (!previous) {
			rates.set(id, {at, count: counters.messagesIn, rate: 0});
			return 0;
		}

		if (at - previous.at >= rateWindowMs) {
			previous.rate =
				((counters.messagesIn - previous.count) * 1000) / (at - previous.at);
			previous.at = at;
			previous.count = counters.messagesIn;
		}

		return previous.rate;
	}

	/** The newest records that survived in the scrollback get their own copy of their bytes. */
	function settleNewest() {
		const count = Math.min(unsettled, ring.length);
		unsettled = 0;
		for (let index = ring.length - count; index < ring.length; index++) {
			ring.at(index)?.settle?.();
		}
	}

	function buildSnapshot(): MonitorSnapshot {
		settleNewest();
		const at = now();
		const views = pool.servers();
		const connected = views.filter(
			(view) => view.state.status === 'connected',
		).length;
		share = Math.max(50, Math.floor(ingestBudget / Math.max(1, connected)));
		const servers = views.map((view) => ({
			...view,
			counters: {...view.counters},
			rate: rateFor(view.id, view.counters, at),
		}));
		const present = new Set(views.map((view) => view.id));
		for (const id of rates.keys()) {
			if (!present.has(id)) {
				rates.delete(id);
			}
		}

		// A flush for a pong or a state change keeps the same message list, so the view's memos hold.
		if (ring.total !== messagesTotal || ring.length !== messages.length) {
			messages = ring.toArray();
			messagesTotal = ring.total;
		}

		return {
			registryPath: registrySnapshot.path,
			registryFile: registrySnapshot.file,
			warnings: registrySnapshot.warnings,
			servers,
			messages,
			messageTotal: ring.total,
			messageDropped: ring.dropped,
			ingestPauses,
			topics: pool.topics(),
			version: version++,
			now: at,
		};
	}

	const recordDeliveries = (text: string, deliveries: Delivery[]) => {
		for (const delivery of deliveries) {
			if (delivery.delivered) {
				record(
					frameRecord(
						{seq: seq++, time: now(), serverId: delivery.id, direction: 'out'},
						text,
						false,
					),
				);
			} else {
				recordEvent(delivery.id, {event: 'skipped', reason: delivery.reason});
			}
		}

		return deliveries;
	};

	return {
		subscribe(listener) {
			listeners.add(listener);
			return () => {
				listeners.delete(listener);
			};
		},
		getSnapshot: () => snapshot,
		async send(text, to) {
			return recordDeliveries(text, await pool.send(text, to));
		},
		async subscribeTopic(topic) {
			return recordDeliveries(
				JSON.stringify([topic, 'subscribe', {}]),
				await pool.subscribe(topic),
			);
		},
		async unsubscribeTopic(topic) {
			return recordDeliveries(
				JSON.stringify([topic, 'unsubscribe', {}]),
				await pool.unsubscribe(topic),
			);
		},
		note(text, serverId = 'shipyard') {
			recordEvent(serverId, {event: 'info', text});
		},
		holdIngest(hold) {
			held = hold;
			if (hold) {
				pool.pause();
			} else if (!paused) {
				pool.resume();
			}
		},
		clearMessages() {
			ring.clear();
			flush();
		},
		async close() {
			clearTimeout(flushTimer);
			clearTimeout(tickTimer);
			unsubscribeRegistry();
			listeners.clear();
			pool.close();
			await registry.close();
		},
	};
}
