import {spawn} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, test} from 'vitest';
import {readRegistry} from '../../../source/core/registry/read.js';
import {
	pruneRegistry,
	registerServer,
	unregisterServer,
	updateRegistrySync,
} from '../../../source/core/registry/index.js';
import {withFileLockSync} from '../../../source/core/registry/lock.js';
import {exited} from '../../helpers/processes.js';
import {
	entry,
	makeTemporaryFolder,
	registryText,
} from '../../helpers/temporary-registry.js';

let temporary: ReturnType<typeof makeTemporaryFolder>;
beforeEach(() => {
	temporary = makeTemporaryFolder();
});
afterEach(() => {
	temporary.cleanup();
});

function byFirst(a: string[], b: string[]): number {
	return a[0]!.localeCompare(b[0]!);
}

async function deadPid(): Promise<number> {
	const child = spawn('sleep', ['30']);
	child.kill('SIGKILL');
	await exited(child);
	return child.pid!;
}

describe('registerServer', () => {
	test('creates the folder 0700 and the file 0600, and records the process start time', () => {
		const registryPath = path.join(temporary.folder, 'new', 'servers.json');
		const registration = registerServer(
			{id: 'api', port: 4000, token: 'secret'},
			{registryPath, unregisterOnExit: false},
		);
		expect(fs.statSync(path.dirname(registryPath)).mode & 0o777).toBe(0o700);
		expect(fs.statSync(registryPath).mode & 0o777).toBe(0o600);
		const [server] = readRegistry(registryPath).servers;
		expect(server).toMatchObject({
			id: 'api',
			port: 4000,
			pid: process.pid,
			token: 'secret',
		});
		expect(server!.procStart).toBeTypeOf('number');
		expect(Date.parse(server!.startedAt!)).not.toBeNaN();
		registration.unregister();
		expect(readRegistry(registryPath).servers).toEqual([]);
	});

	test('replaces an entry with the same id and keeps other entries and unknown fields', () => {
		fs.writeFileSync(
			temporary.registryPath,
			JSON.stringify({
				version: 2,
				servers: [entry('other', {extra: true}), {broken: true}, entry('api')],
			}),
		);
		registerServer(
			{id: 'api', port: 5000},
			{registryPath: temporary.registryPath, unregisterOnExit: false},
		);
		const raw = JSON.parse(fs.readFileSync(temporary.registryPath, 'utf8')) as {
			version: number;
			servers: Array<Record<string, unknown>>;
		};
		expect(raw.version).toBe(2);
		expect(raw.servers).toEqual([
			expect.objectContaining({id: 'other', extra: true}),
			{broken: true},
			expect.objectContaining({id: 'api', port: 5000}),
		]);
	});

	test('rejects an invalid entry with the field named', () => {
		expect(() =>
			registerServer(
				{id: 'x', port: 0},
				{registryPath: temporary.registryPath, unregisterOnExit: false},
			),
		).toThrow(/port/);
		expect(fs.existsSync(temporary.registryPath)).toBe(false);
	});

	test('a torn file written by another tool is set aside, not trusted', () => {
		fs.writeFileSync(temporary.registryPath, '{"servers": [{"id": "a"');
		registerServer(
			{id: 'b', port: 1},
			{registryPath: temporary.registryPath, unregisterOnExit: false},
		);
		expect(
			readRegistry(temporary.registryPath).servers.map((server) => server.id),
		).toEqual(['b']);
		const aside = fs
			.readdirSync(temporary.folder)
			.filter((name) => name.includes('.corrupt-'));
		expect(aside).toHaveLength(1);
	});
});

