import {
	type createConnectionPool,
	type PoolOptions,
} from '../connections/pool.js';
import {
	type Delivery,
	type ServerView,
	type SystemEvent,
} from '../connections/types.js';
import {type MessageRecord} from '../messages/record.js';
import {type RegistrySnapshot} from '../registry/read.js';
import {type RegistrySource} from '../registry/watch.js';
import {type RegistryWarning} from '../registry/warnings.js';

// The store's public types, kept apart so that store.ts holds only the composition of its parts.

/** One server's row: the pool's view plus what the store derives (rate), frozen for the view. */
export type ServerRow = ServerView & {
	/** Messages in per second, over the last rate window. */
	rate: number;
};

/** What the view renders: immutable, replaced as a whole on every flush. */
export type MonitorSnapshot = {
	readonly registryPath: string;
	readonly registryFile: RegistrySnapshot['file'];
	/** A registry that is not a file: what it is and whether it answers. */
	readonly registryBackend?: RegistrySnapshot['backend'];
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
	/** Messages received but never made into records (see ConnectionListener.skipped). */
	onSkipped?: (count: number) => void;
	/**
	Words a system event for its line (the view's `eventText`). Default: the event as data
	(`closed code=1006 reason="" reconnecting=true`); the core itself writes no sentences.
	*/
	describeEvent?: (event: SystemEvent) => string;
	/** Pool factory: the monitor's reads sockets in a worker (createWorkerPool); tests bring their own. */
	createPool?: (
		options: PoolOptions,
	) => ReturnType<typeof createConnectionPool>;
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
