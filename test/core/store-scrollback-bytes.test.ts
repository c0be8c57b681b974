import fs from 'node:fs';
import {afterEach, expect, test} from 'vitest';
import {
	keptBytesPerMessage,
	recordOverheadBytes,
} from '../../source/core/messages/record.js';
import {watchRegistry} from '../../source/core/registry/watch.js';
import {
	createMonitorStore,
	type MonitorStore,
} from '../../source/core/store.js';
import {
	makeTemporaryFolder,
	registryText,
} from '../helpers/temporary-registry.js';
import {waitFor} from '../helpers/wait-for.js';
import {startTestServer, type TestServer} from '../helpers/ws-servers.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
	for (const cleanup of cleanups.splice(0).toReversed()) {
		// eslint-disable-next-line no-await-in-loop
		await cleanup();
	}
});

test('the scrollback is bounded by bytes as well as by count: big messages evict the oldest, counted as dropped', async () => {
	// 40 messages of 64 KiB: each keeps at most 16 KiB, so a bound of 10 such records keeps 10.
	const count = 40;
	const payload = 'x'.repeat(64 * 1024);
	const server: TestServer = await startTestServer({
		onConnection(socket) {
			for (let index = 0; index < count; index++) {
				socket.send(`${String(index).padStart(3, '0')}${payload}`);
			}
		},
	});
	cleanups.push(async () => server.close());
	const temporary = makeTemporaryFolder();
	cleanups.push(() => {
		temporary.cleanup();
	});
	fs.writeFileSync(
		temporary.registryPath,
		registryText([{id: 'flood', port: server.port, pid: process.pid}]),
	);
	const perRecord = keptBytesPerMessage + recordOverheadBytes;
	const store: MonitorStore = createMonitorStore({
		registry: watchRegistry(temporary.registryPath),
		scrollback: 5000,
		scrollbackBytes: 10 * perRecord + recordOverheadBytes * 4,
	});
	cleanups.push(async () => store.close());
	const snapshot = await waitFor(
		() => {
			const current = store.getSnapshot();
			return (
				current.servers[0]?.counters.messagesIn === count &&
				current.messageTotal >= count &&
				current
			);
		},
		{timeoutMs: 10_000, what: `${count} messages in`},
	);
	const inbound = snapshot.messages.filter(
		(message) => message.direction === 'in',
	);
	// The system lines (added, connected) were the oldest and went first; then the oldest frames.
	expect(inbound.length).toBeLessThanOrEqual(10);
	expect(inbound.length).toBeGreaterThanOrEqual(9);
	expect(inbound.at(-1)!.decoded().preview.startsWith('039')).toBe(true);
	expect(snapshot.messageDropped).toBe(
		snapshot.messageTotal - snapshot.messages.length,
	);
	expect(snapshot.messageDropped).toBeGreaterThanOrEqual(count - 10);
});
