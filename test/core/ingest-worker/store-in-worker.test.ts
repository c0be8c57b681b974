import fs from 'node:fs';
import path from 'node:path';
import {pathToFileURL} from 'node:url';
import {describe, expect, test} from 'vitest';
import {type WebSocket} from 'ws';
import {createWorkerPool} from '../../../source/core/ingest-worker/worker-pool.js';
import {watchRegistry} from '../../../source/core/registry/watch.js';
import {
	createMonitorStore,
	type MonitorStore,
	type StoreOptions,
} from '../../../source/core/store.js';
import {waitFor} from '../../helpers/wait-for.js';
import {storeFixture} from '../../helpers/store-fixture.js';

// The monitor's store with its sockets read in the ingest worker (dist/ingest-worker.js, built by
// `pretest`), over real servers and a real registry file.

const fixture = storeFixture();
const {register} = fixture;

async function server(onConnection?: (socket: WebSocket) => void) {
	return fixture.server({onConnection});
}

function workerStore(options: Partial<StoreOptions> = {}): MonitorStore {
	return fixture.keep(
		createMonitorStore({
			registry: watchRegistry(fixture.registryPath),
			createPool: createWorkerPool,
			...options,
		}),
	);
}

const frames = (current: MonitorStore) =>
	current
		.getSnapshot()
		.messages.filter((message) => message.direction !== 'system');

const allConnected = (current: MonitorStore) =>
	current.getSnapshot().servers.length > 0 &&
	current
		.getSnapshot()
		.servers.every((row) => row.state.status === 'connected');

/**
A store whose worker script is `workerUrl` (one that is missing, or dies), over a server that sends
one message: waits for the message, read in this thread instead, and returns the pane's note on why.
*/
async function fallbackNote(workerUrl: URL): Promise<string> {
	const source = await server((socket) => {
		socket.send('still here');
	});
	register({id: 'a', port: source.port});
	const current = workerStore({
		createPool: (options) => createWorkerPool({...options, workerUrl}),
	});
	await waitFor(
		() =>
			frames(current).some(
				(message) => message.decoded().preview === 'still here',
			),
		{what: 'the message, read in this thread'},
	);
	const note = current
		.getSnapshot()
		.messages.find((message) => message.event === 'info');
	return note?.decoded().full ?? '';
}

