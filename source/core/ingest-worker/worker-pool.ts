import {Worker} from 'node:worker_threads';
import {isRemote} from '../connections/address-policy.js';
import {errorText} from '../connections/failure.js';
import {
	createConnectionPool,
	type ConnectionPool,
	type PoolOptions,
} from '../connections/pool.js';
import {type Delivery, type ServerView} from '../connections/types.js';
import {type ServerEntry} from '../registry/schema.js';
import {unpackFrames} from './frame-batch.js';
import {
	type FromWorker,
	type ToWorker,
	type WorkerCall,
	type WorkerSettings,
} from './protocol.js';
import {ingestWorkerUrl} from './worker-location.js';

export type WorkerPoolOptions = PoolOptions & {
	scrollback?: number;
	scrollbackBytes?: number;
	ingestBudget?: number;
	/** A batch is posted at most this often under load, in ms. Default 50, a frame's worth. */
	batchIntervalMs?: number;
	/** The worker's script; default dist/ingest-worker.js. */
	workerUrl?: URL;
	/**
	The young generation of the worker's heap, in MiB. A flood makes garbage at the rate it is read;
	V8 otherwise grows this space to 48 MiB and keeps it, which the user could bound only with a
	flag (`--max-semi-space-size`) that nobody passes to `npx`. Default 16.
	*/
	youngGenerationMb?: number;
};

/** How long `close` waits for the worker to say its sockets are closed before ending it anyway. */
const closeDeadlineMs = 1000;

