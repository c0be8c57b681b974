import fs from 'node:fs';
import path from 'node:path';
import {afterEach, beforeEach, expect, test} from 'vitest';
import {createWorkerPool} from '../../../source/core/ingest-worker/worker-pool.js';
import {createStoreRecording} from '../../../source/core/record/store-recording.js';
import {watchRegistry} from '../../../source/core/registry/watch.js';
import {createMonitorStore} from '../../../source/core/store.js';
import {
	makeTemporaryFolder,
	registryText,
} from '../../helpers/temporary-registry.js';
import {waitFor} from '../../helpers/wait-for.js';
import {startTestServer, type TestServer} from '../../helpers/ws-servers.js';
import {readLines} from './session-helpers.js';

let temporary: ReturnType<typeof makeTemporaryFolder>;
let server: TestServer | undefined;

beforeEach(() => {
	temporary = makeTemporaryFolder();
});

afterEach(async () => {
	await server?.close();
	temporary.cleanup();
});

// Read in process (the --json stream) and in the ingest worker (the monitor), which hands over only
// what the scrollback keeps and counts the rest as skipped.
test.each([
	['read in process', undefined],
	['read in the ingest worker', createWorkerPool],
])(
	'recording under a flood loses nothing it does not count (%s): written + dropped = received',
	async (_, createPool) => {
		const flood = 30_000;
		const text = JSON.stringify({
			type: 'log',
			level: 'info',
			msg: 'request served',
			ms: 12,
		});
		server = await startTestServer();
		fs.writeFileSync(
			temporary.registryPath,
			registryText([
				{id: 'flood', port: server.port, pid: process.pid, host: '127.0.0.1'},
			]),
		);
		const registry = watchRegistry(temporary.registryPath);
		const recording = createStoreRecording(registry);
		const file = path.join(temporary.folder, 'flood.ndjson');
		// A small queue, so the disk cannot keep up and lines must be dropped.
		await recording.recorder.start({file, queueBytes: 32 * 1024});
		const store = createMonitorStore({
			registry,
			onRecord: recording.onRecord,
			onSkipped: recording.onSkipped,
			pingIntervalMs: 60_000,
			// In the worker, a scrollback far less than the flood, so that it skips most of it.
			...(createPool ? {createPool, scrollback: 100} : {}),
		});
		const detach = recording.attach(store);
		try {
			await waitFor(
				() =>
					store.getSnapshot().servers[0]?.state.status === 'connected' &&
					recording.recorder.status().recording &&
					readLines(file).some(
						(line) => line.type === 'state' && line.status === 'connected',
					),
				{what: 'connected, and its state recorded'},
			);
			const before = recording.recorder.status();
			expect(before).toMatchObject({dropped: 0});
			for (let index = 0; index < flood; index++) {
				server.clients()[0]!.send(text);
			}

			await waitFor(
				() => store.getSnapshot().servers[0]!.counters.messagesIn === flood,
				{what: 'the whole flood received', timeoutMs: 20_000},
			);
		} finally {
			await store.close();
			detach();
		}

		const stats = await recording.recorder.stop();
		const lines = readLines(file);
		const stop = lines.at(-1)!;
		const received = lines.filter(
			(line) => line.type === 'message' && line.direction === 'in',
		).length;
		expect(stop).toMatchObject({type: 'record', event: 'stop'});
		expect(stop.dropped).toBeGreaterThan(0);
		// Every line offered is on disk or counted as dropped…
		expect(stop.received).toBe(Number(stop.written) + Number(stop.dropped));
		expect(lines.length - 1).toBe(stop.written);
		// …and during the flood only its messages were offered: each one is in the file or counted.
		expect(received + Number(stop.dropped)).toBe(flood);
		expect(stats?.dropped).toBe(stop.dropped);
	},
	30_000,
);
