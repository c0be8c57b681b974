import {useSyncExternalStore} from 'react';
import {type MonitorSnapshot, type MonitorStore} from '../core/store.js';

/** The store's latest snapshot; re-renders only when the store flushes (a bounded rate). */
export function useMonitorSnapshot(store: MonitorStore): MonitorSnapshot {
	return useSyncExternalStore(store.subscribe, store.getSnapshot);
}
