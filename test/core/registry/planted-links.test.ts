import type * as crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {afterEach, beforeEach, expect, test, vi} from 'vitest';
import {registerServer} from '../../../source/core/registry/index.js';
import {withFileLockSync} from '../../../source/core/registry/lock.js';
import {makeTemporaryFolder} from '../../helpers/temporary-registry.js';

// The lock's and a rewrite's temporary files have random names; a test fixes the random bytes to
// plant a link at such a name, as an attacker who guessed it would.
const fixed = vi.hoisted(() => ({bytes: undefined as Buffer | undefined}));
vi.mock('node:crypto', async (importOriginal) => {
	const original = await importOriginal<typeof crypto>();
	return {
		...original,
		randomBytes: (size: number) =>
			fixed.bytes?.subarray(0, size) ?? original.randomBytes(size),
	};
});

let temporary: ReturnType<typeof makeTemporaryFolder>;
beforeEach(() => {
	temporary = makeTemporaryFolder();
});
afterEach(() => {
	fixed.bytes = undefined;
	temporary.cleanup();
});

test("a link planted at the lock's temporary name is never written through", () => {
	fixed.bytes = Buffer.from('0123456789abcdef', 'hex');
	const victim = path.join(temporary.folder, 'victim');
	fs.writeFileSync(victim, 'precious');
	const candidate = `${temporary.registryPath}.lock.${process.pid}.0123456789abcdef`;
	fs.symlinkSync(victim, candidate);
	expect(() =>
		withFileLockSync(temporary.registryPath, () => 'must not run'),
	).toThrow(/EEXIST/);
	expect(fs.readFileSync(victim, 'utf8')).toBe('precious');
	expect(fs.existsSync(`${temporary.registryPath}.lock`)).toBe(false);
});

test("a link planted at the rewrite's temporary name is never written through", () => {
	fixed.bytes = Buffer.from('01234567', 'hex');
	const victim = path.join(temporary.folder, 'victim');
	fs.writeFileSync(victim, 'precious');
	fs.symlinkSync(
		victim,
		`${temporary.registryPath}.tmp-${process.pid}-01234567`,
	);
	expect(() =>
		registerServer(
			{id: 'ours', port: 1},
			{registryPath: temporary.registryPath, unregisterOnExit: false},
		),
	).toThrow(/EEXIST/);
	expect(fs.readFileSync(victim, 'utf8')).toBe('precious');
});
