import {createClient} from '@redis/client';
import {describe, expect, test} from 'vitest';
import {parseRegistryUrl} from '../../../../source/core/registry/location.js';
import {
	changesChannel,
	serverKey,
} from '../../../../source/core/registry/redis/layout.js';
import {registerRedisServer} from '../../../../source/core/registry/redis/register-redis.js';
import {watchRedisRegistry} from '../../../../source/core/registry/redis/watch-redis.js';
import {type RegistrySource} from '../../../../source/core/registry/watch.js';
import {
	startRedisServer,
	redisServerForFile,
} from '../../../helpers/redis-server.js';
import {waitFor} from '../../../helpers/wait-for.js';

const redisServer = redisServerForFile();

function redisLocation(prefix: string) {
	const parsed = parseRegistryUrl(`${redisServer().url}/0?prefix=${prefix}`);
	if (!parsed.ok || parsed.location.kind !== 'redis') {
		throw new Error('test location did not parse');
	}

	return parsed.location;
}

const ids = (source: RegistrySource) =>
	source
		.current()
		.servers.map((entry) => entry.id)
		.join(',');

describe('a Redis team registry', () => {
	test('shows registrations and removals as they happen, and writes announce them', async () => {
		const location = redisLocation('t1');
		const source = watchRedisRegistry(location);
		try {
			await waitFor(() => source.current().backend?.state === 'connected', {
				what: 'connected',
			});
			const alpha = await registerRedisServer(location, {
				id: 'alpha',
				port: 4001,
			});
			const beta = await registerRedisServer(location, {
				id: 'beta',
				port: 4002,
			});
			await waitFor(() => ids(source) === 'alpha,beta', {what: 'both entries'});
			await alpha.unregister();
			await waitFor(() => ids(source) === 'beta', {what: 'alpha removed'});
			// Removed by its writer: not a lapsed lease.
			expect(
				source.current().warnings.some((w) => w.message.includes('lease')),
			).toBe(false);
			await beta.unregister();
			await waitFor(() => ids(source) === '', {what: 'empty'});
		} finally {
			await source.close();
		}
	});

	test('a lapsed lease removes the entry and says so', async () => {
		const location = redisLocation('t2');
		const source = watchRedisRegistry(location, {leaseCheckMs: 100});
		try {
			const registration = await registerRedisServer(
				location,
				{id: 'short', port: 4003},
				{leaseMs: 300, refreshMs: 60_000, unregisterOnExit: false},
			);
			await waitFor(() => ids(source) === 'short', {what: 'registered'});
			await waitFor(() => ids(source) === '', {
				what: 'lease lapsed',
				timeoutMs: 3000,
			});
			expect(source.current().warnings).toContainEqual(
				expect.objectContaining({
					entryId: 'short',
					message: 'lease expired; removed',
				}),
			);
			await registration.unregister();
		} finally {
			await source.close();
		}
	});

	test('hostile values are warnings naming the key; good entries stay', async () => {
		const location = redisLocation('t3');
		const writer = createClient({url: redisServer().url});
		await writer.connect();
		try {
			await writer.set(
				serverKey('t3', 'good'),
				JSON.stringify({id: 'good', port: 1, pid: 1}),
			);
			await writer.set(serverKey('t3', 'broken'), '{"id": "broken", ');
			await writer.set(
				serverKey('t3', 'liar'),
				JSON.stringify({id: 'other', port: 1, pid: 1}),
			);
			await writer.set(
				serverKey('t3', 'bad-port'),
				JSON.stringify({id: 'bad-port', port: 0, pid: 1}),
			);
			const source = watchRedisRegistry(location);
			try {
				await waitFor(() => ids(source) === 'good', {what: 'the good entry'});
				const messages = source
					.current()
					.warnings.map((w) => `${w.file} ${w.field ?? ''} ${w.message}`);
				expect(messages).toEqual(
					expect.arrayContaining([
						expect.stringMatching(/^t3:server:broken .*invalid JSON/),
						expect.stringMatching(/^t3:server:liar .*id differs/),
						expect.stringMatching(/^t3:server:bad-port port /),
					]),
				);
				// A later good write of a broken key is picked up from its announcement.
				await writer.set(
					serverKey('t3', 'broken'),
					JSON.stringify({id: 'broken', port: 2, pid: 1}),
				);
				await writer.publish(changesChannel('t3'), 'broken');
				await waitFor(() => ids(source) === 'broken,good', {
					what: 'mended entry',
				});
			} finally {
				await source.close();
			}
		} finally {
			writer.destroy();
		}
	});

	test('Redis restarted empty under the watcher: the full picture is back within seconds', async () => {
		const location = redisLocation('t4');
		const source = watchRedisRegistry(location);
		const registration = await registerRedisServer(
			location,
			{id: 'survivor', port: 4004},
			{unregisterOnExit: false},
		);
		try {
			// An entry whose writer is gone: a restarted (empty) Redis must not bring it back.
			const orphanWriter = createClient({url: redisServer().url});
			await orphanWriter.connect();
			await orphanWriter.set(
				serverKey('t4', 'orphan'),
				JSON.stringify({id: 'orphan', port: 1, pid: 1}),
				{expiration: {type: 'PX', value: 60_000}},
			);
			await orphanWriter.publish(changesChannel('t4'), 'orphan');
			orphanWriter.destroy();
			await waitFor(() => ids(source) === 'orphan,survivor', {
				what: 'registered',
			});
			await redisServer().restart();
			// The new Redis is empty: the writer's reconnect puts its entry back, the watcher reads it.
			await waitFor(
				() =>
					source.current().backend?.state === 'connected' &&
					ids(source) === 'survivor',
				{what: 'the picture back, the orphan gone', timeoutMs: 2000},
			);
		} finally {
			await registration.unregister();
			await source.close();
		}
	}, 15_000);

	test('Redis away: the list stays, and the backend is unreachable since the first error', async () => {
		const location = redisLocation('t5');
		const source = watchRedisRegistry(location);
		const registration = await registerRedisServer(
			location,
			{id: 'kept', port: 4005},
			{unregisterOnExit: false},
		);
		try {
			await waitFor(() => ids(source) === 'kept', {what: 'registered'});
			await redisServer().stop();
			const backend = await waitFor(
				() =>
					source.current().backend?.state === 'unreachable' &&
					source.current().backend,
				{what: 'unreachable'},
			);
			// The first reason stands while it stays away; later refusals say nothing new.
			expect(backend.error).toBe('connection lost');
			expect(ids(source)).toBe('kept');
		} finally {
			redisServer.replace(await startRedisServer());
			await registration.unregister();
			await source.close();
		}
	}, 15_000);
});
