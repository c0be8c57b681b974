import type * as crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {afterEach, beforeEach, expect, test, vi} from 'vitest';
import {
	registerServer,
	updateRegistrySync,
} from '../../../source/core/registry/index.js';
import {registryLimits} from '../../../source/core/registry/bounds.js';
import {makeTemporaryFolder} from '../../helpers/temporary-registry.js';

// The temporary file of a rewrite has a random name; a test fixes the random bytes to plant a link
// at that name, as an attacker who guessed it would.
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

function servers(): unknown[] {
	return (
		JSON.parse(fs.readFileSync(temporary.registryPath, 'utf8')) as {
			servers: unknown[];
		}
	).servers;
}

function register(id: string) {
	return registerServer(
		{id, port: 1},
		{registryPath: temporary.registryPath, unregisterOnExit: false},
	);
}

test("a link planted at the rewrite's temporary name is never written through", () => {
	fixed.bytes = Buffer.from('01234567', 'hex');
	const victim = path.join(temporary.folder, 'victim');
	fs.writeFileSync(victim, 'precious');
	fs.symlinkSync(
		victim,
		`${temporary.registryPath}.tmp-${process.pid}-01234567`,
	);
	expect(() => register('ours')).toThrow(/EEXIST/);
	expect(fs.readFileSync(victim, 'utf8')).toBe('precious');
});
