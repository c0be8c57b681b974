import {type RawData} from 'ws';
import {createConnectionPool, type ConnectionPool} from './connections/pool.js';
import {
	type Delivery,
	eventAsData,
	type ServerView,
	type SystemEvent,
} from './connections/types.js';
import {
	frameRecord,
	systemRecord,
	type MessageRecord,
} from './messages/record.js';
import {type RegistrySnapshot} from './registry/read.js';
import {formatWarning} from './registry/warnings.js';
import {createFlushScheduler} from './store/flush-scheduler.js';
import {createIngestGovernor} from './store/ingest-governor.js';
import {createMessageLog} from './store/message-log.js';
import {createRateMeter} from './store/rate-meter.js';
import {
	type MonitorSnapshot,
	type MonitorStore,
	type ServerRow,
	type StoreOptions,
} from './store/types.js';

export type {
	MonitorSnapshot,
	MonitorStore,
	ServerRow,
	StoreOptions,
} from './store/types.js';

/** The scrollback's default byte bound: 64 MiB. */
export const defaultScrollbackBytes = 64 * 1024 * 1024;
/** A heartbeat's round-trip time is shown at the next flush or clock tick, or at most this much later. */
const lazyFlushMs = 1000;

/**
The one object the view reads. Socket messages and registry changes mark it dirty; it publishes a new
snapshot at most every `flushIntervalMs`, so a flood of messages costs a bounded number of renders.
It composes its parts: the message log (scrollback), the ingest governor (when sockets are read),
the flush scheduler (when snapshots are published) and the rate meter.
*/
export function createMonitorStore(options: StoreOptions): MonitorStore {
	const {registry} = options;
	const log = createMessageLog(
		options.scrollback ?? 5000,
		options.scrollbackBytes ?? defaultScrollbackBytes,
	);
	const listeners = new Set<() => void>();
	const now = options.now ?? Date.now;
	const describeEvent = options.describeEvent ?? eventAsData;
	const rates = createRateMeter();
	/**
	The row made from each view, while its rate stays: a pool that hands out the same view object for
	a server that did not change (the ingest worker's) gets the same row back, so the view's memos
	hold and an idle redraw of 1 000 servers copies none. The in-process pool makes new views (over
	live counters) on every call, so its rows are always new.
	*/
	const rows = new WeakMap<ServerView, ServerRow>();
	const scheduler = createFlushScheduler({
		intervalMs: options.flushIntervalMs ?? 50,
		lazyMs: lazyFlushMs,
		now,
		publish,
	});
	let seq = 0;
	let version = 0;
	let registrySnapshot = registry.current();
	let knownWarnings = new Set<string>();

	const record = (item: MessageRecord) => {
		log.push(item);
		options.onRecord?.(item);
		scheduler.markDirty();
	};

	const recordEvent = (serverId: string, event: SystemEvent, time?: number) => {
		record(
			systemRecord(
				{seq: seq++, time: time ?? now(), serverId},
				event.event,
				describeEvent(event),
				event,
			),
		);
	};

	const onMessage = (
		serverId: string,
		data: RawData,
		isBinary: boolean,
		received?: {time: number; length: number},
	) => {
		record(
			frameRecord(
				{seq: seq++, time: received?.time ?? now(), serverId, direction: 'in'},
				data,
				isBinary,
				received?.length,
			),
		);
		governor.read(serverId);
	};

	const onSkipped = (count: number) => {
		seq += count;
		log.skip(count);
		options.onSkipped?.(count);
		scheduler.markDirty();
	};

	const pool: ConnectionPool = (options.createPool ?? createConnectionPool)({
		...options,
		listener: {
			changed: scheduler.markDirty,
			measured: scheduler.markDirtyLater,
			message: onMessage,
			event: recordEvent,
			skipped: onSkipped,
		},
	});
	const governor = createIngestGovernor(options.ingestBudget ?? 5000, pool);

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

	const reconcile = (servers: RegistrySnapshot['servers']) => {
		pool.reconcile(servers);
		governor.track(pool.servers().map((view) => view.id));
	};

	const onRegistry = (next: RegistrySnapshot) => {
		registrySnapshot = next;
		noteWarnings(next);
		reconcile(next.servers);
		// Registry changes are rare and people wait for them: show them without the batching delay.
		scheduler.flush();
	};

	const unsubscribeRegistry = registry.subscribe(onRegistry);
	noteWarnings(registrySnapshot);
	reconcile(registrySnapshot.servers);
	let snapshot = buildSnapshot();

	function publish() {
		snapshot = buildSnapshot();
		const redrawAt = options.redrawAt?.(snapshot);
		if (redrawAt !== undefined) {
			scheduler.tickAt(redrawAt);
		}

		const rateChange = rates.nextChange(snapshot.now);
		if (rateChange !== undefined) {
			scheduler.tickAt(rateChange);
		}

		for (const listener of listeners) {
			listener();
		}
	}

	function buildSnapshot(): MonitorSnapshot {
		const messages = log.list();
		const at = now();
		const views = pool.servers();
		governor.setConnected(
			views.filter((view) => view.state.status === 'connected').length,
		);
		const servers = views.map((view) => {
			const rate = rates.rate(view.id, view.counters.messagesIn, at);
			const last = rows.get(view);
			if (last?.rate === rate) {
				return last;
			}

			const row = {...view, counters: {...view.counters}, rate};
			rows.set(view, row);
			return row;
		});
		rates.retain(new Set(views.map((view) => view.id)));
		return {
			registryPath: registrySnapshot.path,
			registryFile: registrySnapshot.file,
			registryBackend: registrySnapshot.backend,
			warnings: registrySnapshot.warnings,
			servers,
			messages,
			messageTotal: log.total,
			messageDropped: log.dropped,
			ingestPauses: governor.pauses,
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
			governor.hold(hold);
		},
		clearMessages() {
			log.clear();
			scheduler.flush();
		},
		async close() {
			scheduler.close();
			governor.close();
			unsubscribeRegistry();
			listeners.clear();
			await pool.close();
			await registry.close();
		},
	};
}
