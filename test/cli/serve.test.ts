import fs from 'node:fs';
import path from 'node:path';
import {spawn} from 'node:child_process';
import {afterEach, beforeEach, describe, expect, test} from 'vitest';
import WebSocket from 'ws';
import {rawDataToBuffer} from '../../source/core/raw-data.js';
import {readRegistry} from '../../source/core/registry/read.js';
import {
	cliPath,
	collect,
	exited,
	runCli,
	startCli,
} from '../helpers/processes.js';
import {makeTemporaryFolder} from '../helpers/temporary-registry.js';
import {waitFor} from '../helpers/wait-for.js';

let temporary: ReturnType<typeof makeTemporaryFolder>;
let child: ReturnType<typeof startCli> | undefined;
beforeEach(() => {
	temporary = makeTemporaryFolder();
});
afterEach(() => {
	child?.kill('SIGKILL');
	child = undefined;
	temporary.cleanup();
});

async function echoOnce(url: string, text: string): Promise<string> {
	const socket = new WebSocket(url);
	try {
		await new Promise((resolve, reject) => {
			socket.once('open', resolve);
			socket.once('error', reject);
		});
		const reply = new Promise<string>((resolve) => {
			socket.once('message', (data) => {
				resolve(rawDataToBuffer(data).toString());
			});
		});
		socket.send(text);
		return await reply;
	} finally {
		socket.close();
	}
}

test.each(['SIGINT', 'SIGTERM'] as const)(
	'serve registers on loopback, echoes, and unregisters on %s',
	async (signal) => {
		child = startCli([
			'serve',
			'--id',
			'echo-1',
			'--path',
			'/ws',
			'--registry',
			temporary.registryPath,
		]);
		await waitFor(() => child!.output().includes('WebSocket echo server'), {
			what: 'serve to listen',
		});
		const [server] = readRegistry(temporary.registryPath).servers;
		expect(server).toMatchObject({
			id: 'echo-1',
			host: '127.0.0.1',
			path: '/ws',
			pid: child.pid,
		});
		expect(await echoOnce(`ws://127.0.0.1:${server!.port}/ws`, 'hello')).toBe(
			'[echo-1] Echo: hello',
		);

		child.kill(signal);
		await exited(child);
		expect(readRegistry(temporary.registryPath).servers).toEqual([]);
	},
);

test('serve on a port already in use says so and exits 1', async () => {
	child = startCli([
		'serve',
		'--id',
		'first',
		'--registry',
		temporary.registryPath,
	]);
	await waitFor(() => child!.output().includes('WebSocket echo server'), {
		what: 'serve to listen',
	});
	const {port} = readRegistry(temporary.registryPath).servers[0]!;
	const second = await runCli([
		'serve',
		'--id',
		'second',
		'--port',
		String(port),
		'--registry',
		temporary.registryPath,
	]);
	expect(second.code).toBe(1);
	expect(second.stderr).toMatch(
		new RegExp(String.raw`cannot listen on 127\.0\.0\.1:${port}: .*EADDRINUSE`),
	);
	expect(
		readRegistry(temporary.registryPath).servers.map((server) => server.id),
	).toEqual(['first']);
});

test('serve --path without a leading slash says what is wrong before binding, exit 2 (issue 9, item 10)', async () => {
	const result = await runCli([
		'serve',
		'--path',
		'ws',
		'--registry',
		temporary.registryPath,
	]);
	expect(result.code).toBe(2);
	expect(result.stdout).toBe('');
	expect(result.stderr.split('\n')[0]).toBe(
		'shipyard-tui serve: --path must start with "/", got "ws"',
	);
	expect(result.stderr).not.toMatch(/ZodError|^\s+at /m);
	expect(fs.existsSync(temporary.registryPath)).toBe(false);
});

test.each([
	['--host', 'my host'],
	['--host', '127.0.0.1:8080'],
	['--path', '/#x'],
	['--id', ''],
])('serve %s %j is refused before binding, exit 2', async (flag, value) => {
	const result = await runCli([
		'serve',
		flag,
		value,
		'--registry',
		temporary.registryPath,
	]);
	expect(result.code).toBe(2);
	expect(result.stderr).toMatch(
		new RegExp(String.raw`^shipyard-tui serve: ${flag} \S.*, got `),
	);
	expect(fs.existsSync(temporary.registryPath)).toBe(false);
});

