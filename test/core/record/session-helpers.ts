import fs from 'node:fs';
import {type WebSocket} from 'ws';
import {createStoreRecording} from '../../../source/core/record/store-recording.js';
import {watchRegistry} from '../../../source/core/registry/watch.js';
import {
	createMonitorStore,
	type MonitorStore,
} from '../../../source/core/store.js';
import {eventText} from '../../../source/view/event-text.js';
import {registryText} from '../../helpers/temporary-registry.js';
import {waitFor} from '../../helpers/wait-for.js';
import {startTestServer, type TestServer} from '../../helpers/ws-servers.js';

export type Line = Record<string, unknown>;

export function readLines(file: string): Line[] {
	return fs
		.readFileSync(file, 'utf8')
		.split('\n')
		.filter((line) => line !== '')
		.map((line) => JSON.parse(line) as Line);
}

/** A monitor's store over `registryPath`, recording to `file` from its start. */
export async function recordingMonitor(registryPath: string, file: string) {
	const registry = watchRegistry(registryPath);
	const recording = createStoreRecording(registry);
	const started = await recording.recorder.start({file});
	if (!started.ok) {
		throw new Error(started.error);
	}

	const store: MonitorStore = createMonitorStore({
		registry,
		describeEvent: eventText,
		onRecord: recording.onRecord,
		pingIntervalMs: 60_000,
	});
	const detach = recording.attach(store);
	return {
		store,
		recorder: recording.recorder,
		async stop() {
			await store.close();
			detach();
			return recording.recorder.stop();
		},
	};
}

/** Every frame kind a server sends: text, JSON, channel, typed, binary, and text with escapes. */
export const scripts: Record<string, Array<string | Buffer>> = {
	alpha: [
		'hello from alpha',
		JSON.stringify({n: 1, list: [1, 2, 3]}),
		Buffer.from([0, 1, 2, 0xff, 0xfe]),
		JSON.stringify(['reasoning:abc', 'thought:added', {thought: {n: 4}}]),
		'\u001B[31mred\u001B[0m and \u001B]0;title\u0007',
	],
	beta: [
		JSON.stringify({type: 'log', level: 'info', msg: 'request served'}),
		Buffer.from('binary\u0000bytes'),
		'ünïcödé ✓ 漢字',
		'{"not": json',
	],
	gamma: Array.from({length: 12}, (_, n) => JSON.stringify({type: 'tick', n})),
};

/**
Real ws servers, registered in `registryPath`, that play their script when told (`play`), one
frame every `gapMs`, interleaved across servers.
*/
export async function scriptedServers(registryPath: string) {
	const servers = new Map<string, TestServer>();
	for (const id of Object.keys(scripts)) {
		// eslint-disable-next-line no-await-in-loop
		servers.set(id, await startTestServer());
	}

	fs.writeFileSync(
		registryPath,
		registryText(
			[...servers].map(([id, server]) => ({
				id,
				port: server.port,
				pid: process.pid,
				host: '127.0.0.1',
			})),
		),
	);
	return {
		servers,
		async play(gapMs: number) {
			const rounds = Math.max(...Object.values(scripts).map((s) => s.length));
			for (let round = 0; round < rounds; round++) {
				for (const [id, script] of Object.entries(scripts)) {
					const frame = script[round];
					if (frame !== undefined) {
						for (const client of servers.get(id)!.clients()) {
							send(client, frame);
						}
					}
				}

				// eslint-disable-next-line no-await-in-loop
				await new Promise((resolve) => {
					setTimeout(resolve, gapMs);
				});
			}
		},
		async close() {
			await Promise.all(
				[...servers.values()].map(async (server) => server.close()),
			);
		},
	};
}

function send(client: WebSocket, frame: string | Buffer) {
	client.send(frame, {binary: typeof frame !== 'string'});
}

export const frameCount = Object.values(scripts).flat().length;

export async function waitForConnected(store: MonitorStore, count: number) {
	await waitFor(
		() =>
			store
				.getSnapshot()
				.servers.filter((server) => server.state.status === 'connected')
				.length === count,
		{what: `${count} servers connected`, timeoutMs: 8000},
	);
}
