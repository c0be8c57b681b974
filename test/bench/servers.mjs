#!/usr/bin/env node
/**
Bench child process: `ws` servers on 127.0.0.1, in groups, driven by the parent over IPC.

Each group's servers send to every client connected to them, in one of these modes:
- `off`: nothing (quiet servers: they only answer pings);
- `flood`: as fast as the socket drains (the TCP socket's own back-pressure: stop when `write()`
  returns false, go on at `drain`), so the server never holds more than ~16 KiB per client;
- `paced`: `rate` messages per second across the group's servers, spread evenly;
- `burst`: exactly `count` messages to every client, then `off`.

A group can also be restarted as a whole (`restart`): every connection cut and every listener closed
at once, then listening again on the same ports (a reconnect storm for the monitor).

Messages are real WebSocket text frames, built once per server and written in slices straight to the
TCP socket (a server's frames are unmasked, so a frame is its bytes), which keeps the servers cheap
enough that the receiver is what limits the rate. The handshake, pings and pongs are `ws`'s own.

Messages: the parent sends `{cmd, id, ...}` and gets `{id, ok, ...}` back. The process exits when the
parent goes away (the IPC channel closes), so it never outlives the bench.
*/
import http from 'node:http';
import {WebSocketServer} from 'ws';

/** Frames built per server and cycled through. */
const framesPerServer = 1024;
/** Frames per `write()` in flood and paced mode. */
const framesPerWrite = 64;
/** A flood pump yields to the event loop after this many writes. */
const writesPerTurn = 64;
/** Paced mode skips (and owes) a client with more than this waiting in user space. */
const pacedBacklogBytes = 1024 * 1024;
const pacedTickMs = 5;

const groups = new Map();

const symbols = ['BTC-USD', 'ETH-USD', 'SOL-USD', 'EUR-USD', 'AAPL', 'TSLA'];
const users = ['ann', 'bob', 'chen', 'dara', 'eli', 'fatima', 'goran', 'hana'];
const words = [
	'ok',
	'tick',
	'ready',
	'build finished in 812 ms',
	'GET /api/items 200 12ms',
	'cache miss: user:42',
	'heartbeat',
	'reloading…',
];

/** One message's text: a third short text, a third JSON objects with `type`, a third `[topic, event, payload]`. */
function messageText(serverIndex, n) {
	const user = users[(n + serverIndex) % users.length];
	switch (n % 9) {
		case 0:
		case 3: {
			return `${words[n % words.length]} #${n}`;
		}

		case 6: {
			return `${user} joined #lobby`;
		}

		case 1: {
			return JSON.stringify({
				type: 'price',
				symbol: symbols[n % symbols.length],
				price: Math.round((1000 + ((n * 7919) % 50_000)) * 100) / 100,
				seq: n,
			});
		}

		case 4: {
			return JSON.stringify({
				type: 'log',
				level: n % 5 === 0 ? 'warn' : 'info',
				msg: `request ${n} served`,
				ms: n % 97,
			});
		}

		case 7: {
			return JSON.stringify({type: 'presence', user, online: n % 2 === 0});
		}

		case 2: {
			return JSON.stringify([
				'orders',
				'update',
				{id: n, side: n % 2 === 0 ? 'buy' : 'sell', qty: (n % 10) + 1},
			]);
		}

		case 5: {
			return JSON.stringify([
				'chat',
				'message',
				{room: 'lobby', from: user, text: `hello ${n}`},
			]);
		}

		default: {
			return JSON.stringify([
				'metrics',
				'sample',
				{cpu: n % 100, mem: 512 + (n % 64)},
			]);
		}
	}
}

/** A text frame as a server sends it: FIN + opcode 1, no mask. */
function frame(text) {
	const payload = Buffer.from(text);
	const {length} = payload;
	let header;
	if (length < 126) {
		header = Buffer.from([0x81, length]);
	} else if (length < 65_536) {
		header = Buffer.alloc(4);
		header[0] = 0x81;
		header[1] = 126;
		header.writeUInt16BE(length, 2);
	} else {
		throw new RangeError('bench frames stay under 64 KiB');
	}

	return Buffer.concat([header, payload]);
}

