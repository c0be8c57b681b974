import net from 'node:net';
import {describe, expect, test} from 'vitest';
import {redisServerForFile} from '../helpers/redis-server.js';
import {exited, runCli, startCli} from '../helpers/processes.js';
import {waitFor} from '../helpers/wait-for.js';

const redisServer = redisServerForFile();

describe('--registry redis://… on the command line', () => {
	test('serve registers in Redis; list and send find it; a stopped serve is gone', async () => {
		const registry = `${redisServer().url}/0?prefix=cli`;
		const serve = startCli(['serve', '--id', 'api', '--registry', registry]);
		try {
			await waitFor(() => serve.output().includes('registered in redis://'), {
				what: `serve to register (${serve.output()})`,
			});
			const listed = await runCli(['list', '--json', '--registry', registry]);
			expect(listed.code).toBe(0);
			const list = JSON.parse(listed.stdout) as {
				registry: string;
				servers: Array<{id: string; status: string; hostId?: string}>;
			};
			expect(list.registry).toBe(`${redisServer().url}/0?prefix=cli`);
			expect(list.servers).toEqual([
				expect.objectContaining({
					id: 'api',
					status: 'alive',
					hostId: expect.any(String),
				}),
			]);
			const sent = await runCli(['send', 'hello', '--registry', registry]);
			expect(sent.code).toBe(0);
			expect(sent.stdout).toMatch(/api\s+delivered/);
		} finally {
			serve.kill('SIGTERM');
			await exited(serve);
		}

		const after = await runCli(['list', '--json', '--registry', registry]);
		expect(JSON.parse(after.stdout)).toMatchObject({servers: []});
	});

	test('an unreachable Redis: list says so and exits 1; a bad URL exits 2 before anything', async () => {
		const port = await closedPort();
		const list = await runCli([
			'list',
			'--registry',
			`redis://127.0.0.1:${port}`,
		]);
		expect(list.code).toBe(1);
		expect(list.stderr).toContain(
			`redis://127.0.0.1:${port}/0 did not answer (connection refused)`,
		);

		const bad = await runCli(['list', '--registry', 'redis://h:1/?prefix=*']);
		expect(bad.code).toBe(2);
		expect(bad.stderr).toContain(
			'--registry: redis registry URL: prefix must be',
		);

		const prune = await runCli(['prune', '--registry', redisServer().url]);
		expect(prune.code).toBe(2);
		expect(prune.stderr).toContain(
			'entries in a team registry end with their lease',
		);
	}, 20_000);
});

/** A loopback port that was free a moment ago, and has nothing listening now. */
async function closedPort(): Promise<number> {
	const server = net.createServer();
	await new Promise<void>((resolve) => {
		server.listen(0, '127.0.0.1', resolve);
	});
	const {port} = server.address() as net.AddressInfo;
	await new Promise<void>((resolve) => {
		server.close(() => {
			resolve();
		});
	});
	return port;
}
