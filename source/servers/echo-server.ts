import http from 'node:http';
import {type AddressInfo} from 'node:net';
import {WebSocketServer} from 'ws';
import {rawDataToBuffer} from '../core/raw-data.js';
import {refuseCrossOrigin} from './origin.js';

export type EchoServerOptions = {
	id: string;
	/** 0 (default) lets the system pick a free port. */
	port?: number;
	/** Loopback by default: a development server should not listen on the network. */
	host?: string;
	/** WebSocket path; default `/` (any path is accepted then). */
	path?: string;
	/** Let web pages from other sites connect (default false: their handshake gets 403). */
	allowCrossOrigin?: boolean;
};

export type EchoServer = {
	port: number;
	host: string;
	close(): Promise<void>;
};

/** The spike's echo server: replies `[<id>] Echo: <text>` to every text frame. */
export async function startEchoServer(
	options: EchoServerOptions,
): Promise<EchoServer> {
	// `[::1]` is how a URL writes it; `listen` wants the bare address.
	const host = (options.host ?? '127.0.0.1').replace(/^\[(.*)]$/, '$1');
	const httpServer = http.createServer((_request, response) => {
		response.writeHead(426, {'content-type': 'text/plain'});
		response.end('This is a WebSocket server.\n');
	});
	const wss = new WebSocketServer({
		server: httpServer,
		...(options.path && options.path !== '/' ? {path: options.path} : {}),
		// Compression buys nothing for short echoes and costs memory per socket (issue 9, item 10).
		perMessageDeflate: false,
		...(options.allowCrossOrigin ? {} : {verifyClient: refuseCrossOrigin}),
	});
	// `ws` re-emits the HTTP server's errors (EADDRINUSE…); `listen` below reports those.
	wss.on('error', () => undefined);
	wss.on('connection', (socket) => {
		socket.on('message', (data, isBinary) => {
			socket.send(
				isBinary
					? data
					: `[${options.id}] Echo: ${rawDataToBuffer(data).toString()}`,
			);
		});
		socket.on('error', () => {
			// A client that goes away mid-frame is not the server's problem.
		});
	});

	await new Promise<void>((resolve, reject) => {
		httpServer.once('error', reject);
		httpServer.listen(options.port ?? 0, host, () => {
			httpServer.off('error', reject);
			resolve();
		});
	});

	const {port} = httpServer.address() as AddressInfo; // eslint-disable-line @typescript-eslint/no-unsafe-type-assertion -- a listening TCP server has an AddressInfo
	return {
		port,
		host,
		async close() {
			for (const client of wss.clients) {
				client.close(1001, 'Server shutting down');
			}

			await new Promise<void>((resolve) => {
				wss.close(() => {
					resolve();
				});
			});
			await new Promise<void>((resolve) => {
				httpServer.close(() => {
					resolve();
				});
				httpServer.closeAllConnections();
			});
		},
	};
}
