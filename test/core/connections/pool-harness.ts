import {afterEach} from 'vitest';
import {type RawData} from 'ws';
import {
	createConnectionPool,
	type ConnectionPool,
	type PoolOptions,
} from '../../../source/core/connections/pool.js';
import {
	type ServerStatus,
	type ServerView,
	type SystemEvent,
} from '../../../source/core/connections/types.js';
import {type ServerEntry} from '../../../source/core/registry/schema.js';
import {startTestServer, type TestServer} from '../../helpers/ws-servers.js';
import {waitFor} from '../../helpers/wait-for.js';

/** Cleanups run after each test, newest first. */
export const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
	for (const cleanup of cleanups.splice(0).toReversed()) {
		// eslint-disable-next-line no-await-in-loop
		await cleanup();
	}
});

export async function server(
	options: Parameters<typeof startTestServer>[0] = {},
): Promise<TestServer> {
	const started = await startTestServer(options);
	cleanups.push(async () => started.close());
	return started;
}

export function entryFor(
	id: string,
	port: number,
	extra: Partial<ServerEntry> & Record<string, unknown> = {},
): ServerEntry {
	return {id, port, pid: process.pid, ...extra};
}

export type Recorded = {
	pool: ConnectionPool;
	events: Array<{id: string} & SystemEvent>;
};

/** A pool with a slow heartbeat whose events are recorded; closed after the test. */
export function makePool(options: Partial<PoolOptions> = {}): Recorded {
	const events: Recorded['events'] = [];
	const pool = createConnectionPool({
		pingIntervalMs: 60_000,
		...options,
		listener: {
			changed: () => undefined,
			measured: () => undefined,
			message(_id: string, _data: RawData, _isBinary: boolean) {
				// Not needed here.
			},
			event(id, event) {
				events.push({id, ...event});
			},
		},
	});
	cleanups.push(() => {
		void pool.close();
	});
	return {pool, events};
}

export function viewOf(
	pool: ConnectionPool,
	id: string,
): ServerView | undefined {
	return pool.servers().find((candidate) => candidate.id === id);
}

export async function waitForStatus(
	pool: ConnectionPool,
	id: string,
	status: ServerStatus,
	timeoutMs = 3000,
): Promise<ServerView> {
	return waitFor(
		() => {
			const view = viewOf(pool, id);
			return view?.state.status === status && view;
		},
		{
			timeoutMs,
			what: `${id} to be ${status} (is ${viewOf(pool, id)?.state.status ?? 'absent'})`,
		},
	);
}
