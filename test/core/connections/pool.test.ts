import net from 'node:net';
import {afterEach, describe, expect, test} from 'vitest';
import {type RawData, type WebSocket} from 'ws';
import {rawDataToBuffer} from '../../../source/core/raw-data.js';
import {
	createConnectionPool,
	type ConnectionPool,
	type PoolOptions,
} from '../../../source/core/connections/pool.js';
import {
	type ServerStatus,
	type SystemEvent,
} from '../../../source/core/connections/types.js';
import {type ServerEntry} from '../../../source/core/registry/schema.js';
import {startTestServer, type TestServer} from '../../helpers/ws-servers.js';
import {eventText} from '../../../source/view/event-text.js';
import {waitFor} from '../../helpers/wait-for.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
	for (const cleanup of cleanups.splice(0).toReversed()) {
		// eslint-disable-next-line no-await-in-loop
		await cleanup();
	}
});

async function server(
	options: Parameters<typeof startTestServer>[0] = {},
): Promise<TestServer> {
	return startTestServer(options).then((started) => {
		cleanups.push(async () => started.close());
		return started;
	});
}

function entryFor(
	id: string,
	port: number,
	extra: Partial<ServerEntry> = {},
): ServerEntry {
	return {
		id,
		port,
		pid: process.pid,
		startedAt: new Date().toISOString(),
		...extra,
	};
}

type Recorded = {
	pool: ConnectionPool;
	events: Array<{id: string} & SystemEvent>;
	messages: Array<{id: string; text: string; isBinary: boolean}>;
};

function makePool(options: Partial<PoolOptions> = {}): Recorded {
	const events: Recorded['events'] = [];
	const messages: Recorded['messages'] = [];
	const pool = createConnectionPool({
		pingIntervalMs: 60_000,
		...options,
		listener: {
			changed: () => undefined,
			measured: () => undefined,
			message(id: string, data: RawData, isBinary: boolean) {
				messages.push({
					id,
					text: Buffer.isBuffer(data) ? data.toString() : '',
					isBinary,
				});
			},
			event(id, event) {
				events.push({id, ...event});
			},
		},
	});
	cleanups.push(() => {
		void pool.close();
	});
	return {pool, events, messages};
}

async function waitForStatus(
	pool: ConnectionPool,
	id: string,
	status: ServerStatus,
	timeoutMs = 3000,
) {
	return waitFor(
		() => {
			const view = pool.servers().find((candidate) => candidate.id === id);
			return view?.state.status === status && view;
		},
		{
			timeoutMs,
			what: `${id} to be ${status} (is ${pool.servers().find((candidate) => candidate.id === id)?.state.status ?? 'absent'})`,
		},
	);
}