function buildFrames(serverIndex) {
	const frames = [];
	for (let n = 0; n < framesPerServer; n++) {
		frames.push(frame(messageText(serverIndex, n + serverIndex * 7)));
	}

	const offsets = [0];
	for (const item of frames) {
		offsets.push(offsets.at(-1) + item.length);
	}

	return {buffer: Buffer.concat(frames), offsets};
}

/** Writes `count` frames to `client`; returns what the last `write()` returned. */
function writeFrames(client, count) {
	const {buffer, offsets} = client.server.frames;
	let ok = true;
	let left = count;
	while (left > 0) {
		const n = Math.min(left, framesPerServer - client.cursor);
		ok = client.raw.write(
			buffer.subarray(offsets[client.cursor], offsets[client.cursor + n]),
		);
		client.cursor = (client.cursor + n) % framesPerServer;
		left -= n;
	}

	client.sent += count;
	client.group.sent += count;
	return ok;
}

function pump(client) {
	client.pumping = false;
	if (client.closed || client.group.mode !== 'flood') {
		return;
	}

	for (let i = 0; i < writesPerTurn; i++) {
		if (!writeFrames(client, framesPerWrite)) {
			client.pumping = true;
			client.raw.once('drain', () => {
				pump(client);
			});
			return;
		}
	}

	client.pumping = true;
	setImmediate(() => {
		pump(client);
	});
}

function startPump(client) {
	if (!client.pumping && client.group.mode === 'flood') {
		pump(client);
	}
}

let pacedTimer;

function pacedTick() {
	const now = performance.now();
	let any = false;
	for (const group of groups.values()) {
		if (group.mode !== 'paced') {
			continue;
		}

		any = true;
		const perServer = group.rate / group.servers.length;
		const elapsed = (now - group.modeSince) / 1000;
		for (const server of group.servers) {
			for (const client of server.clients) {
				const due = Math.floor(perServer * elapsed) - client.pacedSent;
				if (due <= 0 || client.raw.writableLength > pacedBacklogBytes) {
					continue;
				}

				client.pacedSent += due;
				writeFrames(client, due);
			}
		}
	}

	if (!any) {
		clearInterval(pacedTimer);
		pacedTimer = undefined;
	}
}

function setMode(group, mode, options = {}) {
	group.mode = mode;
	group.modeSince = performance.now();
	group.rate = options.rate ?? group.rate;
	for (const server of group.servers) {
		for (const client of server.clients) {
			client.pacedSent = 0;
			if (mode === 'flood') {
				startPump(client);
			} else if (mode === 'burst') {
				writeFrames(client, options.count);
			}
		}
	}

	if (mode === 'burst') {
		group.mode = 'off';
	}

	if (mode === 'paced' && pacedTimer === undefined) {
		pacedTimer = setInterval(pacedTick, pacedTickMs);
	}
}

async function startServer(group, index) {
	let frames;
	const httpServer = http.createServer();
	const wss = new WebSocketServer({
		server: httpServer,
		perMessageDeflate: false,
	});
	const server = {
		index,
		httpServer,
		wss,
		clients: new Set(),
		// Built on first use: a thousand quiet servers never send, and need not hold 1024 frames each.
		get frames() {
			frames ??= buildFrames(index);
			return frames;
		},
		port: 0,
	};
	wss.on('error', () => undefined);
	wss.on('connection', (socket) => {
		const client = {
			server,
			group,
			socket,
			raw: socket._socket,
			cursor: 0,
			sent: 0,
			pacedSent: 0,
			pumping: false,
			closed: false,
		};
		server.clients.add(client);
		socket.on('error', () => undefined);
		socket.on('close', () => {
			client.closed = true;
			server.clients.delete(client);
			group.disconnects++;
		});
		// Clients' messages (subscriptions, typed text) are read and ignored.
		socket.on('message', () => undefined);
		startPump(client);
	});
	await listen(httpServer, 0);
	server.port = httpServer.address().port;
	return server;
}

