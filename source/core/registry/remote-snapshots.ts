import {type RegistryBackend, type RegistrySnapshot} from './read.js';
import {sameJsonValue} from './same-value.js';
import {type ServerEntry} from './schema.js';
import {type RegistryWarning} from './warnings.js';

export type RemoteSnapshots = {
	backend(): RegistryBackend;
	current(): RegistrySnapshot;
	subscribe(listener: (snapshot: RegistrySnapshot) => void): () => void;
	/** Makes the snapshot again from `read()`, and tells the listeners when it differs. */
	publish(): void;
	/**
	The connection's state. While it stays the same nothing changes: "unreachable since" keeps its
	first time and its first reason (the next errors only say the same again).
	*/
	setState(state: RegistryBackend['state'], error?: string): void;
	/** The whole registry was just read: one-shot readers (`list`, `send`) wait for this. */
	loaded(): void;
	clear(): void;
};

/**
The snapshots of a registry that is not a file (Redis, HTTP): what the backend is and whether it
answers, the last good list while it does not (with a warning saying why), and listeners told only
of what changed.
*/
export function createRemoteSnapshots(options: {
	kind: RegistryBackend['kind'];
	label: string;
	now: () => number;
	/** The servers and warnings as the source knows them now. */
	read(): {servers: ServerEntry[]; warnings: RegistryWarning[]};
}): RemoteSnapshots {
	const {kind, label, now} = options;
	const listeners = new Set<(snapshot: RegistrySnapshot) => void>();
	let backend: RegistryBackend = {
		kind,
		label,
		state: 'connecting',
		since: now(),
	};
	const build = (): RegistrySnapshot => {
		const {servers, warnings} = options.read();
		// Said in the pane once (a warning line), while the header keeps "unreachable since …".
		const away: RegistryWarning[] =
			backend.state === 'unreachable'
				? [
						{
							file: label,
							message: `unreachable (${backend.error ?? 'no answer'}); showing the last list`,
						},
					]
				: [];
		return {
			path: label,
			servers,
			warnings: [...warnings, ...away],
			file: 'ok',
			backend,
		};
	};

	let snapshot = build();
	const publish = () => {
		const next = build();
		if (
			sameJsonValue(next.servers, snapshot.servers) &&
			sameJsonValue(next.warnings, snapshot.warnings) &&
			sameJsonValue(
				{...next.backend, loadedAt: 0},
				{...snapshot.backend, loadedAt: 0},
			) &&
			// The first full read is news (one-shot readers wait for it); later ones only if they differ.
			(next.backend?.loadedAt === undefined) ===
				(snapshot.backend?.loadedAt === undefined)
		) {
			return;
		}

		snapshot = next;
		for (const listener of listeners) {
			listener(snapshot);
		}
	};

	return {
		backend: () => backend,
		current: () => snapshot,
		subscribe(listener) {
			listeners.add(listener);
			return () => {
				listeners.delete(listener);
			};
		},
		publish,
		setState(state, error) {
			if (backend.state === state) {
				return;
			}

			backend = {
				kind,
				label,
				state,
				since: now(),
				...(error === undefined ? {} : {error}),
				...(backend.loadedAt === undefined ? {} : {loadedAt: backend.loadedAt}),
			};
			publish();
		},
		loaded() {
			backend = {...backend, loadedAt: now()};
		},
		clear() {
			listeners.clear();
		},
	};
}