describe('the store over the ingest worker', () => {
	test('a burst larger than the scrollback: the newest messages kept, in order, every other one counted', async () => {
		const count = 20_000;
		const burst = await server((socket) => {
			for (let index = 0; index < count; index++) {
				socket.send(`m${index}`);
			}
		});
		register({id: 'burst', port: burst.port});
		const current = workerStore({scrollback: 100});
		await waitFor(
			() =>
				current.getSnapshot().servers[0]?.counters.messagesIn === count &&
				frames(current).at(-1)?.decoded().preview === `m${count - 1}`,
			{what: `all ${count} messages read and the last one shown`},
		);
		const snapshot = current.getSnapshot();
		// Kept: exactly the newest 100 records (system lines included), contiguous.
		expect(snapshot.messages).toHaveLength(100);
		const kept = frames(current).map((message) => message.decoded().preview);
		const first = count - kept.length;
		expect(kept).toEqual(
			Array.from({length: kept.length}, (_, index) => `m${first + index}`),
		);
		const systemLines = snapshot.messages.length - kept.length;
		// Nothing lost uncounted: every message and system line is kept or counted as dropped.
		expect(snapshot.messageTotal - snapshot.messageDropped).toBe(100);
		expect(snapshot.messageTotal).toBeGreaterThanOrEqual(count + systemLines);
		// Sequence numbers run on through what the worker skipped, so anchors stay stable.
		expect(snapshot.messages.at(-1)!.seq).toBe(snapshot.messageTotal - 1);
		// Each frame keeps when it was read and its size.
		const last = frames(current).at(-1)!;
		expect(last.bytes).toBe(`m${count - 1}`.length);
		expect(Math.abs(last.time - Date.now())).toBeLessThan(60_000);
	});

	test('a large frame keeps its first 16 KiB and its whole size; binary stays binary', async () => {
		const big = 'x'.repeat(40_000);
		const source = await server((socket) => {
			socket.send(big);
			socket.send(Buffer.from([0, 1, 2, 255]), {binary: true});
		});
		register({id: 'big', port: source.port});
		const current = workerStore();
		await waitFor(() => frames(current).length === 2, {what: 'both frames'});
		const [text, binary] = frames(current);
		expect(text!.bytes).toBe(40_000);
		expect(text!.payload!()).toHaveLength(16 * 1024);
		expect(text!.decoded().full).toContain('more were received but not kept');
		expect(binary!.bytes).toBe(4);
		expect([...binary!.payload!()]).toEqual([0, 1, 2, 255]);
		expect(binary!.decoded().kind).toBe('binary');
	});

	test('sending and topics go through the worker; each recipient gets its out line', async () => {
		const received: string[] = [];
		const echo = await server((socket) => {
			socket.on('message', (data: Buffer) => {
				received.push(data.toString());
				socket.send(`echo ${data.toString()}`);
			});
		});
		register({id: 'echo', port: echo.port});
		const current = workerStore();
		await waitFor(() => allConnected(current), {what: 'connected'});
		const deliveries = await current.send('hello');
		expect(deliveries).toEqual([{id: 'echo', delivered: true, bytes: 5}]);
		await current.subscribeTopic('room');
		await waitFor(() => current.getSnapshot().topics.includes('room'), {
			what: 'the topic in the snapshot',
		});
		await waitFor(() => received.length === 2, {what: 'both messages'});
		expect(received).toEqual(['hello', '["room","subscribe",{}]']);
		await waitFor(
			() =>
				frames(current).some(
					(message) => message.decoded().preview === 'echo hello',
				),
			{what: 'the echo'},
		);
		expect(
			frames(current)
				.filter((message) => message.direction === 'out')
				.map((message) => message.payload!().toString()),
		).toEqual(['hello', '["room","subscribe",{}]']);
		const unknown = await current.send('x', 'nobody');
		expect(unknown).toEqual([
			{
				id: 'nobody',
				delivered: false,
				reason: 'no such server in the registry',
			},
		]);
	});

	test('events keep their order among frames; a removed entry goes at once', async () => {
		const source = await server((socket) => {
			socket.send('first');
		});
		register({id: 'a', port: source.port});
		const current = workerStore();
		await waitFor(() => frames(current).length === 1, {what: 'the frame'});
		const lines = current
			.getSnapshot()
			.messages.map((message) => message.event ?? message.decoded().preview);
		expect(lines).toEqual(['added', 'connected', 'first']);
		register();
		await waitFor(() => current.getSnapshot().servers.length === 0, {
			what: 'the row gone',
		});
		await waitFor(
			() => current.getSnapshot().messages.at(-1)?.event === 'removed',
			{what: 'the removed line'},
		);
	});

	test('closing the store closes each socket with 1001 and ends the worker', async () => {
		const closes: number[] = [];
		const source = await server((socket) => {
			socket.on('close', (code) => {
				closes.push(code);
			});
		});
		register({id: 'a', port: source.port});
		const current = workerStore();
		await waitFor(() => allConnected(current), {what: 'connected'});
		await current.close();
		fixture.forget();
		await waitFor(() => closes.length === 1, {what: 'the close'});
		expect(closes).toEqual([1001]);
	});

	test('a worker that cannot start: the pool reads in this thread and says so', async () => {
		const note = await fallbackNote(
			pathToFileURL(`${fixture.folder}/no-such-worker.js`),
		);
		expect(note).toMatch(
			/the ingest worker stopped .*; reading sockets on the main thread/,
		);
	});

	test('a worker that dies: what it threw is said in the pane, bounded, and reading goes on here', async () => {
		const dying = path.join(fixture.folder, 'dying-worker.mjs');
		fs.writeFileSync(
			dying,
			`throw new Error('\\u001B]0;pwned\\u0007' + 'x'.repeat(5000));\n`,
		);
		const note = await fallbackNote(pathToFileURL(dying));
		expect(note).toMatch(/the ingest worker stopped \(.*x…\); reading sockets/);
		expect(note.length).toBeLessThan(400);
		expect(note).not.toContain('\u001B');
	});

	test('a server that did not change keeps its row object from one snapshot to the next', async () => {
		let chatty: WebSocket | undefined;
		const quietServer = await server();
		const chattyServer = await server((socket) => {
			chatty = socket;
		});
		register(
			{id: 'quiet', port: quietServer.port},
			{id: 'chatty', port: chattyServer.port},
		);
		// No heartbeats: nothing about the quiet server changes once it is connected.
		const current = workerStore({pingIntervalMs: 60_000});
		const row = (id: string) =>
			current.getSnapshot().servers.find((server) => server.id === id)!;
		// The first ping goes at once on connecting: its round trip is the last change to wait for.
		await waitFor(
			() =>
				allConnected(current) &&
				chatty !== undefined &&
				row('quiet').counters.rttMs !== undefined &&
				row('chatty').counters.rttMs !== undefined,
			{what: 'both connected, and their first round trips shown'},
		);
		const quietBefore = row('quiet');
		const chattyBefore = row('chatty');
		chatty!.send('news');
		await waitFor(() => row('chatty').counters.messagesIn === 1, {
			what: "the chatty server's message counted",
		});
		expect(row('quiet')).toBe(quietBefore);
		expect(row('chatty')).not.toBe(chattyBefore);
		// A registry entry that changes (a new name) makes a new row with it, though the worker's
		// view of the server is the same.
		register(
			{id: 'quiet', port: quietServer.port, name: 'renamed'},
			{id: 'chatty', port: chattyServer.port},
		);
		await waitFor(() => row('quiet').entry.name === 'renamed', {
			what: 'the new name',
		});
		expect(row('quiet')).not.toBe(quietBefore);
	});
});
