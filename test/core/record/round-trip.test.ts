import fs from 'node:fs';
import path from 'node:path';
import {afterEach, beforeEach, expect, test} from 'vitest';
import {replaySession} from '../../../source/core/record/replay.js';
import {makeTemporaryFolder} from '../../helpers/temporary-registry.js';
import {waitFor} from '../../helpers/wait-for.js';
import {
	frameCount,
	type Line,
	readLines,
	recordingMonitor,
	scriptedServers,
	waitForConnected,
} from './session-helpers.js';

let first: ReturnType<typeof makeTemporaryFolder>;
let second: ReturnType<typeof makeTemporaryFolder>;
const cleanups: Array<() => Promise<unknown>> = [];

beforeEach(() => {
	first = makeTemporaryFolder();
	second = makeTemporaryFolder();
});

afterEach(async () => {
	for (const cleanup of cleanups.splice(0).toReversed()) {
		// eslint-disable-next-line no-await-in-loop
		await cleanup();
	}

	first.cleanup();
	second.cleanup();
});

const inbound = (lines: Line[]) =>
	lines.filter((line) => line.type === 'message' && line.direction === 'in');

/** What must survive a replay: whose frame, its shape, its size, its bytes and its text. */
const essence = (line: Line) => ({
	server: line.server,
	kind: line.kind,
	bytes: line.bytes,
	data: line.data,
	text: line.text,
});

/** Each frame's time after the first frame's, in ms. */
const offsets = (lines: Line[]) => {
	const times = lines.map((line) => Date.parse(String(line.time)));
	return times.map((time) => time - times[0]!);
};

test('a recorded session with every frame kind replays to the same frames: record → replay → record again', async () => {
	// 1. A real session: three servers, every kind of frame, a send out, system events, states.
	const fileA = path.join(first.folder, 'a.ndjson');
	const scripted = await scriptedServers(first.registryPath);
	cleanups.push(async () => scripted.close());
	const monitorA = await recordingMonitor(first.registryPath, fileA);
	cleanups.push(async () => monitorA.stop());
	await waitForConnected(monitorA.store, 3);
	await scripted.play(120);
	await monitorA.store.send('sent by the user');
	await waitFor(
		() =>
			monitorA.store.getSnapshot().messages.filter((m) => m.direction === 'in')
				.length === frameCount,
		{what: 'every frame received'},
	);
	await monitorA.stop();
	const linesA = readLines(fileA);
	expect(new Set(linesA.map((line) => line.type))).toEqual(
		new Set(['record', 'registry', 'system', 'state', 'message']),
	);
	expect(
		linesA.filter((line) => line.direction === 'out').map((line) => line.text),
	).toEqual(['sent by the user', 'sent by the user', 'sent by the user']);
	expect(inbound(linesA)).toHaveLength(frameCount);
	expect(new Set(inbound(linesA).map((line) => line.kind))).toEqual(
		new Set(['text', 'json', 'binary', 'channel', 'typed']),
	);

	// 2. Replay it into another registry, with a second recording monitor over that one.
	const fileB = path.join(second.folder, 'b.ndjson');
	const monitorB = await recordingMonitor(second.registryPath, fileB);
	cleanups.push(async () => monitorB.stop());
	const events: string[] = [];
	const summary = await replaySession({
		file: fileA,
		registryPath: second.registryPath,
		report(event) {
			events.push(
				event.type === 'problem'
					? `problem ${event.line}: ${event.error}`
					: event.type,
			);
		},
	});
	expect(events.filter((event) => event.startsWith('problem'))).toEqual([]);
	expect(summary).toMatchObject({
		passes: 1,
		sent: frameCount,
		unheard: 0,
		problems: 0,
	});
	await waitFor(
		() =>
			monitorB.store.getSnapshot().messages.filter((m) => m.direction === 'in')
				.length === frameCount,
		{what: 'every replayed frame received'},
	);
	await monitorB.stop();
	const linesB = readLines(fileB);

	// 3. The same frames, in the same order, byte for byte; their spacing kept within tolerance.
	expect(inbound(linesB).map((line) => essence(line))).toEqual(
		inbound(linesA).map((line) => essence(line)),
	);
	const drift = offsets(inbound(linesA)).map((offset, index) =>
		Math.abs(offset - offsets(inbound(linesB))[index]!),
	);
	expect(Math.max(...drift)).toBeLessThan(100);
	// The replay's servers were registered (the monitor saw them appear) and are gone again.
	expect(events).toContain('serving');
	expect(
		JSON.parse(fs.readFileSync(second.registryPath, 'utf8')) as unknown,
	).toEqual({servers: []});
	if (process.env.UPDATE_REPLAY_FIXTURE) {
		fs.copyFileSync(fileA, process.env.UPDATE_REPLAY_FIXTURE);
	}
});
