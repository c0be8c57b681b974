import {afterEach, beforeEach, expect, test} from 'vitest';
import WebSocket from 'ws';
import {rawDataToBuffer} from '../../source/core/raw-data.js';
import {readRegistry} from '../../source/core/registry/read.js';
import {exited, runCli, startCli} from '../helpers/processes.js';
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
