import fs from 'node:fs';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, test} from 'vitest';
import {
	createRegistryReader,
	readRegistry,
} from '../../../source/core/registry/read.js';
import {
	entry,
	makeTemporaryFolder,
	registryText,
	writeByRename,
} from '../../helpers/temporary-registry.js';

let temporary: ReturnType<typeof makeTemporaryFolder>;
beforeEach(() => {
	temporary = makeTemporaryFolder();
});
afterEach(() => {
	temporary.cleanup();
});

describe('readRegistry', () => {
	test('a missing file is an empty registry without warnings', () => {
		const snapshot = readRegistry(temporary.registryPath);
		expect(snapshot).toMatchObject({
			servers: [],
			warnings: [],
			file: 'missing',
		});
	});

	test('a missing folder is an empty registry without warnings', () => {
		const snapshot = readRegistry(
			path.join(temporary.folder, 'no', 'such', 'servers.json'),
		);
		expect(snapshot).toMatchObject({
			servers: [],
			warnings: [],
			file: 'missing',
		});
	});

	test('merges servers.d entries after the file, first duplicate id wins with a warning', () => {
		writeByRename(
			temporary.registryPath,
			registryText([entry('a', {port: 1}), entry('b')]),
		);
		const dropIns = path.join(temporary.folder, 'servers.d');
		fs.mkdirSync(dropIns);
		fs.writeFileSync(
			path.join(dropIns, 'a.json'),
			JSON.stringify(entry('a', {port: 2})),
		);
		fs.writeFileSync(path.join(dropIns, 'c.json'), JSON.stringify(entry('c')));
		fs.writeFileSync(path.join(dropIns, 'notes.txt'), 'not an entry');
		const snapshot = readRegistry(temporary.registryPath);
		expect(snapshot.servers.map((server) => [server.id, server.port])).toEqual([
			['a', 1],
			['b', 40_000],
			['c', 40_000],
		]);
		expect(snapshot.warnings).toHaveLength(1);
		expect(snapshot.warnings[0]).toMatchObject({
			file: path.join(dropIns, 'a.json'),
			entryId: 'a',
		});
		expect(snapshot.warnings[0]!.message).toContain('duplicate id');
	});

	test('warns about a duplicate id within the file', () => {
		writeByRename(
			temporary.registryPath,
			registryText([entry('a', {port: 1}), entry('a', {port: 2})]),
		);
		const snapshot = readRegistry(temporary.registryPath);
		expect(snapshot.servers.map((server) => server.port)).toEqual([1]);
		expect(snapshot.warnings[0]!.message).toMatch(
			/duplicate id, already registered earlier in this file/,
		);
	});
});

describe('createRegistryReader', () => {
	test('keeps the last good list when the registry is half written, and recovers on the next good write', () => {
		const reader = createRegistryReader(temporary.registryPath);
		writeByRename(
			temporary.registryPath,
			registryText([entry('a'), entry('b')]),
		);
		expect(reader.read().servers).toHaveLength(2);

		fs.writeFileSync(temporary.registryPath, '{"servers": [{"id": "a", "po');
		const broken = reader.read();
		expect(broken.file).toBe('stale');
		expect(broken.servers.map((server) => server.id)).toEqual(['a', 'b']);
		expect(broken.warnings[0]!.message).toMatch(
			/invalid JSON .*showing its last good content \(2 entries\)/,
		);

		writeByRename(temporary.registryPath, registryText([entry('c')]));
		const recovered = reader.read();
		expect(recovered).toMatchObject({file: 'ok', warnings: []});
		expect(recovered.servers.map((server) => server.id)).toEqual(['c']);
	});

	test('keeps the last good content of a broken servers.d file', () => {
		const reader = createRegistryReader(temporary.registryPath);
		const dropIns = path.join(temporary.folder, 'servers.d');
		fs.mkdirSync(dropIns);
		const file = path.join(dropIns, 'x.json');
		fs.writeFileSync(file, JSON.stringify(entry('x')));
		expect(reader.read().servers.map((server) => server.id)).toEqual(['x']);
		fs.writeFileSync(file, '{"id": "x", "port":');
		const broken = reader.read();
		expect(broken.servers.map((server) => server.id)).toEqual(['x']);
		expect(broken.warnings[0]).toMatchObject({file});
		fs.rmSync(file);
		expect(reader.read()).toMatchObject({servers: [], warnings: []});
	});
});
