import {spawn} from 'node:child_process';
import fs from 'node:fs';
import {afterEach, beforeEach, describe, expect, test} from 'vitest';
import {
	cliPath,
	collect,
	runCli,
	serveProcesses,
} from '../helpers/processes.js';
import {
	makeTemporaryFolder,
	registryText,
} from '../helpers/temporary-registry.js';
import {waitFor} from '../helpers/wait-for.js';
import {startTestServer} from '../helpers/ws-servers.js';

let temporary: ReturnType<typeof makeTemporaryFolder>;
const servers = serveProcesses(() => temporary.registryPath);
const cleanups: Array<() => Promise<void>> = [];
beforeEach(() => {
	temporary = makeTemporaryFolder();
});
afterEach(async () => {
	servers.stopAll();
	for (const cleanup of cleanups.splice(0)) {
		// eslint-disable-next-line no-await-in-loop
		await cleanup();
	}

	temporary.cleanup();
});

describe('send', () => {
	test('to three echo servers: three deliveries and three echoes', async () => {
		await Promise.all(
			['one', 'two', 'three'].map(async (id) => servers.start(id)),
		);
		const result = await runCli([
			'send',
			'hello there',
			'--registry',
			temporary.registryPath,
		]);
		expect(result.code).toBe(0);
		for (const id of ['one', 'two', 'three']) {
			expect(result.stdout).toMatch(
				new RegExp(String.raw`^✓ ${id}\s+delivered \(11 bytes\)$`, 'm'),
			);
			expect(result.stdout).toMatch(
				new RegExp(String.raw`^← ${id}\s+\[${id}\] Echo: hello there$`, 'm'),
			);
		}
	});

	test('--to sends to one server only, and --json reports it as JSON', async () => {
		await servers.start('one');
		await servers.start('two');
		const result = await runCli([
			'send',
			'hi',
			'--to',
			'two',
			'--json',
			'--registry',
			temporary.registryPath,
		]);
		expect(result.code).toBe(0);
		const report = JSON.parse(result.stdout) as {
			deliveries: Array<{id: string; delivered: boolean}>;
			replies: Array<{server: string; text: string}>;
		};
		expect(report.deliveries).toEqual([{id: 'two', delivered: true, bytes: 2}]);
		expect(report.replies).toEqual([{server: 'two', text: '[two] Echo: hi'}]);
	});

	test('with nobody connected it exits non-zero and says why', async () => {
		fs.writeFileSync(
			temporary.registryPath,
			registryText([{id: 'ghost', port: 1, pid: 2_147_483_000}]),
		);
		const result = await runCli([
			'send',
			'anyone?',
			'--registry',
			temporary.registryPath,
		]);
		expect(result.code).toBe(1);
		expect(result.stdout).toMatch(
			/^✗ ghost\s+not connected \(stale: pid gone\)$/m,
		);
		expect(result.stderr).toContain(
			'nobody received it (1 registered, none connected)',
		);
	});

	test('with an empty registry it exits non-zero and says so', async () => {
		const result = await runCli([
			'send',
			'anyone?',
			'--registry',
			temporary.registryPath,
		]);
		expect(result.code).toBe(1);
		expect(result.stderr).toMatch(/no servers in .*; nothing was sent/);
	});
});

describe('--json', () => {
	test('streams NDJSON (also when stdout is not a terminal) that parses line by line', async () => {
		const greeter = await startTestServer({
			onConnection(socket) {
				socket.send('hello \u001B]0;title\u0007');
			},
		});
		cleanups.push(async () => greeter.close());
		fs.writeFileSync(
			temporary.registryPath,
			registryText([{id: 'greeter', port: greeter.port, pid: process.pid}]),
		);
		fs.mkdirSync(`${temporary.folder}/servers.d`);
		fs.writeFileSync(
			`${temporary.folder}/servers.d/broken.json`,
			'{"id": "broken", "port": ',
		);
		// No --json flag: stdout is a pipe, so the monitor streams NDJSON by itself.
		const monitor = spawn(
			process.execPath,
			[cliPath, '--registry', temporary.registryPath],
			{stdio: ['ignore', 'pipe', 'pipe']},
		);
		const result = collect(monitor, 20_000);
		let output = '';
		monitor.stdout.on('data', (chunk: Buffer) => {
			output += chunk.toString();
		});
		await waitFor(() => output.includes('"type":"message"'), {
			what: 'the greeting in the stream',
		});
		await waitFor(() => output.includes('"type":"state"'), {
			what: 'a state event',
		});
		monitor.kill('SIGINT');
		const {code, stdout} = await result;
		expect(code).toBe(0);
		const events = stdout
			.trimEnd()
			.split('\n')
			.map((line) => JSON.parse(line) as Record<string, unknown>);
		const types = new Set(events.map((event) => event.type));
		expect(types).toEqual(new Set(['registry', 'system', 'state', 'message']));
		expect(events).toContainEqual(
			expect.objectContaining({
				type: 'message',
				server: 'greeter',
				direction: 'in',
				kind: 'text',
				text: 'hello ␛]0;title␇',
			}),
		);
		expect(stdout).not.toContain('\u001B');
		expect(events).toContainEqual(
			expect.objectContaining({
				type: 'system',
				event: 'warning',
				text: expect.stringMatching(/broken\.json: invalid JSON/),
			}),
		);
	});

	test('connection events carry their fields beside the words (issue 10, item 4)', async () => {
		const guarded = await startTestServer({verifyClient: () => false});
		const full = await startTestServer({
			onConnection(socket) {
				socket.close(1008, 'Server at maximum capacity');
			},
		});
		cleanups.push(
			async () => guarded.close(),
			async () => full.close(),
		);
		fs.writeFileSync(
			temporary.registryPath,
			registryText([
				{id: 'guarded', port: guarded.port, pid: process.pid},
				{id: 'full', port: full.port, pid: process.pid},
			]),
		);
		const monitor = spawn(
			process.execPath,
			[cliPath, '--json', '--registry', temporary.registryPath],
			{stdio: ['ignore', 'pipe', 'pipe']},
		);
		const result = collect(monitor, 20_000);
		let output = '';
		monitor.stdout.on('data', (chunk: Buffer) => {
			output += chunk.toString();
		});
		await waitFor(
			() =>
				output.includes('"event":"rejected"') &&
				output.includes('"event":"closed"'),
			{what: 'the refusal and the close in the stream'},
		);
		monitor.kill('SIGINT');
		const {stdout} = await result;
		const events = stdout
			.trimEnd()
			.split('\n')
			.map((line) => JSON.parse(line) as Record<string, unknown>);
		expect(events).toContainEqual({
			type: 'system',
			time: expect.any(String),
			server: 'guarded',
			event: 'rejected',
			status: 401,
			statusText: 'Unauthorized',
			text: 'rejected: HTTP 401 Unauthorized (check the token in the registry)',
		});
		expect(events).toContainEqual({
			type: 'system',
			time: expect.any(String),
			server: 'full',
			event: 'closed',
			code: 1008,
			reason: 'Server at maximum capacity',
			reconnecting: true,
			text: 'closed 1008 policy violation: Server at maximum capacity · reconnecting',
		});
		expect(events).toContainEqual(
			expect.objectContaining({
				type: 'system',
				server: 'full',
				event: 'added',
				text: 'added to the registry',
			}),
		);
	});
});
