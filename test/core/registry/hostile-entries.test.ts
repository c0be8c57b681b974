import fs from 'node:fs';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, test} from 'vitest';
import {webSocketUrl} from '../../../source/core/registry/address.js';
import {parseRegistryText} from '../../../source/core/registry/parse.js';
import {
	createRegistryReader,
	readRegistry,
} from '../../../source/core/registry/read.js';
import {formatWarning} from '../../../source/core/registry/warnings.js';
import {
	entry,
	makeTemporaryFolder,
	registryText,
	writeByRename,
} from '../../helpers/temporary-registry.js';

const file = '/tmp/servers.json';

let temporary: ReturnType<typeof makeTemporaryFolder>;
beforeEach(() => {
	temporary = makeTemporaryFolder();
});
afterEach(() => {
	temporary.cleanup();
});

function deeplyNested(depth: number): unknown {
	return JSON.parse(nestedText(depth)) as unknown;
}

/** `[[[…]]]` as text: `JSON.stringify` itself overflows the stack on 5000 levels. */
function nestedText(depth: number): string {
	return '['.repeat(depth) + ']'.repeat(depth);
}

describe('entries that cannot be connected to (issue 9, item 1)', () => {
	test.each([
		['host', '127.0.0.1:8080'],
		['host', 'my host'],
		['host', 'a..b'],
		['host', '1.2.3.999'],
		['host', '[fe80::1%eth0]'],
		['path', '/#x'],
		['path', 'ws'],
		['path', '/a b'],
		['path', '/a\u0085b'],
		['token', 'a\nb'],
		['token', 't€ken'],
		['token', 'a b'],
	])(
		'%s %j is refused with the file, entry and field named',
		(field, value) => {
			const result = parseRegistryText(
				registryText([entry('good'), entry('bad', {[field]: value})]),
				file,
			);
			expect(result.ok).toBe(true);
			if (!result.ok) return;
			expect(result.servers.map((server) => server.id)).toEqual(['good']);
			expect(result.warnings).toHaveLength(1);
			expect(formatWarning(result.warnings[0]!)).toMatch(
				new RegExp(
					String.raw`^/tmp/servers\.json: entry 1 "bad": field "${field}": \S`,
				),
			);
		},
	);

	test.each([
		['host', 'localhost'],
		['host', 'api.example.com'],
		['host', '10.0.0.1'],
		['host', '::1'],
		['host', '[::1]'],
		['path', '/ws?room=1'],
		['token', 'abc.DEF-_~+/=='],
	])('%s %j is accepted and makes a URL and a header', (field, value) => {
		const result = parseRegistryText(
			registryText([entry('ok', {[field]: value})]),
			file,
		);
		expect(result.ok && result.warnings).toEqual([]);
		const server = result.ok ? result.servers[0]! : undefined;
		expect(server).toBeDefined();
		expect(
			() => new URL(webSocketUrl(server!, server!.host ?? 'localhost')),
		).not.toThrow();
	});
});

describe('free-form fields are bounded (issue 9, item 1)', () => {
	test('meta or an unknown field nested 5000 deep is dropped with a warning; the entry stays and the snapshot can be serialised', () => {
		const good = (id: string) => JSON.stringify(entry(id)).slice(0, -1);
		fs.writeFileSync(
			temporary.registryPath,
			`{"servers": [${good('deep-meta')}, "meta": {"x": ${nestedText(5000)}}},` +
				` ${good('deep-field')}, "extra": ${nestedText(5000)}, "kept": 1}]}`,
		);
		const snapshot = readRegistry(temporary.registryPath);
		expect(snapshot.servers.map((server) => server.id)).toEqual([
			'deep-meta',
			'deep-field',
		]);
		expect(snapshot.servers[1]).toMatchObject({kept: 1});
		expect(snapshot.servers[1]).not.toHaveProperty('extra');
		expect(snapshot.warnings.map((warning) => formatWarning(warning))).toEqual([
			expect.stringMatching(
				/entry 0 "deep-meta": field "meta": nested deeper than 32 levels; field dropped$/,
			),
			expect.stringMatching(
				/entry 1 "deep-field": field "extra": nested deeper than 32 levels; field dropped$/,
			),
		]);
		expect(() => JSON.stringify(snapshot)).not.toThrow();
	});

	test('nesting up to 32 levels is kept as written', () => {
		const result = parseRegistryText(
			registryText([entry('a', {extra: deeplyNested(32)})]),
			file,
		);
		expect(result.ok && result.warnings).toEqual([]);
		expect(result.ok && result.servers[0]).toHaveProperty('extra');
	});

	test('free-form fields over 64 KiB are dropped, the first ones written are kept', () => {
		const result = parseRegistryText(
			registryText([
				entry('big', {
					small: 'x',
					huge: 'y'.repeat(70_000),
					meta: {note: 'fits'},
				}),
			]),
			file,
		);
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(result.servers[0]).toMatchObject({
			small: 'x',
			meta: {note: 'fits'},
		});
		expect(result.servers[0]).not.toHaveProperty('huge');
		expect(formatWarning(result.warnings[0]!)).toMatch(
			/field "huge": makes the entry larger than 64 KiB; field dropped/,
		);
	});
});

