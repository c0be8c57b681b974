import {spawn} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, test} from 'vitest';
import {withFileLockSync} from '../../../source/core/registry/lock.js';
import {exited} from '../../helpers/processes.js';
import {
	makeTemporaryFolder,
	writeByRename,
} from '../../helpers/temporary-registry.js';

let temporary: ReturnType<typeof makeTemporaryFolder>;
let lock: string;
beforeEach(() => {
	temporary = makeTemporaryFolder();
	lock = `${temporary.registryPath}.lock`;
});
afterEach(() => {
	temporary.cleanup();
});

async function deadPid(): Promise<number> {
	const child = spawn('sleep', ['30']);
	child.kill('SIGKILL');
	await exited(child);
	return child.pid!;
}

function readLock(): unknown {
	return JSON.parse(fs.readFileSync(lock, 'utf8'));
}

function setAge(file: string, ageMs: number): void {
	const when = new Date(Date.now() - ageMs);
	fs.utimesSync(file, when, when);
}

/** Everything in the folder but the registry file and the lock: temporaries, stale copies. */
function leftovers(): string[] {
	return fs
		.readdirSync(temporary.folder)
		.filter((name) => name !== 'servers.json' && name !== 'servers.json.lock');
}

describe('holding the lock', () => {
	test('the lock names its holder (pid, start time, token) and is private to its owner', () => {
		const seen = withFileLockSync(temporary.registryPath, () => ({
			owner: readLock(),
			mode: fs.lstatSync(lock).mode & 0o777,
			regular: fs.lstatSync(lock).isFile(),
		}));
		expect(seen.owner).toEqual({
			pid: process.pid,
			procStart: expect.any(Number) as number,
			token: expect.stringMatching(/^[\da-f]{16}$/) as string,
		});
		expect(seen.mode).toBe(0o600);
		expect(seen.regular).toBe(true);
		expect(fs.readdirSync(temporary.folder)).toEqual([]);
	});

	test('two holders in turn get different tokens', () => {
		const first = withFileLockSync(temporary.registryPath, readLock);
		const second = withFileLockSync(temporary.registryPath, readLock);
		expect((first as {token: string}).token).not.toBe(
			(second as {token: string}).token,
		);
	});

	test('releases the lock when the task throws, and passes the error on', () => {
		expect(() =>
			withFileLockSync(temporary.registryPath, () => {
				throw new Error('task failed');
			}),
		).toThrow('task failed');
		expect(fs.readdirSync(temporary.folder)).toEqual([]);
	});

	test('releasing leaves alone a lock that another process has taken over meanwhile', () => {
		// Our holder was stopped for longer than staleMs; another writer broke the lock and holds it now.
		const theirs = {pid: process.pid, token: 'theirs'};
		withFileLockSync(temporary.registryPath, () => {
			writeByRename(lock, JSON.stringify(theirs));
		});
		expect(readLock()).toEqual(theirs);
	});

	test('releasing is quiet when the lock has already been removed', () => {
		expect(
			withFileLockSync(temporary.registryPath, () => {
				fs.rmSync(lock);
				return 'done';
			}),
		).toBe('done');
		expect(fs.readdirSync(temporary.folder)).toEqual([]);
	});
});

describe('taking over a stale lock', () => {
	test("a dead holder's lock is taken over and leaves no stale copy behind", async () => {
		fs.writeFileSync(lock, JSON.stringify({pid: await deadPid(), token: 'x'}));
		// A deadline, not a measurement: a dead holder must not be waited for until staleMs.
		expect(
			withFileLockSync(temporary.registryPath, () => 'ran', {
				timeoutMs: 5000,
				staleMs: 600_000,
			}),
		).toBe('ran');
		expect(fs.readdirSync(temporary.folder)).toEqual([]);
	});

	test('a live holder older than the default 5 s is taken over, with no stale copy left', () => {
		fs.writeFileSync(lock, JSON.stringify({pid: process.pid, token: 'stuck'}));
		setAge(lock, 6000);
		expect(
			withFileLockSync(temporary.registryPath, () => 'ran', {timeoutMs: 5000}),
		).toBe('ran');
		expect(fs.readdirSync(temporary.folder)).toEqual([]);
	});

	test('a live holder younger than the default 5 s is waited for', () => {
		fs.writeFileSync(lock, JSON.stringify({pid: process.pid, token: 'busy'}));
		setAge(lock, 3000);
		expect(() =>
			withFileLockSync(temporary.registryPath, () => 'never', {timeoutMs: 100}),
		).toThrow(
			`the registry stayed locked for 100 ms (held by pid ${process.pid}); remove ${lock} if no registry writer is running`,
		);
		expect(readLock()).toEqual({pid: process.pid, token: 'busy'});
		expect(leftovers()).toEqual([]);
	});

	test.each([
		['not JSON', 'garbage'],
		['JSON null', 'null'],
		['a pid that is not a number', JSON.stringify({pid: '1', token: 'x'})],
	])(
		'a young lock whose holder cannot be read (%s) is waited for, holder unknown',
		(_, text) => {
			fs.writeFileSync(lock, text);
			expect(() =>
				withFileLockSync(temporary.registryPath, () => 'never', {
					timeoutMs: 100,
					staleMs: 600_000,
				}),
			).toThrow(/stayed locked for 100 ms \(holder unknown\)/);
			expect(fs.readFileSync(lock, 'utf8')).toBe(text);
			expect(leftovers()).toEqual([]);
		},
	);

	test('an old lock whose holder cannot be read is taken over', () => {
		fs.writeFileSync(lock, 'garbage');
		setAge(lock, 60_000);
		expect(
			withFileLockSync(temporary.registryPath, () => 'ran', {
				timeoutMs: 5000,
				staleMs: 1000,
			}),
		).toBe('ran');
		expect(fs.readdirSync(temporary.folder)).toEqual([]);
	});
});

test('releasing never deletes a link put where the lock was, even one to a copy of our owner record', () => {
	const copy = path.join(temporary.folder, 'owner-copy');
	withFileLockSync(temporary.registryPath, () => {
		fs.copyFileSync(lock, copy);
		fs.rmSync(lock);
		fs.symlinkSync(copy, lock);
	});
	expect(fs.lstatSync(lock).isSymbolicLink()).toBe(true);
});
