import {spawn} from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import {type AddressInfo} from 'node:net';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, test} from 'vitest';
import {cliPath, collect, runCli} from '../helpers/processes.js';
import {assertTerminalSafe} from '../helpers/hostile-text.js';
import {
	makeTemporaryFolder,
	registryText,
} from '../helpers/temporary-registry.js';
import {waitFor} from '../helpers/wait-for.js';
import {startTestServer} from '../helpers/ws-servers.js';

/*
Piped into a terminal, raw U+009B (8-bit CSI) and U+009D (OSC) act as escape sequences, U+202E
reverses what follows and U+2028 breaks lines in JavaScript and editors. JSON.stringify leaves all
of them raw; every JSON output must escape them, and still carry the same value.
*/
const hostile = '\u009B6n\u009D0;pwned\u009C\u202Eexe.txt\u2028\u2029\u2066';
const secrets = {
	token: 'tok-SECRET-1',
	password: 'pw-SECRET-2',
	apiKey: 'key-SECRET-3',
	client_secret: 'cs-SECRET-4',
};

let temporary: ReturnType<typeof makeTemporaryFolder>;
const cleanups: Array<() => Promise<void>> = [];
beforeEach(() => {
	temporary = makeTemporaryFolder();
});
afterEach(async () => {
	for (const cleanup of cleanups.splice(0)) {
		// eslint-disable-next-line no-await-in-loop
		await cleanup();
	}

	temporary.cleanup();
});

/** Every line is JSON, holds nothing raw that a terminal acts on, and no secret. */
function parseSafeLines(stdout: string): Array<Record<string, unknown>> {
	expect(stdout).not.toBe('');
	const lines = stdout
		.trimEnd()
		.split('\n')
		.map((line) => {
			assertTerminalSafe(line);
			return JSON.parse(line) as Record<string, unknown>;
		});
	for (const value of Object.values(secrets)) {
		expect(stdout).not.toContain(value);
	}

	return lines;
}

/**
An HTTP server that refuses every WebSocket upgrade with `403` and a reason phrase of raw bytes:
C1 controls and the UTF-8 of U+202E and U+2028, which an HTTP client reads as Latin-1 (C1 again).
*/
async function startRefuser(): Promise<number> {
	const server = http.createServer();
	server.on('upgrade', (_request, socket) => {
		socket.end(
			Buffer.concat([
				Buffer.from('HTTP/1.1 403 No '),
				Buffer.from([0x9b, 0x36, 0x6e, 0x9d]),
				Buffer.from('\u202E\u2028', 'utf8'),
				Buffer.from(' way\r\nConnection: close\r\nContent-Length: 0\r\n\r\n'),
			]),
		);
	});
	await new Promise<void>((resolve) => {
		server.listen(0, '127.0.0.1', resolve);
	});
	cleanups.push(async () => {
		server.closeAllConnections();
		await new Promise((resolve) => {
			server.close(resolve);
		});
	});
	return (server.address() as AddressInfo).port;
}

const hostileEntry = (extra: Record<string, unknown> = {}) => ({
	id: `id${hostile}`,
	port: 1,
	pid: 2_147_483_000,
	name: `name${hostile}`,
	meta: {
		note: `meta${hostile}`,
		password: secrets.password,
		deeper: {apiKey: secrets.apiKey},
	},
	token: secrets.token,
	client_secret: secrets.client_secret,
	...extra,
});

