import fs from 'node:fs';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, test, vi} from 'vitest';
import {errorCode} from '../../../source/core/registry/io-errors.js';
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
let dropIns: string;
beforeEach(() => {
	temporary = makeTemporaryFolder();
	// A private folder, so that no permission warning mixes in.
	fs.chmodSync(temporary.folder, 0o700);
	dropIns = path.join(temporary.folder, 'servers.d');
});
afterEach(() => {
	temporary.cleanup();
});

function writeMain(ids: string[]): void {
	writeByRename(
		temporary.registryPath,
		registryText(ids.map((id) => entry(id))),
	);
	fs.chmodSync(temporary.registryPath, 0o600);
}

function writeDropIn(name: string, text: string): string {
	fs.mkdirSync(dropIns, {recursive: true});
	const file = path.join(dropIns, name);
	fs.writeFileSync(file, text, {mode: 0o600});
	return file;
}

function ids(snapshot: {servers: Array<{id: string}>}): string[] {
	return snapshot.servers.map((server) => server.id);
}

function messages(snapshot: {warnings: Array<{message: string}>}): string[] {
	return snapshot.warnings.map((warning) => warning.message);
}

describe('the main file', () => {
	test('a snapshot names the file it was read from', () => {
		writeMain(['a']);
		expect(readRegistry(temporary.registryPath)).toEqual({
			path: temporary.registryPath,
			servers: [expect.objectContaining({id: 'a'})],
			warnings: [],
			file: 'ok',
		});
	});

	test('a broken file with no good content before has nothing to show and says only what is wrong', () => {
		fs.writeFileSync(temporary.registryPath, '{"servers": [', {mode: 0o600});
		const snapshot = readRegistry(temporary.registryPath);
		expect(snapshot).toMatchObject({servers: [], file: 'stale'});
		expect(snapshot.warnings).toEqual([
			{
				file: temporary.registryPath,
				message: 'invalid JSON (cut off at the end)',
			},
		]);
	});

	test('one good entry kept from before is counted as "1 entry"', () => {
		const reader = createRegistryReader(temporary.registryPath);
		writeMain(['a']);
		reader.read();
		fs.writeFileSync(temporary.registryPath, '');
		expect(messages(reader.read())).toEqual([
			'file is empty; showing its last good content (1 entry)',
		]);
	});

	test('a file that went missing forgets its last good content', () => {
		const reader = createRegistryReader(temporary.registryPath);
		writeMain(['a', 'b']);
		expect(ids(reader.read())).toEqual(['a', 'b']);
		fs.rmSync(temporary.registryPath);
		expect(reader.read()).toMatchObject({
			servers: [],
			warnings: [],
			file: 'missing',
		});
		fs.writeFileSync(temporary.registryPath, '{"servers": [', {
			mode: 0o600,
		});
		const broken = reader.read();
		expect(broken).toMatchObject({servers: [], file: 'stale'});
		expect(messages(broken)).toEqual(['invalid JSON (cut off at the end)']);
	});

	test('the permissions of a broken file are still checked', () => {
		fs.writeFileSync(temporary.registryPath, '{"servers": [');
		fs.chmodSync(temporary.registryPath, 0o666);
		expect(messages(readRegistry(temporary.registryPath))).toEqual([
			expect.stringMatching(
				/^registry file is writable by group and others \(mode 666\)/,
			),
			'invalid JSON (cut off at the end)',
		]);
	});

	test('maxFileBytes refuses a larger file and keeps the last good list', () => {
		const reader = createRegistryReader(temporary.registryPath, {
			maxFileBytes: 1000,
		});
		writeMain(['a']);
		expect(ids(reader.read())).toEqual(['a']);
		writeMain(Array.from({length: 20}, (_, index) => `s${index}`));
		const snapshot = reader.read();
		expect(snapshot.file).toBe('stale');
		expect(ids(snapshot)).toEqual(['a']);
		expect(messages(snapshot)[0]).toMatch(
			/^is larger than 1000 bytes .*not read; showing its last good content \(1 entry\)$/,
		);
	});
});

describe('servers.d size limit', () => {
	test('maxDropInBytes refuses a larger drop-in with a warning', () => {
		const file = writeDropIn(
			'x.json',
			JSON.stringify(entry('x', {padding: 'p'.repeat(200)})),
		);
		writeDropIn('y.json', JSON.stringify(entry('y')));
		const snapshot = readRegistry(temporary.registryPath, {
			maxDropInBytes: 200,
		});
		expect(ids(snapshot)).toEqual(['y']);
		expect(snapshot.warnings).toEqual([
			{
				file,
				message: expect.stringMatching(
					/^is larger than 200 bytes .*; not read$/,
				) as string,
			},
		]);
	});
});