async function listen(httpServer, port) {
	return new Promise((resolve, reject) => {
		const failed = (error) => {
			reject(error);
		};

		httpServer.once('error', failed);
		httpServer.listen(port, '127.0.0.1', () => {
			httpServer.off('error', failed);
			resolve();
		});
	});
}

/** Listens on `port` again, retrying while another socket briefly holds it; true when it listens. */
async function relisten(server) {
	for (let attempt = 0; attempt < 20; attempt++) {
		try {
			// eslint-disable-next-line no-await-in-loop
			await listen(server.httpServer, server.port);
			return true;
		} catch (error) {
			if (error.code !== 'EADDRINUSE') {
				return false;
			}

			// eslint-disable-next-line no-await-in-loop
			await sleep(100);
		}
	}

	return false;
}

const sleep = async (ms) =>
	new Promise((resolve) => {
		setTimeout(resolve, ms);
	});

/**
What a `docker compose restart` of all of a group's servers looks like to a client: every connection
is cut and every listener closed in one turn of the event loop, then after `downMs` each server
listens again on its own port.
*/
async function restartGroup(group, downMs) {
	const closedAt = performance.now();
	const closing = [];
	for (const server of group.servers) {
		for (const client of server.clients) {
			client.socket.terminate();
		}

		closing.push(
			new Promise((resolve) => {
				server.httpServer.close(resolve);
			}),
		);
	}

	// Closed listeners call back once their connections are gone; a straggler must not hang the bench.
	await Promise.race([Promise.all(closing), sleep(10_000)]);
	// Timers may fire a little early against performance.now(): down at least `downMs`, as asked.
	for (let i = 0; i < 5 && performance.now() < closedAt + downMs; i++) {
		// eslint-disable-next-line no-await-in-loop
		await sleep(Math.ceil(closedAt + downMs - performance.now()));
	}

	const listeningAt = performance.now();
	const results = await Promise.all(
		group.servers.map(async (server) => relisten(server)),
	);
	return {
		downMs: Math.round(listeningAt - closedAt),
		relistenMs: Math.round(performance.now() - listeningAt),
		failedPorts: group.servers
			.filter((_, index) => !results[index])
			.map((server) => server.port),
	};
}

const handlers = {
	async start({group: name, count}) {
		const group = {
			servers: [],
			mode: 'off',
			modeSince: performance.now(),
			rate: 0,
			sent: 0,
			disconnects: 0,
		};
		groups.set(name, group);
		for (let i = 0; i < count; i++) {
			// eslint-disable-next-line no-await-in-loop
			group.servers.push(await startServer(group, i));
		}

		return {ports: group.servers.map((server) => server.port)};
	},
	async restart({group: name, downMs = 1000}) {
		return restartGroup(groups.get(name), downMs);
	},
	mode({group: name, mode, rate, count}) {
		setMode(groups.get(name), mode, {rate, count});
		return {};
	},
	stats({group: name}) {
		const group = groups.get(name);
		let clients = 0;
		let waitingBytes = 0;
		for (const server of group.servers) {
			clients += server.clients.size;
			for (const client of server.clients) {
				waitingBytes += client.raw.writableLength;
			}
		}

		return {
			sent: group.sent,
			clients,
			waitingBytes,
			disconnects: group.disconnects,
			mode: group.mode,
		};
	},
};

process.on('message', async (message) => {
	try {
		const result = await handlers[message.cmd](message);
		process.send({id: message.id, ok: true, ...result});
	} catch (error) {
		process.send({id: message.id, ok: false, error: String(error)});
	}
});

// The parent is gone (finished, crashed or interrupted): stop at once.
process.on('disconnect', () => {
	process.exit(0);
});
process.on('SIGINT', () => undefined); // The parent decides; a terminal's Ctrl+C reaches us too.
process.send({ready: true});
