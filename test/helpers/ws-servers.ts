import http from 'node:http';
import {type AddressInfo} from 'node:net';
import {WebSocketServer, type WebSocket} from 'ws';

export type TestServer = {
	port: number;
	wss: WebSocketServer;
	/** Sockets currently connected to this server. */
	clients: () => WebSocket[];
	close: () => Promise<void>;
};

/**
A real `ws` server on an ephemeral loopback port. `onConnection` decides what it does; `verifyClient`
can refuse the upgrade.
*/
export async function startTestServer(
	options: {
		host?: string;
		path?: string;
		onConnection?: (socket: WebSocket, request: http.IncomingMessage) => void;
		verifyClient?: (info: {req: http.IncomingMessage}) => boolean;
		verifyStatus?: number;
		/** False: never answer pings (a peer whose pongs are stuck). */
		autoPong?: boolean;
	} = {},
): Promise<TestServer> {
	const server = http.createServer();
	const wss = new WebSocketServer({
		server,
		autoPong: options.autoPong ?? true,
		...(options.path ? {path: options.path} : {}),
		...(options.verifyClient
			? {
					verifyClient(info, callback) {
						const ok = options.verifyClient!(info);
						callback(
							ok,
							ok ? undefined : (options.verifyStatus ?? 401),
							ok ? undefined : 'Unauthorized',
						);
					},
				}
			: {}),
	});
	wss.on('connection', (socket, request) => {
		socket.on('error', () => {
			// Tests provoke errors on purpose.
		});
		options.onConnection?.(socket, request);
	});
	await new Promise<void>((resolve) => {
		server.listen(0, options.host ?? '127.0.0.1', resolve);
	});
	return {
		port: (server.address() as AddressInfo).port,
		wss,
		clients: () => [...wss.clients],
		async close() {
			for (const client of wss.clients) {
				client.terminate();
			}

			await new Promise<void>((resolve) => {
				wss.close(() => {
					resolve();
				});
			});
			server.closeAllConnections();
			await new Promise<void>((resolve) => {
				server.close(() => {
					resolve();
				});
			});
		},
	};
}