/**
The connection pool in a worker thread: the UI thread keeps a view of every server and takes each
batch of frames and events the worker posts (only the frames the scrollback would keep, and the
number skipped). If the worker cannot start or dies, the pool goes on in this thread and says so.
The listener gets each frame's receive time and full length, since they were taken in the worker.
*/
export function createWorkerPool(options: WorkerPoolOptions): ConnectionPool {
	const {listener} = options;
	const topics = new Set(options.subscriptions);
	let entries: readonly ServerEntry[] = [];
	/** Each server as the worker last posted it. */
	const posted = new Map<string, ServerView>();
	let closed = false;
	let calls = 0;
	const pending = new Map<number, (deliveries: Delivery[]) => void>();
	let fallback: ConnectionPool | undefined;
	let worker: Worker | undefined;

	const settings: WorkerSettings = withoutUndefined({
		maxPayload: options.maxPayload,
		pingIntervalMs: options.pingIntervalMs,
		handshakeTimeoutMs: options.handshakeTimeoutMs,
		maxHandshakes: options.maxHandshakes,
		perMessageDeflate: options.perMessageDeflate,
		tlsCa: options.tlsCa,
		backoff: options.backoff,
		resetBackoffAfterMs: options.resetBackoffAfterMs,
		maxBufferedBytes: options.maxBufferedBytes,
		subscriptions: [...topics],
		onConnect: [...(options.onConnect ?? [])],
		scrollback: options.scrollback ?? 5000,
		scrollbackBytes: options.scrollbackBytes ?? 64 * 1024 * 1024,
		ingestBudget: options.ingestBudget ?? 5000,
		batchIntervalMs: options.batchIntervalMs ?? 50,
	});
	const toWorker = (message: ToWorker) => {
		worker?.postMessage(message);
	};

	const takeBatch = (message: FromWorker & {type: 'batch'}) => {
		for (const view of message.views ?? []) {
			posted.set(view.id, view);
		}

		if (message.ids) {
			// The worker's servers now: a view of one that is gone is dropped.
			const present = new Set(message.ids);
			for (const id of posted.keys()) {
				if (!present.has(id)) {
					posted.delete(id);
				}
			}
		}

		if (message.skipped > 0) {
			listener.skipped?.(message.skipped);
		}

		// Frames and events in the order the worker saw them.
		const {events} = message;
		let next = 0;
		for (const frame of unpackFrames(message.frames)) {
			while (next < events.length && events[next]!.order < frame.order) {
				const {id, event, time} = events[next++]!;
				listener.event(id, event, time);
			}

			listener.message(frame.serverId, frame.payload, frame.isBinary, {
				time: frame.time,
				length: frame.length,
			});
		}

		while (next < events.length) {
			const {id, event, time} = events[next++]!;
			listener.event(id, event, time);
		}

		if (message.views !== undefined) {
			if (message.measuredOnly) {
				listener.measured();
			} else {
				listener.changed();
			}
		}
	};

	/**
	The worker is gone: the pool goes on in this thread, from the registry as it is now. `why` is
	bounded (`errorText`): an error thrown in the worker may quote what a server sent.
	*/
	const fallBack = (why: string) => {
		if (closed || fallback) {
			return;
		}

		worker = undefined;
		for (const resolve of pending.values()) {
			resolve([]);
		}

		pending.clear();
		posted.clear();
		fallback = createConnectionPool({
			...options,
			subscriptions: topics,
		});
		listener.event('shipyard', {
			event: 'info',
			text: `the ingest worker stopped (${why}); reading sockets on the main thread from now on`,
		});
		fallback.reconcile(entries);
	};

	try {
		worker = new Worker(options.workerUrl ?? ingestWorkerUrl(), {
			workerData: settings,
			resourceLimits: {
				maxYoungGenerationSizeMb: options.youngGenerationMb ?? 16,
			},
			// The worker writes nothing; what it might would land in the middle of the screen.
			stdout: true,
			stderr: true,
		});
		worker.on('message', (message: FromWorker) => {
			switch (message.type) {
				case 'batch': {
					takeBatch(message);
					break;
				}

				case 'reply': {
					pending.get(message.call)?.(message.deliveries);
					pending.delete(message.call);
					break;
				}

				case 'closed': {
					void worker?.terminate();
					break;
				}
			}
		});
		worker.on('error', (error) => {
			fallBack(errorText(error));
		});
		worker.on('exit', (code) => {
			fallBack(`exit code ${code}`);
		});
	} catch (error) {
		queueMicrotask(() => {
			fallBack(errorText(error));
		});
	}

	const call = async (message: WorkerCall) =>
		new Promise<Delivery[]>((resolve) => {
			const id = calls++;
			pending.set(id, resolve);
			toWorker({...message, call: id});
		});

	/**
	Each posted view with the registry's own entry object, kept while neither changes: the store
	reuses a row whose view is the same object, so an idle screen of 1 000 servers does not copy
	1 000 rows on every redraw.
	*/
	const merged = new WeakMap<
		ServerView,
		{entry: ServerEntry; view: ServerView}
	>();
	const withEntry = (view: ServerView, entry: ServerEntry): ServerView => {
		if (view.entry === entry) {
			return view;
		}

		const last = merged.get(view);
		if (last?.entry === entry) {
			return last.view;
		}

		const next = {...view, entry, remote: isRemote(entry)};
		merged.set(view, {entry, view: next});
		return next;
	};

	/** A server the worker has not posted yet: connecting, as the in-process pool shows it at first. */
	const placeholder = (entry: ServerEntry): ServerView => ({
		id: entry.id,
		entry,
		state: {status: 'connecting', attempt: 0},
		counters: {messagesIn: 0, bytesIn: 0, messagesOut: 0, bytesOut: 0},
		remote: isRemote(entry),
	});

	return {
		reconcile(next) {
			if (closed) {
				return;
			}

			entries = next;
			if (fallback) {
				fallback.reconcile(next);
				return;
			}

			toWorker({type: 'reconcile', entries: [...next]});
			// Shown at once, before the worker answers: a registry change is what people wait for.
			listener.changed();
		},
		servers() {
			if (fallback) {
				return fallback.servers();
			}

			// The registry's entries, as the worker last saw each; new ones as connecting.
			const seen = new Set<string>();
			const views: ServerView[] = [];
			for (const entry of entries) {
				if (seen.has(entry.id)) {
					continue;
				}

				seen.add(entry.id);
				const view = posted.get(entry.id);
				views.push(
					view === undefined ? placeholder(entry) : withEntry(view, entry),
				);
			}

			return views;
		},
		async send(text, to) {
			return fallback
				? fallback.send(text, to)
				: call({type: 'send', text, to});
		},
		async subscribe(topic) {
			topics.add(topic);
			return fallback
				? fallback.subscribe(topic)
				: call({type: 'subscribe', topic});
		},
		async unsubscribe(topic) {
			topics.delete(topic);
			return fallback
				? fallback.unsubscribe(topic)
				: call({type: 'unsubscribe', topic});
		},
		topics: () => [...topics],
		// The worker reads to its own budget. Holding (a piped stdout catching up) is the `--json`
		// stream's, which reads in process; the UI thread's own budget has nothing to pause here.
		pause() {
			fallback?.pause();
		},
		pauseOne(id) {
			fallback?.pauseOne(id);
		},
		resume(order) {
			fallback?.resume(order);
		},
		async close() {
			closed = true;
			await fallback?.close();
			const ending = worker;
			if (!ending) {
				return;
			}

			await new Promise<void>((resolve) => {
				const deadline = setTimeout(resolve, closeDeadlineMs);
				ending.once('exit', () => {
					clearTimeout(deadline);
					resolve();
				});
				ending.postMessage({type: 'close'} satisfies ToWorker);
			});
			await ending.terminate();
		},
	};
}

/** The settings without the fields left undefined, which would reach the pool over its defaults. */
function withoutUndefined(settings: WorkerSettings): WorkerSettings {
	const defined = {...settings};
	for (const [key, value] of Object.entries(settings)) {
		if (value === undefined) {
			// A key of `settings` itself, so one of WorkerSettings.
			// eslint-disable-next-line @typescript-eslint/no-dynamic-delete, @typescript-eslint/no-unsafe-type-assertion
			delete defined[key as keyof WorkerSettings];
		}
	}

	return defined;
}
