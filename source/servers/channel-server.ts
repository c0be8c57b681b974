import http from 'node:http';
import {type AddressInfo} from 'node:net';
import {WebSocketServer, type WebSocket} from 'ws';
import {rawDataToBuffer} from '../core/raw-data.js';
import {closeWebSocketServer} from '../core/close-web-socket-server.js';
import {refuseCrossOrigin} from './origin.js';

export type ChannelServerOptions = {
	/** The topic it publishes on. */
	topic: string;
	/** How often an event is published, in ms. */
	intervalMs: number;
	path?: string;
	host?: string;
};

export type ChannelServer = {
	port: number;
	host: string;
	path: string;
	close(): Promise<void>;
};

/**
A small channel server in the style of seeds/003 and seeds/000, for the demo: sends an initial-state
object on connect, takes `[topic, "subscribe" | "unsubscribe", payload]`, and publishes
`[topic, event, payload]` frames to subscribers.
*/
export async function startChannelServer(
	options: ChannelServerOptions,
): Promise<ChannelServer> {
	const host = options.host ?? '127.0.0.1';
	const path = options.path ?? '/ws';
	const httpServer = http.createServer();
	const wss = new WebSocketServer({
		server: httpServer,
		path,
		perMessageDeflate: false,
		verifyClient: refuseCrossOrigin,
	});
	wss.on('error', () => undefined);
	const subscribers = new Set<WebSocket>();
	wss.on('connection', (socket) => {
		socket.on('error', () => undefined);
		socket.send(
			JSON.stringify({
				type: 'initial-state',
				topics: [options.topic],
				sessions: [{id: 'sess-1', state: 'running'}],
			}),
		);
		socket.on('message', (data) => {
			const reply = handle(rawDataToBuffer(data).toString(), socket);
			socket.send(reply);
		});
		socket.on('close', () => {
			subscribers.delete(socket);
		});
	});

	const handle = (text: string, socket: WebSocket): string => {
		try {
			const frame = JSON.parse(text) as unknown;
			if (
				Array.isArray(frame) &&
				frame[0] === options.topic &&
				(frame[1] === 'subscribe' || frame[1] === 'unsubscribe')
			) {
				if (frame[1] === 'subscribe') {
					subscribers.add(socket);
				} else {
					subscribers.delete(socket);
				}

				return JSON.stringify([
					options.topic,
					`${String(frame[1])}d`,
					{subscribers: subscribers.size},
				]);
			}
		} catch {
			// Not JSON: answered below like any other text.
		}

		return JSON.stringify({type: 'ack', received: text});
	};

	let count = 0;
	const events = [
		'thought:added',
		'tool:called',
		'thought:added',
		'session:output',
	];
	const timer = setInterval(() => {
		count++;
		const event = events[count % events.length]!;
		const frame = JSON.stringify([
			options.topic,
			event,
			{n: count, at: new Date().toISOString()},
		]);
		for (const socket of subscribers) {
			socket.send(frame);
		}
	}, options.intervalMs);

	await new Promise<void>((resolve, reject) => {
		httpServer.once('error', reject);
		httpServer.listen(0, host, () => {
			resolve();
		});
	});
	const {port} = httpServer.address() as AddressInfo; // eslint-disable-line @typescript-eslint/no-unsafe-type-assertion -- a listening TCP server has an AddressInfo
	return {
		port,
		host,
		path,
		async close() {
			clearInterval(timer);
			for (const client of wss.clients) {
				client.terminate();
			}

			await closeWebSocketServer(wss, httpServer);
		},
	};
}
