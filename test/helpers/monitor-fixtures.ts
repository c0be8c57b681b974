import {type ConnectionState} from '../../source/core/connections/types.js';
import {
	frameRecord,
	systemRecord,
	type MessageRecord,
} from '../../source/core/messages/record.js';
import {
	type MonitorSnapshot,
	type MonitorStore,
	type ServerRow,
} from '../../source/core/store.js';

export function serverRow(
	id: string,
	state: Partial<ConnectionState> = {},
	extra: Partial<ServerRow> = {},
): ServerRow {
	return {
		id,
		entry: {
			id,
			port: 40_000 + id.length,
			pid: 1000 + id.length,
			startedAt: new Date().toISOString(),
		},
		state: {
			status: 'connected',
			attempt: 0,
			connectedAt: Date.now() - 65_000,
			...state,
		},
		counters: {
			messagesIn: 1234,
			bytesIn: 10_000,
			messagesOut: 5,
			bytesOut: 50,
			rttMs: 2,
		},
		rate: 12,
		...extra,
	};
}

/** `count` incoming text messages "line 0" … from `serverId`, numbered from `firstSeq`. */
export function textMessages(
	count: number,
	serverId = 'alpha',
	firstSeq = 0,
): MessageRecord[] {
	return Array.from({length: count}, (_, index) =>
		frameRecord(
			{seq: firstSeq + index, time: Date.now(), serverId, direction: 'in'},
			`line ${index}`,
			false,
		),
	);
}

export function systemMessage(
	seq: number,
	serverId: string,
	event: string,
	text: string,
): MessageRecord {
	return systemRecord({seq, time: Date.now(), serverId}, event, text);
}

export function snapshotOf(
	parts: Partial<MonitorSnapshot> = {},
): MonitorSnapshot {
	const messages = parts.messages ?? [];
	return {
		registryPath: '/tmp/servers.json',
		registryFile: 'ok',
		warnings: [],
		servers: [],
		messages,
		messageTotal: messages.length,
		messageDropped: 0,
		ingestPauses: 0,
		topics: [],
		version: 0,
		now: Date.now(),
		...parts,
	};
}

export type FakeStore = MonitorStore & {
	sent: Array<{text: string; to?: string}>;
	notes: string[];
	topics: string[];
	cleared: number;
	publish(next: MonitorSnapshot): void;
};

/**
A store that serves given snapshots and records what the view asks of it: component tests check the
view's behaviour, the store's own behaviour is tested against real servers elsewhere.
*/
export function fakeStore(initial: MonitorSnapshot): FakeStore {
	let snapshot = initial;
	const listeners = new Set<() => void>();
	const store: FakeStore = {
		sent: [],
		notes: [],
		topics: [],
		cleared: 0,
		subscribe(listener) {
			listeners.add(listener);
			return () => {
				listeners.delete(listener);
			};
		},
		getSnapshot: () => snapshot,
		async send(text, to) {
			store.sent.push({text, ...(to === undefined ? {} : {to})});
			return [];
		},
		async subscribeTopic(topic) {
			store.topics.push(`+${topic}`);
			return [];
		},
		async unsubscribeTopic(topic) {
			store.topics.push(`-${topic}`);
			return [];
		},
		note(text) {
			store.notes.push(text);
		},
		clearMessages() {
			store.cleared++;
		},
		holdIngest: () => undefined,
		close: async () => undefined,
		publish(next) {
			snapshot = next;
			for (const listener of listeners) {
				listener();
			}
		},
	};
	return store;
}