test('serve --host on a non-loopback address warns that other machines can connect', async () => {
	// 192.0.2.1 (TEST-NET-1) is on no interface here: the warning comes, then the bind fails, so the
	// test never listens on the network.
	const result = await runCli([
		'serve',
		'--host',
		'192.0.2.1',
		'--registry',
		temporary.registryPath,
	]);
	expect(result.stderr).toContain(
		'shipyard-tui serve: warning: --host 192.0.2.1 is not a loopback address: other machines may connect to this echo server',
	);
	expect(result.code).toBe(1);
	expect(result.stderr).toMatch(
		/cannot listen on 192\.0\.2\.1:0: .*EADDRNOTAVAIL/,
	);
});

test('serve into a registry it cannot create prints one clear line and exits 1 (issue 15, item 10)', async () => {
	// As root, EACCES cannot be provoked; a registry whose parent is a file fails the same code path
	// (ENOTDIR from the folder or lock creation).
	const blocker = path.join(temporary.folder, 'a-file');
	fs.writeFileSync(blocker, '');
	const registryPath = path.join(blocker, 'sub', 'servers.json');
	const result = await runCli([
		'serve',
		'--id',
		'x',
		'--registry',
		registryPath,
	]);
	expect(result.code).toBe(1);
	expect(result.stderr).toBe(
		`shipyard-tui serve: cannot register in ${registryPath}: part of the path is a file, not a folder\n`,
	);
	expect(result.stdout).toBe('');
});

test.runIf(process.getuid?.() === 0)(
	'serve as a user who may not write the registry folder prints one clear line and exits 1 (issue 15, item 10)',
	async () => {
		// Tests run as root, who may write anywhere: run the CLI as "nobody" to get a real EACCES.
		fs.chmodSync(temporary.folder, 0o755);
		const readOnly = path.join(temporary.folder, 'read-only');
		fs.mkdirSync(readOnly, {mode: 0o755});
		const registryPath = path.join(readOnly, 'servers.json');
		const result = await collect(
			spawn(
				process.execPath,
				[cliPath, 'serve', '--id', 'x', '--registry', registryPath],
				{uid: 65_534, gid: 65_534, stdio: ['ignore', 'pipe', 'pipe']},
			),
			15_000,
		);
		expect(result.stderr).toBe(
			`shipyard-tui serve: cannot register in ${registryPath}: permission denied (choose a folder you can write with --registry or SHIPYARD_REGISTRY)\n`,
		);
		expect(result.code).toBe(1);
	},
);

test('serve warns when others can write the registry folder (issue 9, item 4)', async () => {
	fs.chmodSync(temporary.folder, 0o777);
	child = startCli([
		'serve',
		'--id',
		'w',
		'--registry',
		temporary.registryPath,
	]);
	await waitFor(() => child!.output().includes('WebSocket echo server'), {
		what: 'serve to listen',
	});
	expect(child.output()).toMatch(
		/shipyard-tui serve: warning: .*: registry folder is writable by group and others \(mode 777\)/,
	);
});

describe('the echo server and browsers (issue 9, item 10)', () => {
	async function handshake(
		url: string,
		options: WebSocket.ClientOptions,
	): Promise<{status: number; extensions?: string}> {
		const socket = new WebSocket(url, options);
		try {
			return await new Promise((resolve, reject) => {
				socket.once('open', () => {
					resolve({status: 101, extensions: socket.extensions});
				});
				socket.once('unexpected-response', (_request, response) => {
					resolve({status: response.statusCode ?? 0});
				});
				socket.once('error', reject);
			});
		} finally {
			socket.terminate();
		}
	}

	test('refuses a cross-site Origin with 403, lets loopback origins and clients without Origin in, and never deflates', async () => {
		child = startCli([
			'serve',
			'--id',
			'o',
			'--registry',
			temporary.registryPath,
		]);
		await waitFor(() => child!.output().includes('WebSocket echo server'), {
			what: 'serve to listen',
		});
		const {port} = readRegistry(temporary.registryPath).servers[0]!;
		const url = `ws://127.0.0.1:${port}/`;
		expect(await handshake(url, {origin: 'https://evil.example'})).toEqual({
			status: 403,
		});
		expect(await handshake(url, {origin: 'null'})).toEqual({status: 403});
		expect(
			await handshake(url, {origin: `http://localhost:${port + 1}`}),
		).toMatchObject({status: 101});
		// A client that asks for permessage-deflate gets a plain connection.
		expect(await handshake(url, {perMessageDeflate: true})).toEqual({
			status: 101,
			extensions: '',
		});
	});
});