describe('the entry limit', () => {
	test('entries past the limit in the file are counted in the warning', () => {
		writeMain(['a', 'b', 'c']);
		const snapshot = readRegistry(temporary.registryPath, {maxServers: 2});
		expect(ids(snapshot)).toEqual(['a', 'b']);
		expect(snapshot.warnings).toEqual([
			{
				file: temporary.registryPath,
				message: '3 entries; acting on the first 2 (raise with --max-servers)',
			},
		]);
	});

	test('the count survives while the file is broken, and is forgotten when it goes missing', () => {
		const reader = createRegistryReader(temporary.registryPath, {
			maxServers: 2,
		});
		writeMain(['a', 'b', 'c']);
		reader.read();
		fs.writeFileSync(temporary.registryPath, '{"servers": [');
		const stale = reader.read();
		expect(ids(stale)).toEqual(['a', 'b']);
		expect(messages(stale)).toEqual([
			'invalid JSON (cut off at the end); showing its last good content (2 entries)',
			'3 entries; acting on the first 2 (raise with --max-servers)',
		]);
		fs.rmSync(temporary.registryPath);
		writeDropIn('d.json', JSON.stringify(entry('d')));
		expect(reader.read()).toMatchObject({
			servers: [expect.objectContaining({id: 'd'})],
			warnings: [],
		});
	});

	test('drop-ins that push the list past the limit are counted', () => {
		writeMain(['a', 'b']);
		writeDropIn('c.json', JSON.stringify(entry('c')));
		const snapshot = readRegistry(temporary.registryPath, {maxServers: 2});
		expect(ids(snapshot)).toEqual(['a', 'b']);
		expect(messages(snapshot)).toEqual([
			'3 entries; acting on the first 2 (raise with --max-servers)',
		]);
	});

	test('drop-in files past the limit are counted even when the list is not over it', () => {
		for (const id of ['a', 'b', 'c']) {
			writeDropIn(`${id}.json`, JSON.stringify(entry(id)));
		}

		// The third file is not read; the two read fill the limit exactly.
		const snapshot = readRegistry(temporary.registryPath, {maxServers: 2});
		expect(ids(snapshot)).toEqual(['a', 'b']);
		expect(messages(snapshot)).toEqual([
			'3 entries; acting on the first 2 (raise with --max-servers)',
		]);
	});

	test('a list exactly at the limit gets no warning', () => {
		writeMain(['a']);
		writeDropIn('b.json', JSON.stringify(entry('b')));
		expect(
			readRegistry(temporary.registryPath, {maxServers: 2}).warnings,
		).toEqual([]);
	});
});