describe('size and count bounds (issue 9, items 2 and 9)', () => {
	test('a registry file over 8 MiB is not read; the last good list is kept with a warning', () => {
		const reader = createRegistryReader(temporary.registryPath);
		writeByRename(temporary.registryPath, registryText([entry('a')]));
		expect(reader.read().servers.map((server) => server.id)).toEqual(['a']);

		writeByRename(
			temporary.registryPath,
			registryText([entry('b', {padding: 'x'.repeat(9 * 1024 * 1024)})]),
		);
		const snapshot = reader.read();
		expect(snapshot.file).toBe('stale');
		expect(snapshot.servers.map((server) => server.id)).toEqual(['a']);
		expect(formatWarning(snapshot.warnings[0]!)).toMatch(
			/servers\.json: is larger than 8 MiB .*not read; showing its last good content \(1 entry\)$/,
		);
	});

	test('a servers.d file over 1 MiB is not read, with a warning', () => {
		const folder = path.join(temporary.folder, 'servers.d');
		fs.mkdirSync(folder);
		fs.writeFileSync(
			path.join(folder, 'big.json'),
			JSON.stringify(entry('big', {padding: 'x'.repeat(1024 * 1024)})),
		);
		const snapshot = readRegistry(temporary.registryPath);
		expect(snapshot.servers).toEqual([]);
		expect(formatWarning(snapshot.warnings[0]!)).toMatch(
			/big\.json: is larger than 1 MiB/,
		);
	});

	test('acts on the first 256 of 1000 entries and says how to raise it', () => {
		const servers = Array.from({length: 1000}, (_, index) =>
			entry(`s${index}`),
		);
		fs.writeFileSync(temporary.registryPath, registryText(servers));
		const snapshot = readRegistry(temporary.registryPath);
		expect(snapshot.servers).toHaveLength(256);
		expect(snapshot.servers.at(-1)?.id).toBe('s255');
		expect(snapshot.warnings.map((warning) => warning.message)).toEqual([
			'1000 entries; acting on the first 256 (raise with --max-servers)',
		]);

		const raised = readRegistry(temporary.registryPath, {maxServers: 2000});
		expect(raised.servers).toHaveLength(1000);
		expect(raised.warnings).toEqual([]);
	});

	test('counts servers.d files past the limit without reading them', () => {
		fs.writeFileSync(
			temporary.registryPath,
			registryText([entry('main-1'), entry('main-2')]),
		);
		const folder = path.join(temporary.folder, 'servers.d');
		fs.mkdirSync(folder);
		for (let index = 0; index < 5; index++) {
			fs.writeFileSync(
				path.join(folder, `d${index}.json`),
				JSON.stringify(entry(`d${index}`)),
			);
		}

		const snapshot = readRegistry(temporary.registryPath, {maxServers: 3});
		expect(snapshot.servers.map((server) => server.id)).toEqual([
			'main-1',
			'main-2',
			'd0',
		]);
		expect(snapshot.warnings.map((warning) => warning.message)).toEqual([
			'7 entries; acting on the first 3 (raise with --max-servers)',
		]);
	});
});

describe('files that are not regular files (issue 9, item 2)', () => {
	test('a folder named like a drop-in is refused with a warning, the others are read', () => {
		const folder = path.join(temporary.folder, 'servers.d');
		fs.mkdirSync(path.join(folder, 'aa.json'), {recursive: true});
		fs.writeFileSync(path.join(folder, 'bb.json'), JSON.stringify(entry('b')));
		const snapshot = readRegistry(temporary.registryPath);
		expect(snapshot.servers.map((server) => server.id)).toEqual(['b']);
		expect(formatWarning(snapshot.warnings[0]!)).toMatch(
			/aa\.json: is a folder, not a regular file/,
		);
	});
});

describe('permissions (issue 9, item 4)', () => {
	test('warns when the registry folder or file is writable by others', () => {
		fs.writeFileSync(temporary.registryPath, registryText([entry('a')]));
		fs.chmodSync(temporary.folder, 0o777);
		fs.chmodSync(temporary.registryPath, 0o666);
		const snapshot = readRegistry(temporary.registryPath);
		expect(snapshot.servers.map((server) => server.id)).toEqual(['a']);
		const texts = snapshot.warnings.map((warning) => formatWarning(warning));
		expect(texts).toEqual([
			expect.stringMatching(
				/: registry folder is writable by group and others \(mode 777\)/,
			),
			expect.stringMatching(
				/servers\.json: registry file is writable by group and others \(mode 666\)/,
			),
		]);
	});

	test.runIf(process.getuid?.() === 0)(
		'warns when the registry file belongs to another user',
		() => {
			fs.writeFileSync(temporary.registryPath, registryText([entry('a')]), {
				mode: 0o600,
			});
			fs.chownSync(temporary.registryPath, 12_345, 12_345);
			const [warning] = readRegistry(temporary.registryPath).warnings;
			expect(warning && formatWarning(warning)).toMatch(
				/registry file is owned by another user \(uid 12345, you are 0\)/,
			);
		},
	);

	test('no warning for a private folder and file', () => {
		fs.chmodSync(temporary.folder, 0o700);
		fs.writeFileSync(temporary.registryPath, registryText([entry('a')]), {
			mode: 0o600,
		});
		expect(readRegistry(temporary.registryPath).warnings).toEqual([]);
	});
});
