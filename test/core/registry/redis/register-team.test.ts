import {describe, expect, test} from 'vitest';
import {localHostId} from '../../../../source/core/registry/host-id.js';
import {parseRegistryUrl} from '../../../../source/core/registry/location.js';
import {registerServer} from '../../../../source/core/registry/register.js';
import {watchRedisRegistry} from '../../../../source/core/registry/redis/watch-redis.js';
import {redisServerForFile} from '../../../helpers/redis-server.js';
import {waitFor} from '../../../helpers/wait-for.js';

const redisServer = redisServerForFile();

describe('registerServer({registry: "redis://…"})', () => {
	test('writes this machine’s entry with a lease; ready says when; unregister removes it', async () => {
		const registry = `${redisServer().url}/0?prefix=lib`;
		const parsed = parseRegistryUrl(registry);
		if (!parsed.ok || parsed.location.kind !== 'redis') {
			throw new Error('test URL did not parse');
		}

		const source = watchRedisRegistry(parsed.location);
		try {
			const registration = registerServer(
				{id: 'lib-api', port: 4500},
				{registry, unregisterOnExit: false},
			);
			expect(registration.registryPath).toBe(
				`${redisServer().url}/0?prefix=lib`,
			);
			expect(registration.entry).toMatchObject({
				id: 'lib-api',
				pid: process.pid,
				hostId: localHostId(),
			});
			await registration.ready;
			await waitFor(() => source.current().servers[0]?.id === 'lib-api', {
				what: 'the entry in Redis',
			});
			expect(source.current().servers[0]).toEqual(registration.entry);
			registration.unregister();
			registration.unregister();
			await waitFor(() => source.current().servers.length === 0, {
				what: 'removed',
			});
		} finally {
			await source.close();
		}
	});

	test('a Redis that cannot be reached: ready rejects with the reason', async () => {
		const registration = registerServer(
			{id: 'lib-away', port: 4501},
			{
				registry: 'redis://127.0.0.1:1',
				unregisterOnExit: false,
				connectTimeoutMs: 500,
			},
		);
		await expect(registration.ready).rejects.toThrow(
			/cannot reach redis:\/\/127\.0\.0\.1:1\/0: connection refused/,
		);
		registration.unregister();
	});

	test('what cannot be registered there is refused at once, with why', () => {
		expect(() =>
			registerServer(
				{id: 'x', port: 1},
				{registry: 'http://127.0.0.1/api/registry'},
			),
		).toThrow(
			'cannot register in http://127.0.0.1/api/registry: only redis:// and rediss:// registries take registrations',
		);
		expect(() =>
			registerServer({id: 'x', port: 1}, {registry: 'redis://h/x'}),
		).toThrow('redis registry URL: database "x" is not a number');
		expect(() =>
			// @ts-expect-error -- plain JavaScript can pass anything
			registerServer(null, {registry: 'redis://127.0.0.1:1'}),
		).toThrow(
			'cannot register "undefined": expected an object with id, port and pid',
		);
		expect(() =>
			registerServer({id: '', port: 1}, {registry: 'redis://127.0.0.1:1'}),
		).toThrow('cannot register "": id must not be empty');
	});
});
