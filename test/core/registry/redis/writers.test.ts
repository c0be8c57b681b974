import {spawn, type ChildProcess} from 'node:child_process';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterAll, describe, expect, test} from 'vitest';
import {parseRegistryUrl} from '../../../../source/core/registry/location.js';
import {watchRedisRegistry} from '../../../../source/core/registry/redis/watch-redis.js';
import {redisServerForFile} from '../../../helpers/redis-server.js';
import {waitFor} from '../../../helpers/wait-for.js';

const library = path.resolve(
	path.dirname(fileURLToPath(import.meta.url)),
	'../../../../dist/core/registry/index.js',
);

// One writer process: registers `count` servers through the public library, says "ready", waits.
const writerScript = String.raw`
const {registerServer} = await import(process.env.LIBRARY);
const [registry, name, count, leaseMs] = process.argv.slice(1);
const registrations = Array.from({length: Number(count)}, (_, index) =>
	registerServer(
		{id: name + '-' + index, port: 10_000 + index},
		{registry, leaseMs: Number(leaseMs), refreshMs: Number(leaseMs) / 3},
	),
);
await Promise.all(registrations.map((registration) => registration.ready));
process.stdout.write('ready\n');
setInterval(() => {}, 1000);
`;

const redisServer = redisServerForFile();
const children: ChildProcess[] = [];
afterAll(() => {
	for (const child of children) {
		child.kill('SIGKILL');
	}
});

function startWriter(
	registry: string,
	name: string,
	count: number,
	leaseMs: number,
) {
	const child = spawn(
		process.execPath,
		[
			'--input-type=module',
			'-e',
			writerScript,
			registry,
			name,
			String(count),
			String(leaseMs),
		],
		{
			env: {...process.env, LIBRARY: library},
			stdio: ['ignore', 'pipe', 'pipe'],
		},
	);
	children.push(child);
	let output = '';
	child.stdout.on('data', (chunk: Buffer) => {
		output += chunk.toString();
	});
	child.stderr.on('data', (chunk: Buffer) => {
		output += chunk.toString();
	});
	return {
		child,
		ready: async () =>
			waitFor(() => output.includes('ready'), {
				what: `${name} ready (${output})`,
				timeoutMs: 10_000,
			}),
	};
}

describe('writers in other processes', () => {
	test('50 registrations from 5 processes at once: 50 entries; a SIGKILLed writer’s end with their lease', async () => {
		const registry = `${redisServer().url}/0?prefix=many`;
		const parsed = parseRegistryUrl(registry);
		if (!parsed.ok || parsed.location.kind !== 'redis') {
			throw new Error('test URL did not parse');
		}

		const source = watchRedisRegistry(parsed.location, {leaseCheckMs: 200});
		try {
			const leaseMs = 1500;
			const writers = ['a', 'b', 'c', 'd', 'e'].map((name) =>
				startWriter(registry, name, 10, leaseMs),
			);
			await Promise.all(writers.map(async (writer) => writer.ready()));
			await waitFor(() => source.current().servers.length === 50, {
				what: '50 entries',
				timeoutMs: 5000,
			});
			// Renewals keep them past several leases.
			const renewedUntil = Date.now() + leaseMs * 2;
			await waitFor(() => Date.now() > renewedUntil, {timeoutMs: leaseMs * 3});
			expect(source.current().servers).toHaveLength(50);

			writers[0]!.child.kill('SIGKILL');
			await waitFor(
				() =>
					!source.current().servers.some((entry) => entry.id.startsWith('a-')),
				// Within the lease and a second, plus the renewal it may have made just before the kill.
				{
					what: 'the killed writer’s entries gone',
					timeoutMs: leaseMs + 1000 + leaseMs / 3,
				},
			);
			expect(source.current().servers).toHaveLength(40);
			const expired = source
				.current()
				.warnings.filter(
					(warning) => warning.message === 'lease expired; removed',
				)
				.map((warning) => warning.entryId);
			expect(new Set(expired)).toEqual(
				new Set(Array.from({length: 10}, (_, index) => `a-${index}`)),
			);

			// SIGTERM: the library removes its entries at once, no lease to wait for.
			writers[1]!.child.kill('SIGTERM');
			await waitFor(
				() =>
					!source.current().servers.some((entry) => entry.id.startsWith('b-')),
				{what: 'the stopped writer’s entries gone', timeoutMs: 3000},
			);
			expect(
				source
					.current()
					.warnings.some((warning) => warning.entryId?.startsWith('b-')),
			).toBe(false);
		} finally {
			await source.close();
		}
	}, 30_000);
});
