import fs from 'node:fs';
import {afterEach, beforeEach, expect, test} from 'vitest';
import {exited, runCli, startCli} from '../helpers/processes.js';
import {
	makeTemporaryFolder,
	registryText,
} from '../helpers/temporary-registry.js';
import {waitFor} from '../helpers/wait-for.js';
import {startTestServer, type TestServer} from '../helpers/ws-servers.js';

let temporary: ReturnType<typeof makeTemporaryFolder>;
let server: TestServer | undefined;
beforeEach(() => {
	temporary = makeTemporaryFolder();
});
afterEach(async () => {
	await server?.close();
	temporary.cleanup();
});

type Line = Record<string, unknown>;

function lines(output: string): Line[] {
	return output
		.split('\n')
		.filter((line) => line.startsWith('{'))
		.map((line) => JSON.parse(line) as Line);
}

test('--json --show adds each JSON message its projection; other messages carry none', async () => {
	server = await startTestServer({
		onConnection(socket) {
			socket.send(JSON.stringify({type: 'tick', payload: {n: 3}}));
			socket.send(JSON.stringify({type: 'tock'}));
			socket.send('plain text');
			socket.send(JSON.stringify(['room', 'joined', {n: 7}]));
		},
	});
	fs.writeFileSync(
		temporary.registryPath,
		registryText([{id: 'alpha', port: server.port, pid: process.pid}]),
	);
	const child = startCli([
		'--json',
		'--show',
		'payload.n',
		'--registry',
		temporary.registryPath,
	]);
	try {
		const messages = () =>
			lines(child.output()).filter((line) => line.type === 'message');
		await waitFor(() => messages().length === 4, {
			what: 'four messages',
			timeoutMs: 8000,
		});
		expect(messages().map((line) => line.show)).toEqual([
			3,
			undefined,
			undefined,
			// A channel frame reads as {topic, event, payload}, as /filter reads it.
			7,
		]);
		expect(messages()[0]).toMatchObject({text: expect.any(String) as string});
	} finally {
		child.kill('SIGINT');
		await exited(child);
	}
});

test('a bad query is refused before anything starts, with the reason (exit 2)', async () => {
	const result = await runCli([
		'--json',
		'--show',
		'a.[',
		'--registry',
		temporary.registryPath,
	]);
	expect(result.code).toBe(2);
	expect(result.stderr).toMatch(/^shipyard-tui: --show: bad query "a\.\[": /);
	expect(result.stdout).toBe('');
});

test('--show is for the monitor only', async () => {
	const result = await runCli(['list', '--show', 'a']);
	expect(result.code).toBe(2);
	expect(result.stderr).toMatch(/--show does not apply to "list"/);
});
