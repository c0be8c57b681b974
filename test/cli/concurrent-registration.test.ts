import {spawn} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {afterEach, beforeEach, expect, test} from 'vitest';
import {readRegistry} from '../../source/core/registry/read.js';
import {collect, exited, startCli} from '../helpers/processes.js';
import {makeTemporaryFolder} from '../helpers/temporary-registry.js';
import {waitFor} from '../helpers/wait-for.js';

let temporary: ReturnType<typeof makeTemporaryFolder>;
let children: Array<ReturnType<typeof startCli>> = [];
beforeEach(() => {
	temporary = makeTemporaryFolder();
});
afterEach(() => {
	for (const child of children) {
		child.kill('SIGKILL');
	}

	children = [];
	temporary.cleanup();
});

// Reads the registry file in a tight loop in its own process until told to stop (or 60 s pass),
// and counts reads that were not a complete registry.
const pollerSource = `
const fs = require('node:fs');
const [file, stopFile] = process.argv.slice(1);
let reads = 0, torn = 0, missing = 0;
const deadline = Date.now() + 60000;
while (!fs.existsSync(stopFile) && Date.now() < deadline) {
	let text;
	try { text = fs.readFileSync(file, 'utf8'); } catch { missing++; continue; }
	reads++;
	try { if (!Array.isArray(JSON.parse(text).servers)) torn++; } catch { torn++; }
}
process.stdout.write(JSON.stringify({reads, torn, missing}));
`;

test('20 servers starting and stopping at the same instant: none lost, never a torn file', async () => {
	const {registryPath, folder} = temporary;
	const stopFile = path.join(folder, 'stop-polling');
	const poller = spawn(
		process.execPath,
		['-e', pollerSource, registryPath, stopFile],
		{
			stdio: ['ignore', 'pipe', 'pipe'],
		},
	);
	const pollerResult = collect(poller, 90_000);

	children = Array.from({length: 20}, (_, index) =>
		startCli(['serve', '--id', `srv-${index}`, '--registry', registryPath]),
	);
	await waitFor(
		() =>
			children.every((child) =>
				child.output().includes('WebSocket echo server'),
			),
		{
			timeoutMs: 30_000,
			what: 'all 20 servers to report that they are listening',
		},
	);

	const registered = readRegistry(registryPath);
	expect(registered.warnings).toEqual([]);
	expect(registered.servers.map((server) => server.id).toSorted()).toEqual(
		Array.from({length: 20}, (_, index) => `srv-${index}`).toSorted(),
	);
	expect(new Set(registered.servers.map((server) => server.pid))).toEqual(
		new Set(children.map((child) => child.pid)),
	);

	for (const child of children) {
		child.kill('SIGTERM');
	}

	const codes = await Promise.all(
		children.map(async (child) => exited(child, 20_000)),
	);
	expect(codes).toEqual(Array.from({length: 20}, () => 0));

	const after = readRegistry(registryPath);
	expect(after).toMatchObject({file: 'ok', servers: [], warnings: []});
	expect(JSON.parse(fs.readFileSync(registryPath, 'utf8'))).toEqual({
		servers: [],
	});

	fs.writeFileSync(stopFile, '');
	const polled = JSON.parse((await pollerResult).stdout) as {
		reads: number;
		torn: number;
	};
	expect(polled.reads).toBeGreaterThan(100);
	expect(polled.torn).toBe(0);
}, 120_000);