describe('unregisterServer', () => {
	test('removes only the entry with that id and pid, also from servers.d', () => {
		fs.writeFileSync(
			temporary.registryPath,
			registryText([entry('a'), entry('a', {pid: 999_999}), entry('b')]),
		);
		const dropIns = path.join(temporary.folder, 'servers.d');
		fs.mkdirSync(dropIns);
		fs.writeFileSync(path.join(dropIns, 'a.json'), JSON.stringify(entry('a')));
		unregisterServer('a', {
			registryPath: temporary.registryPath,
			pid: process.pid,
		});
		const raw = JSON.parse(fs.readFileSync(temporary.registryPath, 'utf8')) as {
			servers: Array<{id: string; pid: number}>;
		};
		expect(raw.servers.map((server) => [server.id, server.pid])).toEqual([
			['a', 999_999],
			['b', process.pid],
		]);
		expect(fs.existsSync(path.join(dropIns, 'a.json'))).toBe(false);
	});
});

describe('pruneRegistry', () => {
	test('removes only entries whose process is gone, from the file and servers.d', async () => {
		const dead = await deadPid();
		fs.writeFileSync(
			temporary.registryPath,
			registryText([
				entry('alive'),
				entry('dead', {pid: dead}),
				{unreadable: true},
			]),
		);
		const dropIns = path.join(temporary.folder, 'servers.d');
		fs.mkdirSync(dropIns);
		fs.writeFileSync(
			path.join(dropIns, 'gone.json'),
			JSON.stringify(entry('gone', {pid: dead})),
		);
		fs.writeFileSync(
			path.join(dropIns, 'here.json'),
			JSON.stringify(entry('here')),
		);
		const pruned = pruneRegistry({registryPath: temporary.registryPath});
		expect(
			pruned.map((item) => [item.id, item.reason]).toSorted(byFirst),
		).toEqual([
			['dead', 'no such process'],
			['gone', 'no such process'],
		]);
		const raw = JSON.parse(fs.readFileSync(temporary.registryPath, 'utf8')) as {
			servers: unknown[];
		};
		expect(raw.servers).toEqual([
			expect.objectContaining({id: 'alive'}),
			{unreadable: true},
		]);
		expect(fs.readdirSync(dropIns)).toEqual(['here.json']);
	});
});

describe('the registry lock', () => {
	test('a lock left by a killed process is taken over at once', async () => {
		const dead = await deadPid();
		fs.writeFileSync(
			`${temporary.registryPath}.lock`,
			JSON.stringify({pid: dead, token: 'x'}),
		);
		// The holder is known dead, so no waiting for the age limit: with one of ten minutes, this
		// gives up after 5 s (a deadline, not a measurement: nothing here times how long it took).
		updateRegistrySync((servers) => [...servers, entry('after-crash')], {
			registryPath: temporary.registryPath,
			lock: {staleMs: 600_000, timeoutMs: 5000},
		});
		expect(
			readRegistry(temporary.registryPath).servers.map((server) => server.id),
		).toEqual(['after-crash']);
		expect(fs.existsSync(`${temporary.registryPath}.lock`)).toBe(false);
	});

	test('a lock held by a live process is waited for, then broken once older than staleMs', () => {
		const lock = `${temporary.registryPath}.lock`;
		fs.writeFileSync(
			lock,
			JSON.stringify({pid: process.pid, token: 'someone-else'}),
		);
		expect(() =>
			withFileLockSync(temporary.registryPath, () => 'never', {
				timeoutMs: 150,
				staleMs: 60_000,
			}),
		).toThrow(/stayed locked for 150 ms \(held by pid \d+\)/);
		const old = new Date(Date.now() - 10_000);
		fs.utimesSync(lock, old, old);
		expect(
			withFileLockSync(temporary.registryPath, () => 'ran', {
				timeoutMs: 1000,
				staleMs: 5000,
			}),
		).toBe('ran');
	});

	test('leaves no temporary or lock files behind', () => {
		for (let index = 0; index < 5; index++) {
			updateRegistrySync((servers) => [...servers, entry(`e${index}`)], {
				registryPath: temporary.registryPath,
			});
		}

		expect(fs.readdirSync(temporary.folder)).toEqual(['servers.json']);
	});
});
