import fs from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterEach, beforeEach, expect, test} from 'vitest';
import {WebSocket} from 'ws';
import {
	type ReplayEvent,
	replaySession,
} from '../../../source/core/record/replay.js';
import {
	makeTemporaryFolder,
	registryText,
} from '../../helpers/temporary-registry.js';
import {waitFor} from '../../helpers/wait-for.js';

const fixture = path.resolve(
	path.dirname(fileURLToPath(import.meta.url)),
	'../../fixtures/replay-small-session.ndjson',
);

let temporary: ReturnType<typeof makeTemporaryFolder>;
const sockets: WebSocket[] = [];

beforeEach(() => {
	temporary = makeTemporaryFolder();
});

afterEach(() => {
	for (const socket of sockets.splice(0)) {
		socket.terminate();
	}

	temporary.cleanup();
});

type Entry = {id: string; port: number};
const entries = (registryPath: string) =>
	(JSON.parse(fs.readFileSync(registryPath, 'utf8')) as {servers: Entry[]})
		.servers;

/** A client of one replayed server, keeping what it receives and when. */
function connect(port: number) {
	const received: Array<{at: number; data: Buffer; binary: boolean}> = [];
	const socket = new WebSocket(`ws://127.0.0.1:${port}/`);
	sockets.push(socket);
	socket.on('message', (data: Buffer, binary) => {
		received.push({at: Date.now(), data, binary});
	});
	return received;
}

test('never replaces a registered server: a taken id is replayed as id@replay, and the live entry is left as it was', async () => {
	const live = {id: 'alpha', port: 40_123, pid: process.pid};
	fs.writeFileSync(temporary.registryPath, registryText([live]));
	const controller = new AbortController();
	const events: ReplayEvent[] = [];
	const replay = replaySession({
		file: fixture,
		registryPath: temporary.registryPath,
		signal: controller.signal,
		report(event) {
			events.push(event);
		},
	});
	await waitFor(() => entries(temporary.registryPath).length === 4, {
		what: 'the replayed servers registered',
	});
	expect(entries(temporary.registryPath).map((entry) => entry.id)).toEqual([
		'alpha',
		'alpha@replay',
		'beta',
		'gamma',
	]);
	expect(events).toContainEqual({
		type: 'renamed',
		from: 'alpha',
		to: 'alpha@replay',
	});
	controller.abort();
	await replay;
	expect(entries(temporary.registryPath)).toMatchObject([live]);
});

test('waits for a client on every server before its clock starts, then keeps the recorded spacing divided by --speed', async () => {
	const events: ReplayEvent[] = [];
	const replay = replaySession({
		file: fixture,
		registryPath: temporary.registryPath,
		speed: 2,
		report(event) {
			events.push(event);
		},
	});
	await waitFor(() => events.some((event) => event.type === 'waiting'), {
		what: 'the replay waiting for clients',
	});
	const ports = new Map(
		entries(temporary.registryPath).map((entry) => [entry.id, entry.port]),
	);
	const alpha = connect(ports.get('alpha')!);
	const beta = connect(ports.get('beta')!);
	// Until gamma has a client too, the clock does not start: the replay has seen alpha's and beta's
	// clients (it waits for gamma alone) and has not started, and nothing was sent.
	await waitFor(
		() =>
			events.some(
				(event) =>
					event.type === 'waiting' &&
					event.servers.length === 1 &&
					event.servers[0] === 'gamma',
			),
		{what: 'the replay waiting for gamma alone'},
	);
	expect(events.some((event) => event.type === 'started')).toBe(false);
	expect(alpha).toEqual([]);
	const gammaAt = Date.now();
	const gamma = connect(ports.get('gamma')!);
	const summary = await replay;
	expect(summary).toMatchObject({sent: 21, unheard: 0, problems: 0});
	await waitFor(
		() => gamma.length === 12 && alpha.length === 5 && beta.length === 4,
		{
			what: 'every frame at its client',
		},
	);
	expect(alpha[0]!.at).toBeGreaterThanOrEqual(gammaAt);
	expect(alpha.map((frame) => frame.binary)).toEqual([
		false,
		false,
		true,
		false,
		false,
	]);
	expect(alpha[2]!.data).toEqual(Buffer.from([0, 1, 2, 0xff, 0xfe]));
	// Gamma's twelve ticks were recorded about 120 ms apart: at speed 2, about 60 ms.
	const span = gamma.at(-1)!.at - gamma[0]!.at;
	const recordedSpan = (() => {
		const times = fs
			.readFileSync(fixture, 'utf8')
			.split('\n')
			.filter((line) => line.includes('"server":"gamma","direction":"in"'))
			.map((line) => Date.parse((JSON.parse(line) as {time: string}).time));
		return times.at(-1)! - times[0]!;
	})();
	expect(Math.abs(span - recordedSpan / 2)).toBeLessThan(120);
	expect(entries(temporary.registryPath)).toEqual([]);
});
