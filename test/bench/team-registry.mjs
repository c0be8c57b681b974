#!/usr/bin/env node
/**
Bench: the monitor over a Redis team registry with many servers on many "hosts" (issue 13).

1. A real `redis-server` on a free loopback port (nothing saved), and one child process with
   `--servers` quiet `ws` servers spread over `--hosts` loopback addresses, 127.0.0.2 onwards (each
   address stands for a machine; Linux answers on all of 127/8).
2. Every server is registered in Redis as the layout says (a key with a lease, an announcement),
   with a `hostId` per address, so the HOST column and the remote-entry rules are in play.
3. `dist/cli.js --registry redis://…` in a pseudo-terminal: the time until every server is
   connected, then the monitor's CPU over `--idle-seconds` with all of them quiet.
4. Registry change → row on screen: `--probes` times, an entry is written to Redis (SET + PUBLISH)
   under an id that sorts first, and the time until its row is drawn is taken; then it is deleted.

Usage: node test/bench/team-registry.mjs [--servers 1000] [--hosts 10] [--probes 30]
       [--idle-seconds 30] [--quick] [--json]
Only loopback addresses; every wait has a deadline.
*/
import {spawn} from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {parseArgs} from 'node:util';
import {createClient} from '@redis/client';
import {measureWindow, round, sleep, summarize} from './lib.mjs';
import {startTerminal} from './terminal.mjs';

const root = path.resolve(
	path.dirname(fileURLToPath(import.meta.url)),
	'../..',
);
const {values: flags} = parseArgs({
	options: {
		servers: {type: 'string'},
		hosts: {type: 'string'},
		probes: {type: 'string'},
		'idle-seconds': {type: 'string'},
		quick: {type: 'boolean', default: false},
		json: {type: 'boolean', default: false},
	},
});
const {quick} = flags;
const config = {
	servers: Number(flags.servers ?? (quick ? 200 : 1000)),
	hosts: Math.min(10, Number(flags.hosts ?? 10)),
	probes: Number(flags.probes ?? (quick ? 10 : 30)),
	idleSeconds: Number(flags['idle-seconds'] ?? (quick ? 8 : 30)),
};
const prefix = 'bench';
const log = (line) => {
	process.stderr.write(`[team-registry] ${line}\n`);
};

const cleanups = [];
async function cleanup() {
	for (const step of cleanups.splice(0).toReversed()) {
		try {
			// eslint-disable-next-line no-await-in-loop
			await step();
		} catch {
			// Best effort: the rest must still run.
		}
	}
}

// The whole run is bounded.
const deadline = setTimeout(
	() => {
		log('the run took too long; stopping');
		cleanup().finally(() => {
			process.exit(1);
		});
	},
	(config.idleSeconds + config.probes * 3 + 180) * 1000,
);
deadline.unref();

async function freePort() {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const {port} = server.address();
			server.close(() => {
				resolve(port);
			});
		});
	});
}

async function startRedis() {
	const folder = fs.mkdtempSync(
		path.join(os.tmpdir(), 'shipyard-bench-redis-'),
	);
	const port = await freePort();
	const child = spawn(
		'redis-server',
		[
			'--port',
			String(port),
			'--bind',
			'127.0.0.1',
			'--save',
			'',
			'--appendonly',
			'no',
			'--dir',
			folder,
		],
		{stdio: ['ignore', 'pipe', 'inherit']},
	);
	cleanups.push(async () => {
		child.kill('SIGTERM');
		fs.rmSync(folder, {recursive: true, force: true});
	});
	let output = '';
	await new Promise((resolve, reject) => {
		const timer = setTimeout(() => {
			reject(new Error('redis-server did not start in 10 s'));
		}, 10_000);
		child.once('error', (error) => {
			clearTimeout(timer);
			reject(
				new Error(
					`cannot start redis-server (${error.message}): apt-get install -y redis-server`,
				),
			);
		});
		child.stdout.on('data', (chunk) => {
			output += chunk.toString();
			if (output.includes('Ready to accept connections')) {
				clearTimeout(timer);
				resolve();
			}
		});
	});
	child.stdout.resume();
	return `redis://127.0.0.1:${port}`;
}

// The quiet servers' process: WebSocketServers spread over the host addresses; prints their list.
const serversScript = String.raw`
import {WebSocketServer} from 'ws';
const [count, hosts] = process.argv.slice(1).map(Number);
const listening = [];
for (let index = 0; index < count; index++) {
	const host = '127.0.0.' + (2 + (index % hosts));
	const server = new WebSocketServer({host, port: 0});
	listening.push(new Promise((resolve, reject) => {
		server.once('listening', () => resolve({host, port: server.address().port}));
		server.once('error', reject);
	}));
}
process.stdout.write(JSON.stringify(await Promise.all(listening)) + '\n');
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
`;