describe('reconcile', () => {
	test('opens one socket per entry and leaves unchanged entries untouched', async () => {
		const a = await server({
			onConnection(socket) {
				socket.send('hello from a');
			},
		});
		const b = await server();
		const {pool, messages} = makePool();
		pool.reconcile([entryFor('a', a.port), entryFor('b', b.port)]);
		await waitForStatus(pool, 'a', 'connected');
		await waitForStatus(pool, 'b', 'connected');
		await waitFor(() => messages.length === 1, {what: 'the greeting'});
		const before = pool.servers().find((view) => view.id === 'a')!;

		// Unrelated changes: b's name changes, c is added. a's socket and counters must survive.
		const c = await server();
		pool.reconcile([
			entryFor('a', a.port),
			entryFor('b', b.port, {name: 'renamed'}),
			entryFor('c', c.port),
		]);
		await waitForStatus(pool, 'c', 'connected');
		const after = pool.servers().find((view) => view.id === 'a')!;
		expect(after.counters).toBe(before.counters);
		expect(after.counters.messagesIn).toBe(1);
		expect(after.state.connectedAt).toBe(before.state.connectedAt);
		expect(a.clients()).toHaveLength(1);
		expect(b.clients()).toHaveLength(1);
		expect(pool.servers().find((view) => view.id === 'b')!.entry.name).toBe(
			'renamed',
		);
	});

	test('closes a removed entry and reconnects an entry whose port changed', async () => {
		const first = await server();
		const second = await server();
		const {pool, events} = makePool();
		pool.reconcile([entryFor('x', first.port)]);
		await waitForStatus(pool, 'x', 'connected');
		pool.reconcile([entryFor('x', second.port)]);
		await waitFor(
			() => second.clients().length === 1 && first.clients().length === 0,
			{what: 'the move to the new port'},
		);
		await waitForStatus(pool, 'x', 'connected');
		pool.reconcile([]);
		expect(pool.servers()).toEqual([]);
		await waitFor(() => second.clients().length === 0, {
			what: 'the socket to close',
		});
		expect(events.map((event) => event.event)).toEqual([
			'added',
			'connected',
			'changed',
			'connected',
			'removed',
		]);
	});

	test('reaches localhost whether the server listens on IPv4 or IPv6', async () => {
		const v4 = await server({host: '127.0.0.1'});
		const v6 = await server({host: '::1'});
		const {pool} = makePool();
		pool.reconcile([
			entryFor('v4', v4.port),
			entryFor('v6', v6.port, {host: 'localhost'}),
		]);
		await waitForStatus(pool, 'v4', 'connected');
		await waitForStatus(pool, 'v6', 'connected');
	});
});

