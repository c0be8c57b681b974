import {spawn} from 'node:child_process';
import fs from 'node:fs';
import {Writable} from 'node:stream';
import {afterEach, beforeEach, expect, test} from 'vitest';
import {runJsonStream} from '../../source/commands/json-stream.js';
import {createConnectionPool} from '../../source/core/connections/pool.js';
import {cliPath, collect} from '../helpers/processes.js';
import {
	makeTemporaryFolder,
	registryText,
} from '../helpers/temporary-registry.js';
import {waitFor} from '../helpers/wait-for.js';

let temporary: ReturnType<typeof makeTemporaryFolder>;
beforeEach(() => {
	temporary = makeTemporaryFolder();
});
afterEach(() => {
	temporary.cleanup();
});

/**
A registry whose first `registry` event is well over 64 KiB (the pipe's capacity), made of stale
entries (no process), so nothing connects: many modest entries rather than one huge field, so
it stays within any per-entry bound.
*/
function writeLargeRegistry(): void {
	const servers = Array.from({length: 200}, (_, index) => ({
		id: `server-${index}-${'i'.repeat(120)}`,
		port: 1,
		pid: 2_147_483_000 - index,
		name: `name ${index} ${'n'.repeat(150)}`,
		meta: {note: 'm'.repeat(300)},
	}));
	fs.writeFileSync(temporary.registryPath, registryText(servers));
}

test('--json survives a first event that fills the pipe while the reader is slow', async () => {
	writeLargeRegistry();
	const child = spawn(
		process.execPath,
		[cliPath, '--json', '--registry', temporary.registryPath],
		{stdio: ['ignore', 'pipe', 'pipe']},
	);
	let stderr = '';
	child.stderr.on('data', (chunk: Buffer) => {
		stderr += chunk.toString();
	});
	// Not reading yet: the child's first write blocks on the full pipe, then returns `false`.
	await waitFor(() => child.stdout.readableLength > 0, {
		what: 'the first bytes in the pipe',
	});
	const result = collect(child, 20_000);
	let output = '';
	child.stdout.on('data', (chunk: Buffer) => {
		output += chunk.toString();
	});
	// Before the fix the child died here ("Cannot access 'store' before initialization").
	await waitFor(
		() => output.includes('"type":"state"') || child.exitCode !== null,
		{what: 'state events after the first registry event', timeoutMs: 10_000},
	);
	child.kill('SIGINT');
	const {code} = await result;
	expect(stderr).not.toContain('before initialization');
	expect(code).toBe(0);
	const [first] = output.split('\n');
	expect(first!.length).toBeGreaterThan(64 * 1024);
	expect(JSON.parse(first!)).toMatchObject({type: 'registry'});
});

test('a hold from the first write is handed to the store once it exists', async () => {
	writeLargeRegistry();
	// A reader that takes nothing until released: the very first write answers `false`.
	const pending: Array<() => void> = [];
	const chunks: string[] = [];
	const stdout = new Writable({
		highWaterMark: 16 * 1024,
		write(chunk: Buffer, _encoding, callback) {
			chunks.push(chunk.toString());
			pending.push(callback);
		},
	});
	const calls: string[] = [];
	let stop!: () => void;
	const until = new Promise<void>((resolve) => {
		stop = resolve;
	});
	const stream = runJsonStream({
		registryPath: temporary.registryPath,
		stdout,
		until,
		createPool(options) {
			const pool = createConnectionPool(options);
			const {pause, resume} = pool;
			pool.pause = () => {
				calls.push('pause');
				pause();
			};

			pool.resume = () => {
				calls.push('resume');
				resume();
			};

			return pool;
		},
	});
	await waitFor(() => pending.length > 0, {what: 'the first write'});
	expect(calls).toEqual(['pause']);
	// The reader catches up: the hold is lifted.
	for (let round = 0; round < 1000 && pending.length > 0; round++) {
		pending.shift()!();
		// eslint-disable-next-line no-await-in-loop
		await new Promise((resolve) => {
			setImmediate(resolve);
		});
	}

	await waitFor(() => calls.includes('resume'), {what: 'the hold lifted'});
	stop();
	expect(await stream).toBe(0);
	expect(JSON.parse(chunks[0]!)).toMatchObject({type: 'registry'});
});
