import {performance} from 'node:perf_hooks';
import {createConnectionPool} from '../connections/pool.js';
import {type Delivery, type SystemEvent} from '../connections/types.js';
import {rawDataToBuffer} from '../raw-data.js';
import {createIngestGovernor} from '../store/ingest-governor.js';
import {FrameBatch} from './frame-batch.js';
import {
	type FromWorker,
	type OrderedEvent,
	type ToWorker,
	type WorkerSettings,
} from './protocol.js';
import {createViewChanges} from './view-changes.js';

/** The side of a `MessagePort` (or `parentPort`) the worker uses. */
export type WorkerPort = {
	on(event: 'message', listener: (message: ToWorker) => void): unknown;
	postMessage(message: FromWorker, transfer?: ArrayBuffer[]): void;
	close?(): void;
};

/**
Between batches while frames keep coming but fit the scrollback, in ms. The store publishes a
flush interval after the first change it hears of; a batch that comes late pushes every frame
back by as much, so this is kept well under the flush interval (at 16 ms the paced flood drew 14
frames a second instead of 17).
*/
const busyIntervalMs = 8;

/** A post with nothing in it but heartbeat round trips waits at most this long, in ms. */
const lazyPostMs = 1000;

/**
The ingest worker's body: the connection pool, its ingest budget and the batching of what it reads
for the UI thread. Reading sockets and parsing frames is most of a flood's cost; here it runs on a
core of its own, and the UI thread only draws, keys and the frames that survive (see FrameBatch).
Takes a port rather than `parentPort`, so tests run it in process over a `MessageChannel`.
*/
export function runIngestWorker(port: WorkerPort, settings: WorkerSettings) {
	const batch = new FrameBatch(settings.scrollback, settings.scrollbackBytes);
	const viewChanges = createViewChanges();
	let events: OrderedEvent[] = [];
	let order = 0;
	let changed = false;
	let measured = false;
	/** Cancels the post that is due, if one is, and when it is due (`performance.now()`). */
	let cancelPost: (() => void) | undefined;
	let postDue = 0;
	let postIsLazy = false;
	let lastPostAt = 0;
	/** The last batch skipped frames: more come than the scrollback keeps. */
	let flooding = false;
	let closed = false;

	/**
	The time frames were read: one clock reading per socket read (a read holds hundreds of frames
	under a flood, all read at the same moment), not one per frame.
	*/
	let readAt: number | undefined;
	const forgetReadTime = () => {
		readAt = undefined;
	};

	const readTime = () => {
		if (readAt === undefined) {
			readAt = Date.now();
			queueMicrotask(forgetReadTime);
		}

		return readAt;
	};

	const post = () => {
		cancelPost = undefined;
		if (closed) {
			return;
		}

		lastPostAt = performance.now();
		const {frames, skipped} = batch.take();
		flooding = skipped > 0;
		const views = changed || measured || frames.meta.length > 0 || skipped > 0;
		const message: FromWorker = {
			type: 'batch',
			frames,
			skipped,
			events,
		};
		if (views) {
			const servers = pool.servers();
			governor.setConnected(
				servers.filter((view) => view.state.status === 'connected').length,
			);
			const delta = viewChanges.take(servers);
			message.views = delta.changed;
			if (delta.ids) {
				message.ids = delta.ids;
			}

			message.measuredOnly =
				!changed && frames.meta.length === 0 && skipped === 0;
		}

		events = [];
		changed = false;
		measured = false;
		port.postMessage(message, [frames.meta.buffer, frames.bytes.buffer]);
	};

	/**
	Posts soon: at once after a quiet spell; while frames keep coming, every `busyIntervalMs` (a
	frame's worth, so the screen keeps its pace), and every `batchIntervalMs` while more come than
	the scrollback keeps (a flood: fewer, fuller batches, as the screen shows only the newest anyway).
	A heartbeat's round trip alone waits up to `lazyPostMs`: with 1 000 servers one comes every few
	milliseconds, and posting each at once kept both threads busy for a number nobody waits for.
	*/
	const schedule = (lazy = false) => {
		// Called for every frame: a post already due soon is the common case, and reads no clock.
		if (closed || (cancelPost !== undefined && (lazy || !postIsLazy))) {
			return;
		}

		const now = performance.now();
		const interval = flooding ? settings.batchIntervalMs : busyIntervalMs;
		const due = lazy ? now + lazyPostMs : Math.max(now, lastPostAt + interval);
		if (cancelPost !== undefined) {
			if (postDue <= due) {
				return;
			}

			cancelPost();
		}

		postDue = due;
		postIsLazy = lazy;
		if (due <= now) {
			const immediate = setImmediate(post);
			cancelPost = () => {
				clearImmediate(immediate);
			};
		} else {
			const timeout = setTimeout(post, due - now);
			cancelPost = () => {
				clearTimeout(timeout);
			};
		}
	};

	const pool = createConnectionPool({
		...settings,
		listener: {
			changed() {
				changed = true;
				schedule();
			},
			measured() {
				measured = true;
				schedule(true);
			},
			message(id, data, isBinary) {
				batch.push(order++, readTime(), id, rawDataToBuffer(data), isBinary);
				governor.read(id);
				schedule();
			},
			event(id: string, event: SystemEvent) {
				events.push({order: order++, time: Date.now(), id, event});
				schedule();
			},
		},
	});
	const governor = createIngestGovernor(settings.ingestBudget, pool);

	const reply = (call: number, deliveries: Promise<Delivery[]>) => {
		void deliveries.then((result) => {
			if (!closed) {
				port.postMessage({type: 'reply', call, deliveries: result});
			}
		});
	};

	port.on('message', (message) => {
		switch (message.type) {
			case 'reconcile': {
				pool.reconcile(message.entries);
				governor.track(pool.servers().map((view) => view.id));
				break;
			}

			case 'send': {
				reply(message.call, pool.send(message.text, message.to));
				break;
			}

			case 'subscribe': {
				reply(message.call, pool.subscribe(message.topic));
				break;
			}

			case 'unsubscribe': {
				reply(message.call, pool.unsubscribe(message.topic));
				break;
			}

			case 'close': {
				closed = true;
				cancelPost?.();
				governor.close();
				// Each socket's close frame is written before this returns; the UI thread ends the
				// worker once told.
				void pool.close();
				port.postMessage({type: 'closed'});
				port.close?.();
				break;
			}
		}
	});
}