describe('what a server can do to a connection', () => {
	test('a server at path /ws that sends a first snapshot: connected, and the snapshot received', async () => {
		const harness = await server({
			path: '/ws',
			onConnection(socket) {
				socket.send(JSON.stringify({type: 'initial-state', sessions: []}));
			},
		});
		const {pool, messages} = makePool();
		pool.reconcile([entryFor('harness', harness.port, {path: '/ws'})]);
		await waitForStatus(pool, 'harness', 'connected');
		await waitFor(() => messages.length === 1, {what: 'the snapshot'});
		expect(messages[0]!.text).toContain('initial-state');
	});

	test('a server that wants a token: rejected with 401 without it, connected with it', async () => {
		const guarded = await server({
			verifyClient: ({req}) => req.headers.authorization === 'Bearer s3cret',
		});
		const {pool, events} = makePool();
		pool.reconcile([entryFor('guarded', guarded.port)]);
		const rejected = await waitForStatus(pool, 'guarded', 'rejected');
		expect(rejected.state.httpStatus).toBe(401);
		const refusal = events.find((event) => event.event === 'rejected')!;
		expect(refusal).toMatchObject({status: 401});
		expect(eventText(refusal)).toMatch(/rejected: HTTP 401.*token/);
		pool.reconcile([entryFor('guarded', guarded.port, {token: 's3cret'})]);
		await waitForStatus(pool, 'guarded', 'connected');
	});

	test('a 2 MiB frame closes only that connection with 1009; the others keep flowing', async () => {
		const big = await server({
			onConnection(socket) {
				socket.send(Buffer.alloc(2 * 1024 * 1024, 97).toString());
			},
		});
		const chatty = await server({
			onConnection(socket) {
				const timer = setInterval(() => {
					socket.send('tick');
				}, 20);
				socket.on('close', () => {
					clearInterval(timer);
				});
			},
		});
		const {pool, events, messages} = makePool({
			backoff: {baseMs: 60_000, capMs: 60_000},
		});
		pool.reconcile([
			entryFor('big', big.port),
			entryFor('chatty', chatty.port),
		]);
		const closed = await waitFor(
			() =>
				events.find((event) => event.id === 'big' && event.event === 'closed'),
			{what: 'the oversize close'},
		);
		expect(closed).toMatchObject({code: 1009, reconnecting: true});
		expect(eventText(closed)).toMatch(
			/closed 1009 message too big: a frame exceeded the 1\.0 MiB limit/,
		);
		expect(
			pool.servers().find((view) => view.id === 'big')!.state,
		).toMatchObject({status: 'reconnecting', lastClose: {code: 1009}});
		const ticks = messages.filter((message) => message.id === 'chatty').length;
		await waitFor(
			() =>
				messages.filter((message) => message.id === 'chatty').length >
				ticks + 3,
			{what: 'more ticks'},
		);
		expect(
			pool.servers().find((view) => view.id === 'chatty')!.state.status,
		).toBe('connected');
	});

	test('a server that accepts TCP but never answers the upgrade times out and retries', async () => {
		const accepted: net.Socket[] = [];
		const silent = net.createServer((socket) => {
			accepted.push(socket); // Accept and say nothing.
		});
		await new Promise<void>((resolve) => {
			silent.listen(0, '127.0.0.1', resolve);
		});
		cleanups.push(
			async () =>
				new Promise<void>((resolve) => {
					for (const socket of accepted) {
						socket.destroy();
					}

					silent.close(() => {
						resolve();
					});
				}),
		);
		const {port} = silent.address() as net.AddressInfo;
		const {pool, events} = makePool({
			handshakeTimeoutMs: 200,
			backoff: {baseMs: 60_000, capMs: 60_000},
		});
		pool.reconcile([entryFor('silent', port)]);
		const view = await waitForStatus(pool, 'silent', 'reconnecting');
		expect(view.state.error).toBe('handshake timed out');
		expect(
			events.find((event) => event.id === 'silent' && event.event === 'failed'),
		).toEqual({id: 'silent', event: 'failed', error: 'handshake timed out'});
	});

	test('a busy peer whose pongs are late is not dropped; a silent one is', async () => {
		const busy = await server({
			autoPong: false,
			onConnection(socket) {
				const timer = setInterval(() => {
					socket.send('busy');
				}, 10);
				socket.on('close', () => {
					clearInterval(timer);
				});
			},
		});
		const silent = await server({autoPong: false});
		const {pool, messages} = makePool({
			pingIntervalMs: 100,
			backoff: {baseMs: 60_000, capMs: 60_000},
		});
		pool.reconcile([
			entryFor('busy', busy.port),
			entryFor('silent', silent.port),
		]);
		await waitForStatus(pool, 'busy', 'connected');
		const silentView = await waitForStatus(pool, 'silent', 'reconnecting');
		expect(silentView.state.lastClose?.reason).toMatch(/no heartbeat reply/);
		// Ten intervals without a single pong: still connected, because frames keep arriving.
		await waitFor(
			() => messages.filter((message) => message.id === 'busy').length >= 100,
			{what: '100 busy frames'},
		);
		expect(
			pool.servers().find((view) => view.id === 'busy')!.state.status,
		).toBe('connected');
	});

	test('an entry whose process is gone is stale at once, never connected to', async () => {
		const {pool} = makePool();
		pool.reconcile([entryFor('ghost', 1, {pid: 2_147_483_000})]);
		const view = await waitForStatus(pool, 'ghost', 'stale');
		expect(view.state.staleReason).toBe('pid gone');
	});

	test('a refused port with a live process is unreachable, retried with backoff', async () => {
		const probe = net.createServer();
		await new Promise<void>((resolve) => {
			probe.listen(0, '127.0.0.1', resolve);
		});
		const {port} = probe.address() as net.AddressInfo;
		await new Promise<void>((resolve) => {
			probe.close(() => {
				resolve();
			});
		});
		const {pool, events} = makePool({backoff: {baseMs: 100, capMs: 200}});
		pool.reconcile([entryFor('refused', port)]);
		const view = await waitForStatus(pool, 'refused', 'unreachable');
		expect(view.state.nextRetryAt).toBeGreaterThan(Date.now() - 1000);
		await waitFor(() => (pool.servers()[0]?.state.attempt ?? 0) >= 3, {
			what: 'a few retries',
		});
		expect(
			events.filter((event) => event.event === 'unreachable'),
		).toHaveLength(1);
	});
});

