import {spawn} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, test, vi} from 'vitest';
import {
	pruneRegistry,
	registerServer,
	unregisterServer,
	updateRegistrySync,
} from '../../../source/core/registry/index.js';
import {exited} from '../../helpers/processes.js';
import {
	entry,
	makeTemporaryFolder,
	registryText,
} from '../../helpers/temporary-registry.js';

let temporary: ReturnType<typeof makeTemporaryFolder>;
let dropIns: string;
beforeEach(() => {
	temporary = makeTemporaryFolder();
	dropIns = path.join(temporary.folder, 'servers.d');
});
afterEach(() => {
	temporary.cleanup();
});

function rawFile(): {servers: unknown[]} & Record<string, unknown> {
	return JSON.parse(fs.readFileSync(temporary.registryPath, 'utf8')) as {
		servers: unknown[];
	};
}

function register(id: string, extra: Record<string, unknown> = {}) {
	return registerServer(
		{id, port: 1, ...extra},
		{registryPath: temporary.registryPath, unregisterOnExit: false},
	);
}

/** JSON text nested `depth` deep, written by hand: `JSON.stringify` itself would overflow. */
function nestedText(depth: number): string {
	return `${'{"inner":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

async function deadPid(): Promise<number> {
	const child = spawn('sleep', ['30']);
	child.kill('SIGKILL');
	await exited(child);
	return child.pid!;
}

describe('updating the file', () => {
	test('a folder where the registry file belongs fails the update and leaves no temporary behind', () => {
		fs.mkdirSync(temporary.registryPath);
		expect(() => register('a')).toThrow();
		expect(fs.readdirSync(temporary.folder)).toEqual(['servers.json']);
		expect(fs.readdirSync(temporary.registryPath)).toEqual([]);
	});

	test('a file without a servers list is set aside and started afresh', () => {
		fs.writeFileSync(temporary.registryPath, JSON.stringify({servers: 'no'}));
		register('a');
		expect(rawFile()).toEqual({servers: [expect.objectContaining({id: 'a'})]});
		const aside = fs
			.readdirSync(temporary.folder)
			.filter((name) => /^servers\.json\.corrupt-[\da-f]{12}$/.test(name));
		expect(aside).toHaveLength(1);
		expect(
			fs.readFileSync(path.join(temporary.folder, aside[0]!), 'utf8'),
		).toBe(JSON.stringify({servers: 'no'}));
	});

	test('JSON null is unusable content, set aside like a torn file', () => {
		fs.writeFileSync(temporary.registryPath, 'null');
		register('a');
		expect(rawFile().servers).toHaveLength(1);
		expect(
			fs
				.readdirSync(temporary.folder)
				.some((name) => name.includes('.corrupt-')),
		).toBe(true);
	});

	test("other tools' top-level fields are kept, unless nested deeper than any reader keeps", () => {
		fs.writeFileSync(
			temporary.registryPath,
			`{"version": 2, "owner": {"name": "ops"}, "deep": ${nestedText(5000)}, "servers": []}`,
		);
		register('a');
		const written = rawFile();
		expect(written).toMatchObject({version: 2, owner: {name: 'ops'}});
		expect(written).not.toHaveProperty('deep');
		expect(Object.keys(written).toSorted()).toEqual([
			'owner',
			'servers',
			'version',
		]);
	});

	test('entries that are not objects are kept as written and never taken for ours', () => {
		fs.writeFileSync(
			temporary.registryPath,
			registryText([42, null, 'text', ['a'], entry('a', {pid: 999_999})]),
		);
		register('b');
		unregisterServer('a', {registryPath: temporary.registryPath});
		expect(rawFile().servers).toEqual([
			42,
			null,
			'text',
			['a'],
			expect.objectContaining({id: 'b'}),
		]);
	});

	test('the file is written as indented JSON ending in a newline, readable only by its owner', () => {
		updateRegistrySync((servers) => [...servers, {id: 'x'}], {
			registryPath: temporary.registryPath,
		});
		expect(fs.readFileSync(temporary.registryPath, 'utf8')).toBe(
			'{\n  "servers": [\n    {\n      "id": "x"\n    }\n  ]\n}\n',
		);
		expect(fs.statSync(temporary.registryPath).mode & 0o777).toBe(0o600);
	});
});

describe('registering', () => {
	test('keeps a given pid, process start and start time', () => {
		const registration = registerServer(
			{
				id: 'given',
				port: 1,
				pid: 4242,
				procStart: 17,
				startedAt: '2020-01-01T00:00:00.000Z',
			},
			{registryPath: temporary.registryPath, unregisterOnExit: false},
		);
		expect(registration.entry).toMatchObject({
			pid: 4242,
			procStart: 17,
			startedAt: '2020-01-01T00:00:00.000Z',
		});
		expect(registration.registryPath).toBe(temporary.registryPath);
		expect(rawFile().servers).toEqual([registration.entry]);
	});

	test('an invalid entry with no field to name is refused with its message alone', () => {
		expect(() =>
			registerServer(
				// @ts-expect-error A wrong input on purpose, as plain JavaScript could pass.
				'not an object',
				{registryPath: temporary.registryPath, unregisterOnExit: false},
			),
		).toThrow(/^cannot register "undefined": [^ ]/);
	});

	test('unregisters on SIGTERM when someone else handles the signal, without ending the process', () => {
		const othersListener = () => undefined;
		process.on('SIGTERM', othersListener);
		const before = process.listenerCount('SIGTERM');
		// Caught, so that a wrong re-raise fails this test instead of ending the test process.
		const kill = vi.spyOn(process, 'kill').mockImplementation(() => true);
		try {
			registerServer(
				{id: 'signalled', port: 1},
				{registryPath: temporary.registryPath},
			);
			expect(process.listenerCount('SIGTERM')).toBe(before + 1);
			expect(process.listenerCount('SIGINT')).toBeGreaterThan(0);
			const ours = process.listeners('SIGTERM').at(-1)!;
			process.off('SIGTERM', ours);
			ours('SIGTERM');
			expect(rawFile().servers).toEqual([]);
			expect(process.listenerCount('SIGTERM')).toBe(before);
			expect(kill.mock.calls.filter((call) => call[1] === 'SIGTERM')).toEqual(
				[],
			);
		} finally {
			kill.mockRestore();
			process.off('SIGTERM', othersListener);
		}
	});

	test('unregistering detaches the exit and signal handlers, and twice is harmless', () => {
		const counts = () =>
			['exit', 'SIGINT', 'SIGTERM'].map((name) => process.listenerCount(name));
		const before = counts();
		const registration = registerServer(
			{id: 'tidy', port: 1},
			{registryPath: temporary.registryPath},
		);
		expect(counts()).toEqual(before.map((count) => count + 1));
		registration.unregister();
		expect(counts()).toEqual(before);
		register('tidy', {pid: 999_999});
		registration.unregister();
		expect(rawFile().servers).toEqual([
			expect.objectContaining({id: 'tidy', pid: 999_999}),
		]);
	});
});

describe('drop-ins and missing files', () => {
	test('unregistering with no registry file removes the drop-in and creates no file', () => {
		fs.mkdirSync(dropIns);
		fs.writeFileSync(path.join(dropIns, 'a.json'), JSON.stringify(entry('a')));
		fs.writeFileSync(path.join(dropIns, 'b.json'), JSON.stringify(entry('b')));
		unregisterServer('a', {registryPath: temporary.registryPath});
		expect(fs.existsSync(temporary.registryPath)).toBe(false);
		expect(fs.readdirSync(dropIns)).toEqual(['b.json']);
	});

	test('drop-ins that are not .json or not JSON are left alone', async () => {
		const dead = await deadPid();
		fs.mkdirSync(dropIns);
		fs.writeFileSync(
			path.join(dropIns, 'a.json.bak'),
			JSON.stringify(entry('a', {pid: dead})),
		);
		fs.writeFileSync(path.join(dropIns, 'torn.json'), '{"id": "a"');
		unregisterServer('a', {registryPath: temporary.registryPath});
		expect(pruneRegistry({registryPath: temporary.registryPath})).toEqual([]);
		expect(fs.readdirSync(dropIns).toSorted()).toEqual([
			'a.json.bak',
			'torn.json',
		]);
		expect(fs.existsSync(temporary.registryPath)).toBe(false);
	});

	test("pruning reports the file each dead entry came from, and the drop-in's own", async () => {
		const dead = await deadPid();
		fs.writeFileSync(
			temporary.registryPath,
			registryText([entry('in-file', {pid: dead})]),
		);
		fs.mkdirSync(dropIns);
		fs.writeFileSync(
			path.join(dropIns, 'x.json'),
			JSON.stringify(entry('in-drop-in', {pid: dead})),
		);
		expect(pruneRegistry({registryPath: temporary.registryPath})).toEqual([
			{
				id: 'in-file',
				pid: dead,
				reason: 'no such process',
				file: temporary.registryPath,
			},
			{
				id: 'in-drop-in',
				pid: dead,
				reason: 'no such process',
				file: path.join(dropIns, 'x.json'),
			},
		]);
	});
});
