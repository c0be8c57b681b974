import path from 'node:path';
import {afterEach, expect, test} from 'vitest';
import WebSocket from 'ws';
import {waitFor} from '../helpers/wait-for.js';
import {type Child, startChild} from './lib.mjs';

const serversScript = path.join(import.meta.dirname, 'servers.mjs');
let servers: Child | undefined;
const sockets: WebSocket[] = [];

afterEach(async () => {
	for (const socket of sockets.splice(0)) {
		socket.terminate();
	}

	await servers?.stop();
	servers = undefined;
});

/** A client on 127.0.0.1:port; resolves once open. */
async function connect(port: number): Promise<WebSocket> {
	const socket = new WebSocket(`ws://127.0.0.1:${port}/`);
	sockets.push(socket);
	await new Promise<void>((resolve, reject) => {
		socket.once('open', () => {
			resolve();
		});
		socket.once('error', reject);
	});
	return socket;
}

test('a reconnect storm cuts every client of the group at once, and each server listens again on its own port', async () => {
	servers = startChild(serversScript);
	await servers.ready;
	const {ports} = (await servers.request('start', {
		group: 'storm',
		count: 3,
	})) as {ports: number[]};
	const clients = await Promise.all(ports.map(async (port) => connect(port)));
	const closes = clients.map(
		async (socket) =>
			new Promise<number>((resolve) => {
				socket.once('close', (code) => {
					resolve(code);
				});
			}),
	);

	const restart = servers.request('restart', {group: 'storm', downMs: 300});
	// Cut, not closed politely: no close frame reaches the clients (1006).
	expect(await Promise.all(closes)).toEqual([1006, 1006, 1006]);
	// While down, nobody listens on those ports.
	await expect(connect(ports[0]!)).rejects.toThrow(/ECONNREFUSED/);
	const result = (await restart) as {
		downMs: number;
		failedPorts: number[];
	};
	expect(result.failedPorts).toEqual([]);
	expect(result.downMs).toBeGreaterThanOrEqual(300);

	// Back on the same ports, and counted as connected clients again.
	await Promise.all(ports.map(async (port) => connect(port)));
	await waitFor(
		async () => {
			const stats = (await servers!.request('stats', {group: 'storm'})) as {
				clients: number;
			};
			return stats.clients === 3;
		},
		{what: 'three clients on the restarted servers'},
	);
});
