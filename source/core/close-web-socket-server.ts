import type http from 'node:http';
import {type WebSocketServer} from 'ws';

/**
Closes a `ws` server and the HTTP server under it, after its clients were told (or cut): `wss.close`
leaves the HTTP server listening, and open keep-alive sockets would hold `close` forever.
*/
export async function closeWebSocketServer(
	wss: WebSocketServer,
	httpServer: http.Server,
): Promise<void> {
	await new Promise<void>((resolve) => {
		wss.close(() => {
			resolve();
		});
	});
	httpServer.closeAllConnections();
	await new Promise<void>((resolve) => {
		httpServer.close(() => {
			resolve();
		});
	});
}
