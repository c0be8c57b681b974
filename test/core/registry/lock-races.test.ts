import fs from 'node:fs';
import {afterEach, beforeEach, expect, test, vi} from 'vitest';
import {withFileLockSync} from '../../../source/core/registry/lock.js';
import type * as liveness from '../../../source/core/registry/liveness.js';
import {
	makeTemporaryFolder,
	writeByRename,
} from '../../helpers/temporary-registry.js';

// The races below happen between two system calls of one synchronous function. A test cannot
// interleave another process there on demand, so the liveness probe (called in between, after the
// lock is looked at and before it is moved aside) plays the other process once.
const race = vi.hoisted(() => ({
	during: undefined as (() => void) | undefined,
}));
vi.mock('../../../source/core/registry/liveness.js', async (importOriginal) => {
	const original = await importOriginal<typeof liveness>();
	return {
		...original,
		probeProcess(pid: number, procStart?: number) {
			const {during} = race;
			race.during = undefined;
			if (during) {
				during();
				return {alive: false, reason: 'no such process'};
			}

			return original.probeProcess(pid, procStart);
		},
	};
});

let temporary: ReturnType<typeof makeTemporaryFolder>;
let lock: string;
beforeEach(() => {
	temporary = makeTemporaryFolder();
	lock = `${temporary.registryPath}.lock`;
});
afterEach(() => {
	race.during = undefined;
	vi.restoreAllMocks();
	temporary.cleanup();
});

test('a lock replaced by a new holder while the old one was judged dead is put back, not broken', () => {
	fs.writeFileSync(lock, JSON.stringify({pid: process.pid, token: 'old'}));
	const newHolder = {pid: process.pid, token: 'new'};
	race.during = () => {
		// The old holder released and a live one took the lock: a new file, a new inode.
		writeByRename(lock, JSON.stringify(newHolder));
	};

	expect(() =>
		withFileLockSync(temporary.registryPath, () => 'must not run', {
			timeoutMs: 200,
			staleMs: 600_000,
		}),
	).toThrow(/stayed locked for 200 ms \(held by pid \d+\)/);
	expect(JSON.parse(fs.readFileSync(lock, 'utf8'))).toEqual(newHolder);
	expect(fs.readdirSync(temporary.folder)).toEqual(['servers.json.lock']);
});

test('a lock released by its holder while being judged is simply taken', () => {
	fs.writeFileSync(lock, JSON.stringify({pid: process.pid, token: 'old'}));
	race.during = () => {
		fs.rmSync(lock);
	};

	expect(
		withFileLockSync(temporary.registryPath, () => 'ran', {
			timeoutMs: 5000,
			staleMs: 600_000,
		}),
	).toBe('ran');
	expect(fs.readdirSync(temporary.folder)).toEqual([]);
});

test('a file system that refuses hard links fails at once with its own error, leaving nothing behind', () => {
	const refusal = Object.assign(
		new Error('EPERM: operation not permitted, link'),
		{
			code: 'EPERM',
		},
	);
	vi.spyOn(fs, 'linkSync').mockImplementation(() => {
		throw refusal;
	});
	expect(() =>
		// Without the rethrow this would retry until the timeout and blame a holder.
		withFileLockSync(temporary.registryPath, () => 'must not run', {
			timeoutMs: 2000,
		}),
	).toThrow(refusal);
	expect(fs.readdirSync(temporary.folder)).toEqual([]);
});
