import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {afterEach, beforeEach, expect, test} from 'vitest';
import {readRegistry} from '../../../source/core/registry/read.js';
import {readRegularFile} from '../../../source/core/registry/regular-file.js';
import {registerServer} from '../../../source/core/registry/index.js';
import {entry, makeTemporaryFolder} from '../../helpers/temporary-registry.js';

let temporary: ReturnType<typeof makeTemporaryFolder>;
beforeEach(() => {
	temporary = makeTemporaryFolder();
});
afterEach(() => {
	temporary.cleanup();
});

function register(id: string) {
	return registerServer(
		{id, port: 1},
		{registryPath: temporary.registryPath, unregisterOnExit: false},
	);
}

test('setting a torn registry aside never writes through a link planted at a predictable name (issue 9, item 4)', () => {
	const victim = path.join(temporary.folder, 'victim.txt');
	fs.writeFileSync(victim, 'precious\n', {mode: 0o644});
	// Every name the old writer could have picked in the next half second.
	const now = Date.now();
	for (let ms = 0; ms < 500; ms++) {
		fs.symlinkSync(victim, `${temporary.registryPath}.corrupt-${now + ms}`);
	}

	const torn = '{"servers": [{"id": "a"';
	fs.writeFileSync(temporary.registryPath, torn);
	register('b');

	expect(fs.readFileSync(victim, 'utf8')).toBe('precious\n');
	expect(readRegistry(temporary.registryPath).servers.map((s) => s.id)).toEqual(
		['b'],
	);
	// The torn content is still kept, under a name nobody could guess.
	const kept = fs
		.readdirSync(temporary.folder)
		.filter((name) => /\.corrupt-[\da-f]{12}$/.test(name));
	expect(kept).toHaveLength(1);
	expect(fs.readFileSync(path.join(temporary.folder, kept[0]!), 'utf8')).toBe(
		torn,
	);
});

test("another writer's entry nested 5000 deep does not stop a registration; its bounded part is kept", () => {
	const other = JSON.stringify(entry('other')).slice(0, -1);
	fs.writeFileSync(
		temporary.registryPath,
		`{"servers": [${other}, "extra": ${'['.repeat(5000)}${']'.repeat(5000)}, "kept": 1}], "note": "top"}`,
	);
	register('mine');
	const written = JSON.parse(
		fs.readFileSync(temporary.registryPath, 'utf8'),
	) as {servers: Array<Record<string, unknown>>; note: string};
	expect(written.note).toBe('top');
	expect(written.servers.map((server) => server.id)).toEqual(['other', 'mine']);
	expect(written.servers[0]).toMatchObject({kept: 1});
	expect(written.servers[0]).not.toHaveProperty('extra');
});

test('a lock that is a symlink to a FIFO is taken over without following it (issue 9, item 2)', () => {
	const fifo = path.join(temporary.folder, 'trap');
	execFileSync('mkfifo', [fifo]);
	fs.symlinkSync(fifo, `${temporary.registryPath}.lock`);
	register('a');
	expect(readRegistry(temporary.registryPath).servers.map((s) => s.id)).toEqual(
		['a'],
	);
	expect(fs.lstatSync(fifo).isFIFO()).toBe(true);
	expect(fs.existsSync(`${temporary.registryPath}.lock`)).toBe(false);
});

test('a registration with a field the monitor could not use is refused with a readable message', () => {
	expect(() =>
		registerServer(
			{id: 'x', port: 1, path: 'ws'},
			{registryPath: temporary.registryPath, unregisterOnExit: false},
		),
	).toThrow('cannot register "x": path must start with "/"');
});

test('readRegularFile refuses a FIFO at once, without blocking', () => {
	const fifo = path.join(temporary.folder, 'servers.json');
	execFileSync('mkfifo', [fifo]);
	expect(readRegularFile(fifo, {maxBytes: 100})).toEqual({
		ok: false,
		missing: false,
		problem: 'is a FIFO, not a regular file; not read',
	});
});

test('readRegularFile refuses a symlink when asked not to follow one', () => {
	const target = path.join(temporary.folder, 'target');
	fs.writeFileSync(target, 'x');
	fs.symlinkSync(target, path.join(temporary.folder, 'link'));
	const read = readRegularFile(path.join(temporary.folder, 'link'), {
		maxBytes: 100,
		noFollow: true,
	});
	expect(read).toMatchObject({ok: false, missing: false});
	expect(read.ok ? '' : 'problem' in read ? read.problem : '').toMatch(
		/symbolic link/,
	);
});

test('a folder where the lock belongs is reported, not deleted', () => {
	const lock = `${temporary.registryPath}.lock`;
	fs.mkdirSync(lock);
	fs.writeFileSync(path.join(lock, 'keep'), 'x');
	expect(() => register('a')).toThrow(
		`${lock} is a folder, not a lock file; remove it if no registry writer is running`,
	);
	expect(fs.readFileSync(path.join(lock, 'keep'), 'utf8')).toBe('x');
});
