import net from 'node:net';
import {describe, expect, test} from 'vitest';
import {waitFor} from '../../helpers/wait-for.js';
import {
	cleanups,
	entryFor,
	makePool,
	server,
	viewOf,
	waitForStatus,
} from './pool-harness.js';

/** A TCP server on loopback that hands each accepted socket to `onSocket`; closed after the test. */
async function tcpServer(onSocket: (socket: net.Socket) => void) {
	const sockets = new Set<net.Socket>();
	const tcp = net.createServer((socket) => {
		sockets.add(socket);
		socket.on('error', () => {
			// The client gives up on purpose.
		});
		socket.on('close', () => {
			sockets.delete(socket);
		});
		onSocket(socket);
	});
	await new Promise<void>((resolve) => {
		tcp.listen(0, '127.0.0.1', resolve);
	});
	cleanups.push(async () => {
		for (const socket of sockets) {
			socket.destroy();
		}

		await new Promise((resolve) => {
			tcp.close(resolve);
		});
	});
	return {port: (tcp.address() as net.AddressInfo).port, sockets};
}

describe('handshakes are bounded (issue 9, item 9)', () => {
	test('no more than maxHandshakes sockets are opening at once; the rest wait as connecting', async () => {
		// Accepts TCP, never answers, and hangs up 30 ms later. The server hangs up before the client
		// can know, so what it counts open is never more than the client's handshakes in flight.
		let open = 0;
		let peak = 0;
		let accepted = 0;
		const blackHole = await tcpServer((socket) => {
			accepted++;
			open++;
			peak = Math.max(peak, open);
			setTimeout(() => {
				open--;
				socket.destroy();
			}, 30);
		});
		const {pool} = makePool({
			maxHandshakes: 4,
			handshakeTimeoutMs: 10_000,
			backoff: {baseMs: 10, capMs: 20},
		});
		const count = 30;
		pool.reconcile(
			Array.from({length: count}, (_, index) =>
				entryFor(`e${index}`, blackHole.port),
			),
		);
		// Queued ones show as connecting, not as something broken.
		expect(viewOf(pool, `e${count - 1}`)?.state.status).toBe('connecting');
		await waitFor(() => accepted >= count, {
			timeoutMs: 10_000,
			what: `${count} handshakes started (${accepted} so far)`,
		});
		expect(peak).toBeGreaterThan(0);
		expect(peak).toBeLessThanOrEqual(4);
	});

	test('the handshake timeout is a total deadline: a server trickling its answer does not stay connecting', async () => {
		// One byte of a plausible upgrade answer every 50 ms: each byte restarted the idle timer of ws.
		const answer =
			'HTTP/1.1 101 Switching Protocols\r\nX-Slow: ' + 'a'.repeat(1000);
		await tcpServer((socket) => {
			let index = 0;
			const timer = setInterval(() => {
				if (index < answer.length && !socket.destroyed) {
					socket.write(answer[index++]!);
				}
			}, 50);
			socket.on('close', () => {
				clearInterval(timer);
			});
		}).then(async ({port}) => {
			const {pool} = makePool({
				handshakeTimeoutMs: 300,
				backoff: {baseMs: 60_000, capMs: 60_000},
			});
			pool.reconcile([entryFor('trickler', port)]);
			const view = await waitForStatus(pool, 'trickler', 'reconnecting', 3000);
			expect(view.state.error).toBe('handshake timed out');
		});
	});
});

describe('permessage-deflate (issue 9, item 10)', () => {
	test('is not offered to servers unless asked', async () => {
		const offered: Array<string | undefined> = [];
		const listener = await server({
			onConnection(_socket, request) {
				offered.push(request.headers['sec-websocket-extensions']);
			},
		});
		const {pool} = makePool();
		pool.reconcile([entryFor('plain', listener.port)]);
		await waitForStatus(pool, 'plain', 'connected');
		const asked = makePool({perMessageDeflate: true});
		asked.pool.reconcile([entryFor('deflate', listener.port)]);
		await waitForStatus(asked.pool, 'deflate', 'connected');
		expect(offered).toHaveLength(2);
		expect(offered[0]).toBeUndefined();
		expect(offered[1]).toMatch(/permessage-deflate/);
	});
});