async function startServers() {
	const child = spawn(
		process.execPath,
		[
			'--input-type=module',
			'-e',
			serversScript,
			String(config.servers),
			String(config.hosts),
		],
		{cwd: root, stdio: ['pipe', 'pipe', 'inherit']},
	);
	cleanups.push(async () => {
		child.kill('SIGTERM');
	});
	let output = '';
	const addresses = await new Promise((resolve, reject) => {
		const timer = setTimeout(() => {
			reject(new Error('the servers did not start in 60 s'));
		}, 60_000);
		child.stdout.on('data', (chunk) => {
			output += chunk.toString();
			if (output.includes('\n')) {
				clearTimeout(timer);
				resolve(JSON.parse(output));
			}
		});
	});
	return {pid: child.pid, addresses};
}

function entryOf(id, {host, port}, pid, hostIndex) {
	return {
		id,
		host,
		port,
		pid,
		startedAt: new Date().toISOString(),
		hostId: `bench-host-${hostIndex}/000000000000`,
	};
}

async function register(redis, entry) {
	await redis.set(`${prefix}:server:${entry.id}`, JSON.stringify(entry), {
		expiration: {type: 'PX', value: 600_000},
	});
	await redis.publish(`${prefix}:changes`, entry.id);
}

async function main() {
	const url = await startRedis();
	log(
		`redis at ${url}; starting ${config.servers} servers on ${config.hosts} loopback hosts`,
	);
	const servers = await startServers();
	const redis = createClient({url});
	await redis.connect();
	cleanups.push(async () => redis.destroy());
	await Promise.all(
		servers.addresses.map(async (address, index) =>
			register(
				redis,
				entryOf(
					`srv-${String(index).padStart(4, '0')}`,
					address,
					servers.pid,
					index % config.hosts,
				),
			),
		),
	);

	const term = startTerminal({
		args: [
			path.join(root, 'dist/cli.js'),
			'--registry',
			`${url}/0?prefix=${prefix}`,
			'--max-servers',
			String(config.servers + 100),
		],
		cols: 140,
		rows: 40,
	});
	cleanups.push(async () => term.stop());
	const started = performance.now();
	const all = await term.waitUntil(
		() => term.text().includes(`${config.servers} connected`),
		120_000,
	);
	if (!all.ok) {
		throw new Error(
			`not all ${config.servers} servers connected in 120 s:\n${term.text()}`,
		);
	}

	const allConnectedMs = round(all.at - started, 0);
	log(`all ${config.servers} connected after ${allConnectedMs} ms`);

	await sleep(3000);
	const idle = await measureWindow(term.pid, config.idleSeconds);
	log(`idle: ${idle.cpuPercent} % CPU, ${idle.rssMiB} MiB RSS`);

	const samples = [];
	let timeouts = 0;
	for (let probe = 0; probe < config.probes; probe++) {
		const id = `aaa-probe-${String(probe).padStart(3, '0')}`;
		const entry = entryOf(
			id,
			servers.addresses[probe % servers.addresses.length],
			servers.pid,
			0,
		);
		const t0 = performance.now();
		// eslint-disable-next-line no-await-in-loop
		await register(redis, entry);
		// eslint-disable-next-line no-await-in-loop
		const shown = await term.waitUntil(() => term.text().includes(id), 5000);
		if (shown.ok) {
			samples.push(shown.at - t0);
		} else {
			timeouts++;
		}

		// eslint-disable-next-line no-await-in-loop
		await redis.del(`${prefix}:server:${id}`);
		// eslint-disable-next-line no-await-in-loop
		await redis.publish(`${prefix}:changes`, id);
		// eslint-disable-next-line no-await-in-loop
		await term.waitUntil(() => !term.text().includes(id), 5000);
		// eslint-disable-next-line no-await-in-loop
		await sleep(100 + Math.random() * 150);
	}

	const registryToRow = {...summarize(samples), timeouts};
	log(
		`registry → row through Redis: p50 ${registryToRow.p50} ms, p95 ${registryToRow.p95} ms`,
	);
	const result = {
		machine: `${os.cpus().length} cores, ${os.cpus()[0]?.model ?? 'unknown CPU'}`,
		servers: config.servers,
		hosts: config.hosts,
		allConnectedMs,
		idle,
		registryToRow,
	};
	if (flags.json) {
		process.stdout.write(JSON.stringify(result) + '\n');
	} else {
		process.stdout.write(
			[
				`| figure (${config.servers} servers on ${config.hosts} hosts, Redis registry) | value |`,
				'| --- | --- |',
				`| all connected after start | ${allConnectedMs} ms |`,
				`| idle CPU (${idle.seconds} s, all quiet) | ${idle.cpuPercent} % (machine ${idle.machineBusyPercent} % busy) |`,
				`| RSS idle | ${idle.rssMiB} MiB |`,
				`| registry change → row, p50 / p95 (n ${registryToRow.n}, ${timeouts} timeouts) | ${registryToRow.p50} / ${registryToRow.p95} ms |`,
			].join('\n') + '\n',
		);
	}
}

try {
	await main();
	await cleanup();
	process.exit(0);
} catch (error) {
	log(error instanceof Error ? error.message : String(error));
	await cleanup();
	process.exit(1);
}