describe('sending', () => {
	test('sends to every connected server, or to one, and says when nobody is connected', async () => {
		const echo = (socket: WebSocket) => {
			socket.on('message', (data) => {
				socket.send(`echo ${rawDataToBuffer(data).toString()}`);
			});
		};

		const a = await server({onConnection: echo});
		const b = await server({onConnection: echo});
		const {pool, messages} = makePool();
		expect(await pool.send('nobody')).toEqual([]);
		pool.reconcile([entryFor('a', a.port), entryFor('b', b.port)]);
		await waitForStatus(pool, 'a', 'connected');
		await waitForStatus(pool, 'b', 'connected');
		const all = await pool.send('hi');
		expect(all.map((delivery) => [delivery.id, delivery.delivered])).toEqual([
			['a', true],
			['b', true],
		]);
		expect(await pool.send('only b', 'b')).toEqual([
			{id: 'b', delivered: true, bytes: 6},
		]);
		expect(await pool.send('x', 'zzz')).toEqual([
			{id: 'zzz', delivered: false, reason: 'no such server in the registry'},
		]);
		await waitFor(() => messages.length === 3, {what: 'three echoes'});
		expect(
			messages.map((message) => `${message.id}:${message.text}`).toSorted(),
		).toEqual(['a:echo hi', 'b:echo hi', 'b:echo only b']);
		expect(
			pool.servers().find((view) => view.id === 'b')!.counters,
		).toMatchObject({messagesOut: 2, messagesIn: 2});
	});

	test('subscribes channel servers on connect and again after a reconnect', async () => {
		const received: string[] = [];
		const channels = await server({
			onConnection(socket) {
				socket.on('message', (data) => {
					received.push(rawDataToBuffer(data).toString());
				});
			},
		});
		const {pool} = makePool({
			subscriptions: ['reasoning:abc'],
			backoff: {baseMs: 10, capMs: 20},
		});
		pool.reconcile([entryFor('channels', channels.port)]);
		await waitFor(() => received.length === 1, {what: 'the subscription'});
		expect(JSON.parse(received[0]!)).toEqual([
			'reasoning:abc',
			'subscribe',
			{},
		]);
		for (const client of channels.clients()) {
			client.terminate();
		}

		await waitFor(() => received.length === 2, {
			what: 'the subscription after reconnecting',
		});
		await pool.subscribe('other');
		await waitFor(() => received.length === 3, {what: 'the new subscription'});
		expect(pool.topics()).toEqual(['reasoning:abc', 'other']);
	});

	test('a peer that does not read is skipped once its buffer is over the bound, not buffered without limit', async () => {
		const frozen = await server({
			onConnection(_socket, request) {
				request.socket.pause();
			},
		});
		const {pool} = makePool({maxBufferedBytes: 256 * 1024});
		pool.reconcile([entryFor('frozen', frozen.port)]);
		await waitForStatus(pool, 'frozen', 'connected');
		const chunk = 'x'.repeat(64 * 1024);
		let skipped: string | undefined;
		for (let index = 0; index < 1000 && skipped === undefined; index++) {
			// eslint-disable-next-line no-await-in-loop
			const [delivery] = await Promise.race([
				pool.send(chunk),
				new Promise<Array<{delivered: false; reason: string}>>((resolve) => {
					setImmediate(() => {
						resolve([{delivered: false, reason: 'pending'}]);
					});
				}),
			]);
			if (delivery && !delivery.delivered && delivery.reason !== 'pending') {
				skipped = delivery.reason;
			}
		}

		expect(skipped).toMatch(
			/peer is not reading \(\d+\.\d KiB still waiting\)/,
		);
	});
});