describe('servers.d', () => {
	test('reads only visible .json files, in file-name order', () => {
		writeDropIn('b.json', JSON.stringify(entry('from-b')));
		writeDropIn('a.json', JSON.stringify(entry('from-a')));
		writeDropIn('.hidden.json', JSON.stringify(entry('hidden')));
		writeDropIn('c.json.tmp', JSON.stringify(entry('temporary')));
		writeDropIn('json', JSON.stringify(entry('no-extension')));
		const snapshot = readRegistry(temporary.registryPath);
		expect(ids(snapshot)).toEqual(['from-a', 'from-b']);
		expect(snapshot.warnings).toEqual([]);
	});

	test('a duplicate of an entry of the main file names the main file', () => {
		writeMain(['a']);
		const file = writeDropIn('a.json', JSON.stringify(entry('a')));
		expect(readRegistry(temporary.registryPath).warnings).toEqual([
			{
				file,
				entryId: 'a',
				message: `duplicate id, already registered in ${temporary.registryPath}; ignored`,
			},
		]);
	});

	test('a duplicate between two drop-ins names the first one', () => {
		const first = writeDropIn('1.json', JSON.stringify(entry('same')));
		const second = writeDropIn('2.json', JSON.stringify(entry('same')));
		expect(readRegistry(temporary.registryPath).warnings).toEqual([
			{
				file: second,
				entryId: 'same',
				message: `duplicate id, already registered in ${first}; ignored`,
			},
		]);
	});

	test('a duplicate within the main file says so', () => {
		writeMain(['a', 'a']);
		expect(readRegistry(temporary.registryPath).warnings).toEqual([
			{
				file: temporary.registryPath,
				entryId: 'a',
				message:
					'duplicate id, already registered earlier in this file; ignored',
			},
		]);
	});

	test('warnings about dropped fields of an accepted drop-in are kept', () => {
		const file = writeDropIn(
			'x.json',
			JSON.stringify(entry('x', {extra: 'y'.repeat(70_000)})),
		);
		const snapshot = readRegistry(temporary.registryPath);
		expect(ids(snapshot)).toEqual(['x']);
		expect(snapshot.warnings).toEqual([
			{
				file,
				entryId: 'x',
				field: 'extra',
				message: 'makes the entry larger than 64 KiB; field dropped',
			},
		]);
	});

	test('a broken drop-in with no good content before is reported without a fallback', () => {
		const file = writeDropIn('x.json', '{"id":');
		expect(readRegistry(temporary.registryPath)).toMatchObject({
			servers: [],
			warnings: [{file, message: 'invalid JSON (cut off at the end)'}],
		});
	});

	test('a broken drop-in falls back to its own last good entry', () => {
		const reader = createRegistryReader(temporary.registryPath);
		const file = writeDropIn('x.json', JSON.stringify(entry('x')));
		reader.read();
		fs.writeFileSync(file, '{"id":');
		const snapshot = reader.read();
		expect(ids(snapshot)).toEqual(['x']);
		expect(snapshot.warnings).toEqual([
			{
				file,
				message:
					'invalid JSON (cut off at the end); showing its last good content (1 entry)',
			},
		]);
	});

	test('a drop-in removed and written again broken has no last good content', () => {
		const reader = createRegistryReader(temporary.registryPath);
		writeDropIn('keep.json', JSON.stringify(entry('keep')));
		const file = writeDropIn('x.json', JSON.stringify(entry('x')));
		expect(ids(reader.read())).toEqual(['keep', 'x']);
		fs.rmSync(file);
		expect(ids(reader.read())).toEqual(['keep']);
		fs.writeFileSync(file, '{"id":');
		const snapshot = reader.read();
		expect(ids(snapshot)).toEqual(['keep']);
		expect(messages(snapshot)).toEqual(['invalid JSON (cut off at the end)']);
	});

	test('a drop-in that vanishes between listing and reading is simply gone', () => {
		const reader = createRegistryReader(temporary.registryPath);
		const file = writeDropIn('x.json', JSON.stringify(entry('x')));
		expect(ids(reader.read())).toEqual(['x']);
		// A dangling link is listed by readdir but cannot be opened: the same as a file removed in
		// between.
		fs.rmSync(file);
		fs.symlinkSync(path.join(dropIns, 'nowhere.json'), file);
		expect(reader.read()).toMatchObject({servers: [], warnings: []});
		fs.rmSync(file);
		fs.writeFileSync(file, '{"id":');
		expect(messages(reader.read())).toEqual([
			'invalid JSON (cut off at the end)',
		]);
	});

	test('servers.d removed forgets every last good drop-in', () => {
		const reader = createRegistryReader(temporary.registryPath);
		const file = writeDropIn('x.json', JSON.stringify(entry('x')));
		reader.read();
		fs.rmSync(dropIns, {recursive: true});
		expect(reader.read()).toMatchObject({servers: [], warnings: []});
		writeDropIn('x.json', '{"id":');
		expect(reader.read().warnings).toEqual([
			{file, message: 'invalid JSON (cut off at the end)'},
		]);
	});

	test('servers.d that is a file is treated as absent', () => {
		writeMain(['a']);
		fs.writeFileSync(dropIns, 'not a folder', {mode: 0o600});
		expect(readRegistry(temporary.registryPath)).toMatchObject({
			servers: [expect.objectContaining({id: 'a'})],
			warnings: [],
		});
	});

	test('servers.d that cannot be listed is reported, and its last good entries forgotten', () => {
		const reader = createRegistryReader(temporary.registryPath);
		writeDropIn('x.json', JSON.stringify(entry('x')));
		expect(ids(reader.read())).toEqual(['x']);
		// A link to itself: listing it fails with ELOOP, an error that is neither "absent" nor
		// "permission denied".
		fs.rmSync(dropIns, {recursive: true});
		fs.symlinkSync(dropIns, dropIns);
		const snapshot = reader.read();
		expect(snapshot.servers).toEqual([]);
		expect(snapshot.warnings).toEqual([
			{file: dropIns, message: expect.stringContaining('ELOOP') as string},
		]);
	});

	test.runIf(process.getuid?.() !== 0)(
		'servers.d that may not be read says so',
		() => {
			writeDropIn('x.json', JSON.stringify(entry('x')));
			fs.chmodSync(dropIns, 0o000);
			try {
				expect(readRegistry(temporary.registryPath).warnings).toEqual([
					{file: dropIns, message: 'cannot be read (permission denied)'},
				]);
			} finally {
				fs.chmodSync(dropIns, 0o700);
			}
		},
	);
});

describe('servers.d refused by the system', () => {
	afterEach(() => {
		vi.restoreAllMocks();
	});

	// Root may list any folder, so the refusal is injected where the suite runs as root.
	test.each(['EACCES', 'EPERM'])(
		'a listing refused with %s is worded as permission denied',
		(code) => {
			writeDropIn('x.json', JSON.stringify(entry('x')));
			const listing = fs.readdirSync;
			vi.spyOn(fs, 'readdirSync').mockImplementation(
				(...arguments_: Parameters<typeof listing>) => {
					if (arguments_[0] === dropIns) {
						throw Object.assign(new Error(`${code}: refused`), {code});
					}

					return listing(...arguments_);
				},
			);
			expect(readRegistry(temporary.registryPath)).toMatchObject({
				servers: [],
				warnings: [
					{file: dropIns, message: 'cannot be read (permission denied)'},
				],
			});
		},
	);
});

describe('errorCode', () => {
	test('reads the code of a Node error, as a string', () => {
		expect(errorCode(Object.assign(new Error('x'), {code: 'ENOENT'}))).toBe(
			'ENOENT',
		);
		expect(errorCode({code: 5})).toBe('5');
	});

	test('is undefined for anything without a code', () => {
		expect(errorCode(new Error('x'))).toBeUndefined();
		expect(errorCode(null)).toBeUndefined();
		expect(errorCode('ENOENT')).toBeUndefined();
		expect(errorCode(undefined)).toBeUndefined();
	});
});
