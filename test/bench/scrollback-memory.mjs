// RSS of the monitor's store under a flood of 16 KiB messages, with the default scrollback.
// Usage: npm run build && node test/bench/scrollback-memory.mjs [seconds=20] [scrollbackBytes]
// (scrollbackBytes 0 means no byte bound, as before it existed.)
import {fork} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {createMonitorStore} from '../../dist/core/store.js';
import {watchRegistry} from '../../dist/core/registry/watch.js';

const seconds = Number(process.argv[2] ?? 20);
const bytesArgument = process.argv[3];
const scrollbackBytes =
	bytesArgument === undefined
		? undefined
		: Number(bytesArgument) || Number.POSITIVE_INFINITY;

// The flooding server runs in a child, so its buffers do not count here.
const serverSource = `
import {WebSocketServer} from 'ws';
const wss = new WebSocketServer({port: 0, host: '127.0.0.1'}, () => process.send(wss.address().port));
const payload = 'x'.repeat(16 * 1024);
wss.on('connection', (socket) => {
	let n = 0;
	const pump = () => {
		if (socket.readyState !== socket.OPEN) return;
		while (socket.bufferedAmount < 1024 * 1024) socket.send(String(n++) + payload);
		setImmediate(pump);
	};
	pump();
});
process.on('disconnect', () => process.exit(0));
`;
const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'shipyard-memory-'));
const serverFile = path.join(process.cwd(), 'test/bench/.flood-server.tmp.mjs');
fs.writeFileSync(serverFile, serverSource);
const child = fork(serverFile, {stdio: 'inherit'});
const port = await new Promise((resolve) => {
	child.once('message', resolve);
});
const registryPath = path.join(folder, 'servers.json');
fs.writeFileSync(
	registryPath,
	JSON.stringify({servers: [{id: 'flood', port, pid: child.pid}]}),
);
const store = createMonitorStore({
	registry: watchRegistry(registryPath),
	...(scrollbackBytes === undefined ? {} : {scrollbackBytes}),
});
let maxRss = 0;
const sampler = setInterval(() => {
	maxRss = Math.max(maxRss, process.memoryUsage().rss);
}, 100);
await new Promise((resolve) => {
	setTimeout(resolve, seconds * 1000);
});
clearInterval(sampler);
const snapshot = store.getSnapshot();
console.log(
	JSON.stringify({
		seconds,
		scrollbackBytes:
			scrollbackBytes === undefined
				? 'default (64 MiB)'
				: String(scrollbackBytes),
		messagesIn: snapshot.servers[0]?.counters.messagesIn,
		kept: snapshot.messages.length,
		dropped: snapshot.messageDropped,
		rssMiBMax: Math.round(maxRss / 2 ** 20),
		rssMiBEnd: Math.round(process.memoryUsage().rss / 2 ** 20),
		heapMiB: Math.round(process.memoryUsage().heapUsed / 2 ** 20),
		arrayBuffersMiB: Math.round(process.memoryUsage().arrayBuffers / 2 ** 20),
	}),
);
await store.close();
child.disconnect();
fs.rmSync(serverFile, {force: true});
fs.rmSync(folder, {recursive: true, force: true});
