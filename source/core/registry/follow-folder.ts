import fs from 'node:fs';
import path from 'node:path';
import {watch as chokidarWatch, type FSWatcher} from 'chokidar';

export type FolderFollower = {
	/** Stops every watcher; nothing is reported afterwards. */
	close(): Promise<void>;
};

/**
Reports every file-system event that may change the registry: the file, and the `.json` files of
the drop-in folder (temp files and the lock are ignored). Follows writers that replace the file by
rename, delete and re-create it, and a folder that does not exist yet or goes away (by watching the
nearest folder that does until it appears).
*/
export function followRegistryFolder(
	registryPath: string,
	dropInFolder: string,
	on: {
		/** A file-system event that may have changed the registry. */
		event: () => void;
		/** Watchers were (re)started: whatever changed while they were being set up is unseen. */
		started: () => void;
	},
): FolderFollower {
	const folder = path.dirname(registryPath);
	let folderWatcher: FSWatcher | undefined;
	let ancestorWatcher: fs.FSWatcher | undefined;
	let retryTimer: NodeJS.Timeout | undefined;
	let closed = false;

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

		on.started();
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
			on.event();
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
		async close() {
			closed = true;
			clearTimeout(retryTimer);
			await stopWatching();
		},
	};
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
