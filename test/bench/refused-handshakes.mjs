// How much CPU thousands of entries on refused loopback ports cost while their retries run.
// Usage: npm run build && node test/bench/refused-handshakes.mjs [entries=10000] [seconds=15] [maxHandshakes=16]
// (maxHandshakes 0 means unbounded, as before the bound.)
import net from 'node:net';
import {createConnectionPool} from '../../dist/core/connections/pool.js';

const entries = Number(process.argv[2] ?? 10_000);
const seconds = Number(process.argv[3] ?? 15);
const limit = Number(process.argv[4] ?? 16);

// A port nobody listens on: bound, then closed.
const port = await new Promise((resolve) => {
	const server = net.createServer().listen(0, '127.0.0.1', () => {
		const {port} = server.address();
		server.close(() => {
			resolve(port);
		});
	});
});

let events = 0;
const pool = createConnectionPool({
	listener: {
		changed() {
			// Nothing to draw.
		},
		measured() {
			// Nothing to draw.
		},
		message() {
			// Nothing arrives.
		},
		event() {
			events++;
		},
	},
	...(limit > 0
		? {maxHandshakes: limit}
		: {maxHandshakes: Number.MAX_SAFE_INTEGER}),
});
const started = process.cpuUsage();
const startedAt = performance.now();
pool.reconcile(
	Array.from({length: entries}, (_, index) => ({
		id: `refused-${index}`,
		port,
		pid: process.pid,
	})),
);
await new Promise((resolve) => {
	setTimeout(resolve, seconds * 1000);
});
const used = process.cpuUsage(started);
const wall = (performance.now() - startedAt) / 1000;
const statuses = {};
for (const view of pool.servers()) {
	statuses[view.state.status] = (statuses[view.state.status] ?? 0) + 1;
}

pool.close();
console.log(
	JSON.stringify({
		entries,
		maxHandshakes: limit > 0 ? limit : 'unbounded',
		wallSeconds: Number(wall.toFixed(1)),
		cpuSeconds: Number(((used.user + used.system) / 1e6).toFixed(2)),
		rssMiB: Math.round(process.memoryUsage().rss / 1024 / 1024),
		events,
		statuses,
	}),
);
