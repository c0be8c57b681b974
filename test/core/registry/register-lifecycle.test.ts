import fs from 'node:fs';
import {afterEach, beforeEach, expect, test, vi} from 'vitest';
import {
	registerServer,
	updateRegistrySync,
} from '../../../source/core/registry/index.js';
import {registryLimits} from '../../../source/core/registry/bounds.js';
import {makeTemporaryFolder} from '../../helpers/temporary-registry.js';

let temporary: ReturnType<typeof makeTemporaryFolder>;
beforeEach(() => {
	temporary = makeTemporaryFolder();
});
afterEach(() => {
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

test('an old registration unregistered twice never removes the new registration of the same id and pid', () => {
	const first = register('restarted');
	first.unregister();
	register('restarted');
	first.unregister();
	expect(servers()).toEqual([
		expect.objectContaining({id: 'restarted', pid: process.pid}),
	]);
});

test('a signal nobody else handles unregisters, then ends the process as the signal would have', () => {
	const others = process.listeners('SIGTERM');
	process.removeAllListeners('SIGTERM');
	// Caught, so that the re-raise is seen instead of ending the test process.
	const kill = vi.spyOn(process, 'kill').mockImplementation(() => true);
	try {
		registerServer(
			{id: 'signalled', port: 1},
			{registryPath: temporary.registryPath},
		);
		const ours = process.listeners('SIGTERM');
		expect(ours).toHaveLength(1);
		// What `process.once` does before calling the listener.
		process.off('SIGTERM', ours[0]!);
		ours[0]!('SIGTERM');
		expect(servers()).toEqual([]);
		expect(kill).toHaveBeenCalledWith(process.pid, 'SIGTERM');
	} finally {
		kill.mockRestore();
		process.removeAllListeners('SIGTERM');
		for (const listener of others) {
			process.on('SIGTERM', listener);
		}
	}
});

test("another writer's oversized field is cut to the reader's bound when we rewrite the file", () => {
	const huge = 'x'.repeat(registryLimits.maxEntryBytes + 10);
	fs.writeFileSync(
		temporary.registryPath,
		JSON.stringify({
			servers: [{id: 'theirs', port: 2, pid: 1, note: huge, keep: 'small'}],
		}),
	);
	register('ours');
	expect(servers()).toEqual([
		{id: 'theirs', port: 2, pid: 1, keep: 'small'},
		expect.objectContaining({id: 'ours'}),
	]);
});

test('a field nested as deep as a reader keeps survives a rewrite whole; one level deeper, only that field goes', () => {
	const nested = (depth: number): string =>
		`${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
	const deepest = nested(registryLimits.maxDepth);
	fs.writeFileSync(
		temporary.registryPath,
		`{"servers":[{"id":"deep-ok","deep":${deepest}},{"id":"too-deep","deep":${nested(registryLimits.maxDepth + 1)}}]}`,
	);
	updateRegistrySync((list) => list, {registryPath: temporary.registryPath});
	expect(servers()).toEqual([
		{id: 'deep-ok', deep: JSON.parse(deepest) as unknown},
		{id: 'too-deep'},
	]);
});

test("another writer's entry that is not an object, nested deeper than a reader keeps, is dropped on rewrite", () => {
	// Fields of object entries are bounded one by one; an array entry can only be kept or dropped.
	const deep = `${'['.repeat(registryLimits.maxDepth + 5)}1${']'.repeat(registryLimits.maxDepth + 5)}`;
	fs.writeFileSync(temporary.registryPath, `{"servers":[${deep},[1]]}`);
	register('ours');
	expect(servers()).toEqual([[1], expect.objectContaining({id: 'ours'})]);
});
