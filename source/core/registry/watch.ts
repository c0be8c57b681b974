import {followRegistryFolder} from './follow-folder.js';
import {registryDropInFolder} from './paths.js';
import {registrySignature} from './file-signature.js';
import {
	createRegistryReader,
	type RegistryReader,
	type RegistryReaderOptions,
	type RegistrySnapshot,
} from './read.js';
import {sameJsonValue} from './same-value.js';

/**
Where the view and the connections get the registry from: a current snapshot and a stream of new
ones. Kept this small so that another source (a URL, a shared store) can stand in for the file.
*/
export type RegistrySource = {
	current(): RegistrySnapshot;
	/** Called with every new snapshot; returns the unsubscribe function. */
	subscribe(listener: (snapshot: RegistrySnapshot) => void): () => void;
	close(): Promise<void>;
};

export type WatchOptions = RegistryReaderOptions & {
	/**
	Bursts of writes (many servers starting at once) are read once after this quiet time, in ms.
	Small, because a change must be on screen well under 100 ms. Default 5.
	*/
	coalesceMs?: number;
	/**
	Read once more this long after the last file-system event, in ms; `false` turns it off. Default
	100. chokidar drops (it does not defer) every further `change` of a path within 50 ms of one it
	reported, and every further removal within 100 ms, so without this the last writes of a burst
	are never read and the table lies until the next change. Its drop windows start when it reports
	the event we hear, so a read this long after that one sees everything it dropped.
	*/
	trailingReadMs?: number | false;
	/**
	Every this many ms, compare the files' `stat` (inode, size, times) with what it was at the last
	read, and read again if anything differs: a safety net for any event a watcher misses. Only
	`stat` and `readdir` while nothing changes; the timer does not keep the process alive. `false`
	turns it off. Default 1000.
	*/
	checkIntervalMs?: number | false;
	/**
	Listen to file-system events (default true). Without them only the periodic check notices
	changes: for file systems that send no events (some network and container mounts).
	*/
	fileEvents?: boolean;
};

/**
Watches the registry file and `servers.d/` beside it. Follows writers that replace the file by
rename, delete and re-create it, and a folder that does not exist yet (by watching the nearest
folder that does until it appears).
*/
export function watchRegistry(
	registryPath: string,
	options: WatchOptions = {},
): RegistrySource {
	const coalesceMs = options.coalesceMs ?? 5;
	const trailingReadMs = options.trailingReadMs ?? 100;
	const checkIntervalMs = options.checkIntervalMs ?? 1000;
	const dropInFolder = registryDropInFolder(registryPath);
	const reader = createRegistryReader(registryPath, options);
	const listeners = new Set<(snapshot: RegistrySnapshot) => void>();
	const currentSignature = () => registrySignature(registryPath, dropInFolder);
	let signature = currentSignature();
	let snapshot = readSafely(reader, registryPath, undefined);
	let timer: NodeJS.Timeout | undefined;
	let trailingTimer: NodeJS.Timeout | undefined;
	let checkTimer: NodeJS.Timeout | undefined;
	let closed = false;

	const refresh = () => {
		timer = undefined;
		if (closed) {
			return;
		}

		// The signature before the read: a write that lands during the read shows up as a difference
		// at the next check, never as a change already seen.
		signature = currentSignature();
		const next = readSafely(reader, registryPath, snapshot);
		if (sameSnapshot(next, snapshot)) {
			return;
		}

		snapshot = next;
		for (const listener of listeners) {
			listener(snapshot);
		}
	};

	const schedule = () => {
		timer ??= setTimeout(refresh, coalesceMs);
	};

	// Every event: read soon, and once more after the events settle (see `trailingReadMs`).
	const onEvent = () => {
		schedule();
		if (trailingReadMs !== false) {
			clearTimeout(trailingTimer);
			trailingTimer = setTimeout(schedule, trailingReadMs);
			trailingTimer.unref();
		}
	};

	const check = () => {
		if (!closed && timer === undefined && currentSignature() !== signature) {
			schedule();
		}
	};

	if (checkIntervalMs !== false) {
		checkTimer = setInterval(check, checkIntervalMs);
		checkTimer.unref();
	}

	const follower =
		options.fileEvents === false
			? undefined
			: followRegistryFolder(registryPath, dropInFolder, {
					event: onEvent,
					// Anything that changed while the watchers were being set up is caught by one more read.
					started: schedule,
				});

	return {
		current: () => snapshot,
		subscribe(listener) {
			listeners.add(listener);
			return () => {
				listeners.delete(listener);
			};
		},
		async close() {
			closed = true;
			clearTimeout(timer);
			clearTimeout(trailingTimer);
			clearInterval(checkTimer);
			listeners.clear();
			await follower?.close();
		},
	};
}

/** A registry that does not change: read once, for commands that run once (`send`). */
export function staticRegistry(snapshot: RegistrySnapshot): RegistrySource {
	return {
		current: () => snapshot,
		subscribe: () => () => undefined,
		close: async () => undefined,
	};
}

/** Whether a listener needs to hear about `next`. Cannot throw, whatever the nesting. */
function sameSnapshot(
	next: RegistrySnapshot,
	previous: RegistrySnapshot,
): boolean {
	return (
		next.file === previous.file &&
		sameJsonValue(next.servers, previous.servers) &&
		sameJsonValue(next.warnings, previous.warnings)
	);
}

/**
The reader is built not to throw; if it ever does on some input, the monitor keeps what it showed
and says why, instead of ending.
*/
function readSafely(
	reader: RegistryReader,
	registryPath: string,
	previous: RegistrySnapshot | undefined,
): RegistrySnapshot {
	try {
		return reader.read();
	} catch (error) {
		const warning = {
			file: registryPath,
			message: `could not be read (${error instanceof Error ? error.message : String(error)}); showing the last good content`,
		};
		return {
			path: registryPath,
			servers: previous?.servers ?? [],
			warnings: [warning],
			file: 'stale',
		};
	}
}
