import {type MessageRecord} from '../messages/record.js';
import {type RegistrySource} from '../registry/watch.js';
import {type MonitorStore} from '../store/types.js';
import {createRecorder, type Recorder} from './recorder.js';

/** `--record <file>` and its companions, as the monitor and the `--json` stream take them. */
export type RecordOptions = {
	/** The file to record to from the start (`--record`). */
	record?: string;
	/** Rotate at this many bytes (`--record-max`). */
	recordMax?: number;
	/** Replace an existing regular file (`--record-overwrite`). */
	recordOverwrite?: boolean;
};

export type StoreRecording = {
	recorder: Recorder;
	/** The store's `onRecord`: every message and system event as it is made. */
	onRecord(record: MessageRecord): void;
	/** The store's `onSkipped`. */
	onSkipped(count: number): void;
	/** Follows the store's snapshots (state changes) and the registry; returns the detach. */
	attach(store: MonitorStore): () => void;
};

/**
A recorder wired to a registry and (once made) a store. Made before the store, because the store
takes `onRecord` when it is made; `--record` starts it then too, so the store's first events (each
server `added`) are recorded.
*/
export function createStoreRecording(
	registry: RegistrySource,
	options: {recordMax?: number} = {},
): StoreRecording {
	let store: MonitorStore | undefined;
	const recorder = createRecorder({
		registry: () => registry.current(),
		snapshot: () => store?.getSnapshot(),
	});
	return {
		recorder: {
			...recorder,
			// `--record-max` holds for `/record` too.
			start: async (start) =>
				recorder.start({
					...(options.recordMax === undefined
						? {}
						: {maxBytes: options.recordMax}),
					...start,
				}),
		},
		onRecord: recorder.onRecord,
		onSkipped: recorder.onSkipped,
		attach(attached) {
			store = attached;
			const unsubscribeStore = attached.subscribe(() => {
				recorder.onSnapshot(attached.getSnapshot());
			});
			const unsubscribeRegistry = registry.subscribe(() => {
				recorder.onRegistry(registry.current());
			});
			return () => {
				unsubscribeStore();
				unsubscribeRegistry();
			};
		},
	};
}
