import fs from 'node:fs';
import {afterEach, beforeEach} from 'vitest';
import {type MonitorStore} from '../../source/core/store.js';
import {makeTemporaryFolder, registryText} from './temporary-registry.js';
import {startTestServer, type TestServer} from './ws-servers.js';

/**
What a store test stands on: a temporary registry, the real servers it starts and the store it
makes, all ended after each test (the store first, so its sockets close before the servers do).
Call at the top of a test file.
*/
export function storeFixture() {
	let temporary: ReturnType<typeof makeTemporaryFolder>;
	let store: MonitorStore | undefined;
	const servers: TestServer[] = [];
	beforeEach(() => {
		temporary = makeTemporaryFolder();
	});
	afterEach(async () => {
		await store?.close();
		store = undefined;
		for (const server of servers.splice(0)) {
			// eslint-disable-next-line no-await-in-loop
			await server.close();
		}

		temporary.cleanup();
	});

	return {
		get folder() {
			return temporary.folder;
		},
		get registryPath() {
			return temporary.registryPath;
		},
		/** Writes these entries as the registry, each with this process's pid. */
		register(...entries: Array<{id: string; port: number; name?: string}>) {
			fs.writeFileSync(
				temporary.registryPath,
				registryText(entries.map((entry) => ({...entry, pid: process.pid}))),
			);
		},
		/** A real ws server on loopback, closed after the test. */
		async server(options?: Parameters<typeof startTestServer>[0]) {
			const started = await startTestServer(options);
			servers.push(started);
			return started;
		},
		/** Closes `made` after the test (unless the test closed it and called `forget`). */
		keep(made: MonitorStore): MonitorStore {
			store = made;
			return made;
		},
		forget() {
			store = undefined;
		},
	};
}
