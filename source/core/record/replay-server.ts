import http from 'node:http';
import {type AddressInfo} from 'node:net';
import {WebSocket, WebSocketServer} from 'ws';
import {refuseCrossOrigin} from '../../servers/origin.js';
import {closeWebSocketServer} from '../close-web-socket-server.js';

export type ReplayServer = {
	port: number;
	/** Clients connected now. */
	clientCount(): number;
	/** Resolves when at least one client is connected. */
	firstClient(): Promise<void>;
	/** Sends to every open client; the number it went to. */
	send(data: Buffer, binary: boolean): number;
	/** Closes the clients (1001, "replay ended") and the server. */
	close(): Promise<void>;
};

/** A client this far behind is skipped for a frame rather than buffered without bound. */
const maxBufferedBytes = 16 * 1024 * 1024;

/** One recorded server played again: a `ws` server on a loopback port of its own. */
export async function startReplayServer(): Promise<ReplayServer> {
	const httpServer = http.createServer((_request, response) => {
		response.writeHead(426, {'content-type': 'text/plain'});
		response.end('This is a WebSocket server (shipyard-tui replay).\n');
	});
	const wss = new WebSocketServer({
		server: httpServer,
		perMessageDeflate: false,
		verifyClient: refuseCrossOrigin,
	});
	const waiting = new Set<() => void>();
	wss.on('connection', (socket) => {
		// What clients send (the monitor's heartbeat pings are answered by ws) is not replayed.
		socket.on('error', () => undefined);
		for (const resolve of waiting) {
			resolve();
		}

		waiting.clear();
	});
	await new Promise<void>((resolve, reject) => {
		httpServer.once('error', reject);
		httpServer.listen(0, '127.0.0.1', () => {
			httpServer.off('error', reject);
			resolve();
		});
	});
	const open = () =>
		[...wss.clients].filter((client) => client.readyState === WebSocket.OPEN);
	return {
		port: (httpServer.address() as AddressInfo).port, // eslint-disable-line @typescript-eslint/no-unsafe-type-assertion -- a listening TCP server has an AddressInfo
		clientCount: () => open().length,
		async firstClient() {
			if (open().length > 0) {
				return;
			}

			await new Promise<void>((resolve) => {
				waiting.add(resolve);
			});
		},
		send(data, binary) {
			let count = 0;
			for (const client of open()) {
				if (client.bufferedAmount <= maxBufferedBytes) {
					client.send(data, {binary});
					count++;
				}
			}

			return count;
		},
		async close() {
			for (const client of wss.clients) {
				client.close(1001, 'replay ended');
			}

			await closeWebSocketServer(wss, httpServer);
		},
	};
}
