#!/usr/bin/env node
/**
Bench child process: the ceiling. A bare `ws` client connected to every port in argv[2] (comma
separated), which decodes each text message and `JSON.parse`s it when it looks like JSON (starts with
`{` or `[`; short plain-text messages are only decoded, since throwing on them would measure
exceptions, not parsing). Nothing is kept or shown.

It measures itself, because a client reading as fast as it can starves its own event loop (IPC
requests and timers wait seconds): from its first message it warms up for argv[3] ms, then counts for
argv[4] ms, checking the clock every 1024 messages (and on a timer, for slow floods), then reports
`{result: {count, parsed, ms}}`, closes its sockets and exits.

argv[5] picks the work per message: `parse` (the default, above), `string` (decode only) or `count`
(nothing), the three rows of the prototype's table in notes/performance.md.
*/
import WebSocket from 'ws';

const ports = process.argv[2].split(',').map(Number);
const warmupMs = Number(process.argv[3]);
const measureMs = Number(process.argv[4]);
const work = process.argv[5] ?? 'parse';
let count = 0;
let parsed = 0;
let open = 0;
let firstAt;
let start;
let done = false;
const sockets = [];

function finish() {
	done = true;
	const at = performance.now();
	process.send(
		{
			result: {
				count: count - start.count,
				parsed: parsed - start.parsed,
				ms: at - start.at,
			},
		},
		() => {
			process.exit(0);
		},
	);
	for (const socket of sockets) {
		socket.terminate();
	}
}

function checkClock() {
	if (done || firstAt === undefined) {
		return;
	}

	const now = performance.now();
	if (start === undefined) {
		if (now - firstAt >= warmupMs) {
			start = {count, parsed, at: now};
		}
	} else if (now - start.at >= measureMs) {
		finish();
	}
}

for (const port of ports) {
	const socket = new WebSocket(`ws://127.0.0.1:${port}/`, {
		perMessageDeflate: false,
	});
	sockets.push(socket);
	socket.on('open', () => {
		open++;
		if (open === ports.length) {
			process.send({ready: true});
		}
	});
	socket.on('message', (data, isBinary) => {
		if (done) {
			return;
		}

		firstAt ??= performance.now();
		count++;
		if (!isBinary && work !== 'count') {
			const text = data.toString();
			const first = text.codePointAt(0);
			if (
				work === 'parse' &&
				(first === 0x7b || first === 0x5b) &&
				JSON.parse(text) !== undefined
			) {
				parsed++;
			}
		}

		if ((count & 1023) === 0) {
			checkClock();
		}
	});
	socket.on('error', (error) => {
		if (!done) {
			process.send({error: `port ${port}: ${error.message}`});
		}
	});
}

setInterval(checkClock, 50);
process.on('disconnect', () => {
	process.exit(0);
});
process.on('SIGINT', () => undefined);