describe('JSON output escapes C1, bidi and separator characters and redacts secrets', () => {
	test('list --json, with the registry in a folder whose name is hostile too', async () => {
		const folder = path.join(temporary.folder, `dir${hostile}`);
		fs.mkdirSync(folder);
		const registryPath = path.join(folder, 'servers.json');
		fs.writeFileSync(registryPath, registryText([hostileEntry()]));
		const result = await runCli(['list', '--json', '--registry', registryPath]);
		expect(result.code).toBe(0);
		const [report] = parseSafeLines(result.stdout);
		expect(report).toMatchObject({
			registry: registryPath,
			servers: [
				{
					id: `id${hostile}`,
					name: `name${hostile}`,
					meta: {
						note: `meta${hostile}`,
						password: '<redacted>',
						deeper: {apiKey: '<redacted>'},
					},
					token: '<redacted>',
					client_secret: '<redacted>',
					status: 'stale',
				},
			],
		});
	});

	test('list --json redacts secret-named keys in meta and unknown fields, at any depth', async () => {
		fs.writeFileSync(
			temporary.registryPath,
			registryText([
				{
					id: 'plain',
					port: 1,
					pid: 2_147_483_000,
					meta: {owner: 'ana', db: [{password: secrets.password}]},
					apiKey: secrets.apiKey,
				},
			]),
		);
		const result = await runCli([
			'list',
			'--json',
			'--registry',
			temporary.registryPath,
		]);
		expect(result.stdout).not.toContain('SECRET');
		expect(JSON.parse(result.stdout)).toMatchObject({
			servers: [
				{
					meta: {owner: 'ana', db: [{password: '<redacted>'}]},
					apiKey: '<redacted>',
				},
			],
		});
	});

	test('prune --json', async () => {
		fs.writeFileSync(temporary.registryPath, registryText([hostileEntry()]));
		const result = await runCli([
			'prune',
			'--json',
			'--registry',
			temporary.registryPath,
		]);
		expect(result.code).toBe(0);
		const [report] = parseSafeLines(result.stdout);
		expect(report).toMatchObject({pruned: [{id: `id${hostile}`}]});
	});

	test('send --json, with the HTTP status text of a refused upgrade', async () => {
		const port = await startRefuser();
		fs.writeFileSync(
			temporary.registryPath,
			registryText([hostileEntry({port, pid: process.pid, token: undefined})]),
		);
		const result = await runCli([
			'send',
			'hi',
			'--json',
			'--wait',
			'0',
			'--registry',
			temporary.registryPath,
		]);
		expect(result.code).toBe(1);
		const [report] = parseSafeLines(result.stdout);
		expect(report).toEqual({
			deliveries: [
				{
					id: `id${hostile}`,
					delivered: false,
					reason: expect.stringContaining(
						'HTTP 403: No \u009B6n\u009D\u00E2\u0080\u00AE\u00E2\u0080\u00A8 way',
					) as unknown,
				},
			],
			replies: [],
		});
	});

	test('the --json stream, with close reasons and HTTP status text from servers', async () => {
		const refuserPort = await startRefuser();
		const closer = await startTestServer({
			onConnection(socket) {
				socket.close(4000, `bye${hostile}`);
			},
		});
		cleanups.push(async () => closer.close());
		fs.writeFileSync(
			temporary.registryPath,
			registryText([
				hostileEntry({port: refuserPort, pid: process.pid, token: undefined}),
				hostileEntry({
					id: `closer${hostile}`,
					port: closer.port,
					pid: process.pid,
					token: undefined,
				}),
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
				output.includes('"httpStatus":403') &&
				output.includes('"lastClose":{"code":4000'),
			{what: 'the refusal and the close in the stream'},
		);
		monitor.kill('SIGINT');
		const {code, stdout} = await result;
		expect(code).toBe(0);
		const events = parseSafeLines(stdout);
		expect(events[0]).toMatchObject({
			type: 'registry',
			servers: [
				{
					id: `id${hostile}`,
					meta: {note: `meta${hostile}`, password: '<redacted>'},
				},
				{id: `closer${hostile}`, client_secret: '<redacted>'},
			],
		});
		expect(events).toContainEqual(
			expect.objectContaining({
				type: 'state',
				server: `id${hostile}`,
				httpStatus: 403,
				error: 'No \u009B6n\u009D\u00E2\u0080\u00AE\u00E2\u0080\u00A8 way',
			}),
		);
		expect(events).toContainEqual(
			expect.objectContaining({
				type: 'state',
				server: `closer${hostile}`,
				lastClose: expect.objectContaining({
					code: 4000,
					reason: `bye${hostile}`,
				}) as unknown,
			}),
		);
		// The system lines carry the same server words as fields, escaped the same way.
		expect(events).toContainEqual(
			expect.objectContaining({
				type: 'system',
				server: `closer${hostile}`,
				event: 'closed',
				code: 4000,
				reason: `bye${hostile}`,
			}),
		);
		expect(events).toContainEqual(
			expect.objectContaining({
				type: 'system',
				server: `id${hostile}`,
				event: 'rejected',
				status: 403,
				statusText: 'No \u009B6n\u009D\u00E2\u0080\u00AE\u00E2\u0080\u00A8 way',
			}),
		);
	});
});
