import fs from 'node:fs';
import path from 'node:path';
import {watch as chokidarWatch, type FSWatcher} from 'chokidar';
import {registryDropInFolder} from './paths.js';
import {
	createRegistryReader,
	type RegistryReaderOptions,
	type RegistrySnapshot,
} from './read.js';

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
	Small, because a change must be on screen well under 100 ms.
	*/
	coalesceMs?: number;
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
	const folder = path.dirname(registryPath);
	const dropInFolder = registryDropInFolder(registryPath);
	const reader = createRegistryReader(registryPath, options);
	const listeners = new Set<(snapshot: RegistrySnapshot) => void>();
	let snapshot = reader.read();
	let lastKey = snapshotKey(snapshot);
	let timer: NodeJS.Timeout | undefined;
	let retryTimer: NodeJS.Timeout | undefined;
	let folderWatcher: FSWatcher | undefined;
	let ancestorWatcher: fs.FSWatcher | undefined;
	let closed = false;

	const refresh = () => {
		timer = undefined;
		if (closed) {
			return;
		}

		const next = reader.read();
		const key = snapshotKey(next);
		if (key === lastKey) {
			return;
		}

		snapshot = next;
		lastKey = key;
		for (const listener of listeners) {
			listener(snapshot);
		}
	};

	const schedule = () => {
		timer ??= setTimeout(refresh, coalesceMs);
	};

	// Only the registry file and drop-in files matter; temp files and the lock are ignored.
	const isRelevant = (candidate: string) =>
		candidate === folder ||
		candidate === registryPath ||
		candidate === dropInFolder ||
		(path.dirname(candidate) === dropInFolder && candidate.endsWith('.json'));

	const stopWatching = async () => {
		ancestorWatcher?.close();
		ancestorWatcher = undefined;
		const watcher = folderWatcher;
		folderWatcher = undefined;
		await watcher?.close();
	};

	const start = () => {
		if (closed) {
			return;
		}

		if (isDirectory(folder)) {
			watchFolder();
		} else {
			watchAncestor();
		}

		// Anything that changed while the watchers were being set up is caught by one more read.
		schedule();
	};

	let restarting = false;
	const restart = () => {
		if (restarting) {
			return;
		}

		restarting = true;
		void stopWatching().then(() => {
			restarting = false;
			start();
		});
	};

	const watchFolder = () => {
		const watcher = chokidarWatch(folder, {
			depth: 1,
			ignoreInitial: true,
			ignored: (candidate) => !isRelevant(path.resolve(candidate)),
		});
		// The folder itself may go away (even before the watcher is ready): then watch for its return.
		const checkFolder = () => {
			schedule();
			if (!isDirectory(folder)) {
				restart();
			}
		};

		watcher.on('all', checkFolder);
		watcher.on('ready', checkFolder);
		watcher.on('error', () => {
			restart();
		});
		folderWatcher = watcher;
	};

	const watchAncestor = () => {
		const ancestor = nearestExistingFolder(folder);
		try {
			ancestorWatcher = fs.watch(ancestor, () => {
				if (isDirectory(nextStep(ancestor, folder))) {
					restart();
				}
			});
			ancestorWatcher.on('error', restart);
		} catch {
			// The ancestor went away between the check and the watch: look again shortly.
			retryTimer = setTimeout(restart, 100);
		}
	};

	start();

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
			clearTimeout(retryTimer);
			listeners.clear();
			await stopWatching();
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

function snapshotKey(snapshot: RegistrySnapshot): string {
	return JSON.stringify([snapshot.servers, snapshot.warnings, snapshot.file]);
}

function isDirectory(candidate: string): boolean {
	try {
		return fs.statSync(candidate).isDirectory();
	} catch {
		return false;
	}
}

function nearestExistingFolder(start: string): string {
	let current = path.dirname(start);
	while (!isDirectory(current) && path.dirname(current) !== current) {
		current = path.dirname(current);
	}

	return current;
}

/** The child of `ancestor` on the way to `target`. */
function nextStep(ancestor: string, target: string): string {
	const rest = path.relative(ancestor, target).split(path.sep)[0] ?? '';
	return path.join(ancestor, rest);
}
