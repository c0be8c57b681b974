import fs from 'node:fs';
import {describe, expect, test} from 'vitest';
import {watchRegistry} from '../../source/core/registry/watch.js';
import {
	createMonitorStore,
	type MonitorStore,
} from '../../source/core/store.js';
import {registryText} from '../helpers/temporary-registry.js';
import {waitFor} from '../helpers/wait-for.js';
import {eventText} from '../../source/view/event-text.js';
import {type TestServer} from '../helpers/ws-servers.js';
import {storeFixture} from '../helpers/store-fixture.js';

const fixture = storeFixture();
const {register} = fixture;

async function flooder(count: number): Promise<TestServer> {
	const server = await fixture.server({
		onConnection(socket) {
			for (let index = 0; index < count; index++) {
				socket.send(String(index));
			}
		},
	});
	return server;
}

/** Sends without end, as fast as the socket drains, until the client goes away. */
async function endlessFlooder(): Promise<TestServer> {
	const text = JSON.stringify({
		type: 'log',
		level: 'info',
		msg: 'request served',
		ms: 12,
	});
	const server = await fixture.server({
		onConnection(socket) {
			const pump = () => {
				if (socket.readyState !== socket.OPEN) {
					return;
				}

				for (
					let index = 0;
					index < 256 && socket.bufferedAmount < 256 * 1024;
					index++
				) {
					socket.send(text);
				}

				setImmediate(pump);
			};

			pump();
		},
	});
	return server;
}

function inbound(current: MonitorStore) {
	return current
		.getSnapshot()
		.messages.filter((message) => message.direction === 'in');
}

describe('createMonitorStore', () => {
	test('the ingest budget pauses and resumes the sockets, and pausing loses no message', async () => {
		const count = 20_000;
		const server = await flooder(count);
		register({id: 'flood', port: server.port});
		let notifications = 0;
		const current = fixture.keep(
			createMonitorStore({
				registry: watchRegistry(fixture.registryPath),
				ingestBudget: 100,
				scrollback: count + 100,
			}),
		);
		current.subscribe(() => {
			notifications++;
		});
		await waitFor(() => inbound(current).length === count, {
			timeoutMs: 20_000,
			what: `${count} messages`,
		});
		const snapshot = current.getSnapshot();
		expect(snapshot.ingestPauses).toBeGreaterThan(0);
		expect(
			inbound(current).map((message) => message.decoded().preview),
		).toEqual(Array.from({length: count}, (_, index) => String(index)));
		expect(snapshot.servers[0]!.counters.messagesIn).toBe(count);
		// Batched: far fewer notifications than messages.
		expect(notifications).toBeLessThan(count / 100);
	});

	test('under a flood the ingest budget reads every server in turn: none is starved', async () => {
		// Sockets resumed first are read first, and the budget runs out after a few: resuming in a
		// fixed order gave the first servers everything and the last ones nothing, until their
		// heartbeat gave up on them and dropped all they had buffered.
		const count = 6;
		const flooders = await Promise.all(
			Array.from({length: count}, async () => endlessFlooder()),
		);
		register(
			...flooders.map((server, index) => ({
				id: `flood-${index}`,
				port: server.port,
			})),
		);
		const current = fixture.keep(
			createMonitorStore({
				registry: watchRegistry(fixture.registryPath),
				ingestBudget: 500,
				scrollback: 100,
			}),
		);
		const received = () =>
			current.getSnapshot().servers.map((server) => server.counters.messagesIn);
		const total = 60_000;
		await waitFor(
			() => received().reduce((sum, value) => sum + value, 0) >= total,
			{timeoutMs: 30_000, what: `${total} messages`},
		);
		const counts = received();
		const fairShare = counts.reduce((sum, value) => sum + value, 0) / count;
		expect(current.getSnapshot().ingestPauses).toBeGreaterThan(0);
		for (const [index, value] of counts.entries()) {
			expect(value, `flood-${index} of ${counts.join(', ')}`).toBeGreaterThan(
				fairShare / 2,
			);
		}
	});

	test('the scrollback bound drops the oldest messages and counts them', async () => {
		const server = await flooder(1000);
		register({id: 'flood', port: server.port});
		const current = fixture.keep(
			createMonitorStore({
				registry: watchRegistry(fixture.registryPath),
				scrollback: 100,
			}),
		);
		await waitFor(
			() => current.getSnapshot().servers[0]?.counters.messagesIn === 1000,
			{what: '1000 messages'},
		);
		await waitFor(() => current.getSnapshot().messageTotal >= 1000, {
			what: 'the flush',
		});
		const snapshot = current.getSnapshot();
		expect(snapshot.messages).toHaveLength(100);
		expect(snapshot.messages.length + snapshot.messageDropped).toBe(
			snapshot.messageTotal,
		);
		expect(snapshot.messages.at(-1)!.decoded().preview).toBe('999');
	});

	test('sending records one "out" line per recipient', async () => {
		const echo = await fixture.server({
			onConnection(socket) {
				socket.on('message', () => {
					socket.send('pong');
				});
			},
		});
		const quiet = await fixture.server();
		register({id: 'echo', port: echo.port}, {id: 'quiet', port: quiet.port});
		const current = fixture.keep(
			createMonitorStore({
				registry: watchRegistry(fixture.registryPath),
			}),
		);
		await waitFor(
			() =>
				current
					.getSnapshot()
					.servers.every((server) => server.state.status === 'connected'),
			{
				what: 'both connected',
			},
		);
		const deliveries = await current.send('ping');
		expect(deliveries.map((delivery) => delivery.id)).toEqual([
			'echo',
			'quiet',
		]);
		await waitFor(() => inbound(current).length === 1, {what: 'the reply'});
		const lines = current
			.getSnapshot()
			.messages.filter((message) => message.direction !== 'system')
			.map(
				(message) =>
					`${message.direction} ${message.serverId} ${message.decoded().preview}`,
			);
		expect(lines).toEqual(['out echo ping', 'out quiet ping', 'in echo pong']);
	});

	test('registry warnings and connection events become system lines, each warning once', async () => {
		fs.writeFileSync(
			fixture.registryPath,
			registryText([{id: 'bad', port: 'nope', pid: 1}]),
		);
		const current = fixture.keep(
			createMonitorStore({
				registry: watchRegistry(fixture.registryPath),
				describeEvent: eventText,
			}),
		);
		const systemLines = () =>
			current
				.getSnapshot()
				.messages.filter((message) => message.direction === 'system')
				.map(
					(message) => `${message.event ?? ''}: ${message.decoded().preview}`,
				);
		await waitFor(() => systemLines().length > 0, {what: 'the warning'});
		expect(systemLines()[0]).toMatch(/^warning: .*entry 0 "bad": field "port"/);
		// The same broken entry, rewritten with a good one beside it: the warning is not repeated.
		const server = await fixture.server();
		fs.writeFileSync(
			fixture.registryPath,
			registryText([
				{id: 'bad', port: 'nope', pid: 1},
				{id: 'good', port: server.port, pid: process.pid},
			]),
		);
		await waitFor(
			() => systemLines().some((line) => line.startsWith('connected')),
			{what: 'good to connect'},
		);
		expect(
			systemLines().filter((line) => line.startsWith('warning')),
		).toHaveLength(1);
		expect(systemLines()).toContain('added: added to the registry');
	});
});
