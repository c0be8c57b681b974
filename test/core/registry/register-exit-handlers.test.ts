import {spawn} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {afterEach, beforeEach, expect, test, vi} from 'vitest';
import {
	pruneRegistry,
	registerServer,
	unregisterServer,
} from '../../../source/core/registry/index.js';
import {exited} from '../../helpers/processes.js';
import {entry, makeTemporaryFolder} from '../../helpers/temporary-registry.js';

let temporary: ReturnType<typeof makeTemporaryFolder>;
let dropIns: string;
beforeEach(() => {
	temporary = makeTemporaryFolder();
	dropIns = path.join(temporary.folder, 'servers.d');
});
afterEach(() => {
	vi.restoreAllMocks();
	temporary.cleanup();
});

const handledEvents = ['exit', 'SIGINT', 'SIGTERM'] as const;
const listenerCounts = () =>
	handledEvents.map((name) => process.listenerCount(name));

function servers(): unknown[] {
	return (
		JSON.parse(fs.readFileSync(temporary.registryPath, 'utf8')) as {
			servers: unknown[];
		}
	).servers;
}

async function deadPid(): Promise<number> {
	const child = spawn('sleep', ['30']);
	child.kill('SIGKILL');
	await exited(child);
	return child.pid!;
}

/** Removes each file just before `fs.rmSync` does, as another process pruning at once would. */
function loseEveryRemovalRace() {
	const {rmSync} = fs;
	return vi.spyOn(fs, 'rmSync').mockImplementation((file, options) => {
		fs.unlinkSync(file);
		rmSync(file, options);
	});
}

test('unregisterOnExit: false leaves the process exit and signal handling alone', () => {
	const before = listenerCounts();
	const registration = registerServer(
		{id: 'quiet', port: 1},
		{registryPath: temporary.registryPath, unregisterOnExit: false},
	);
	expect(listenerCounts()).toEqual(before);
	expect(servers()).toEqual([registration.entry]);
	registration.unregister();
	expect(servers()).toEqual([]);
});

test('the exit handler a registration installs removes its entry and detaches the signal handlers', () => {
	const before = listenerCounts();
	const exitListeners = new Set(process.listeners('exit'));
	registerServer(
		{id: 'leaving', port: 1},
		{registryPath: temporary.registryPath},
	);
	const ours = process
		.listeners('exit')
		.filter((listener) => !exitListeners.has(listener));
	expect(ours).toHaveLength(1);
	expect(servers()).toHaveLength(1);
	// Called as the process would on exit (taken off first, as `once` does).
	process.off('exit', ours[0]!);
	ours[0]!(0);
	expect(servers()).toEqual([]);
	expect(listenerCounts()).toEqual(before);
});

test('a drop-in another process removes first does not make unregistering fail', () => {
	fs.mkdirSync(dropIns);
	fs.writeFileSync(
		path.join(dropIns, 'gone.json'),
		JSON.stringify(entry('gone')),
	);
	const rm = loseEveryRemovalRace();
	expect(() => {
		unregisterServer('gone', {registryPath: temporary.registryPath});
	}).not.toThrow();
	expect(rm).toHaveBeenCalledTimes(1);
	expect(fs.readdirSync(dropIns)).toEqual([]);
});

test('a dead drop-in another process prunes first does not make pruning fail, and is still reported', async () => {
	const pid = await deadPid();
	fs.mkdirSync(dropIns);
	const file = path.join(dropIns, 'dead.json');
	fs.writeFileSync(file, JSON.stringify(entry('dead', {pid})));
	const rm = loseEveryRemovalRace();
	expect(pruneRegistry({registryPath: temporary.registryPath})).toEqual([
		{id: 'dead', pid, reason: 'no such process', file},
	]);
	expect(rm).toHaveBeenCalledTimes(1);
	expect(fs.readdirSync(dropIns)).toEqual([]);
});

test('the entry a registration returns is exactly what the file holds, also with no process start time', async () => {
	// A process that has ended has no start time to read.
	const registration = registerServer(
		{id: 'unknown-start', port: 1, pid: await deadPid()},
		{registryPath: temporary.registryPath, unregisterOnExit: false},
	);
	expect(servers()).toStrictEqual([registration.entry]);
	expect(registration.entry).not.toHaveProperty('procStart');
});
