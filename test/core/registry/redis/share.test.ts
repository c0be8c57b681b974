import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach, describe, expect, test} from 'vitest';
import {parseRegistryUrl} from '../../../../source/core/registry/location.js';
import {shareRegistry} from '../../../../source/core/registry/redis/share.js';
import {watchRedisRegistry} from '../../../../source/core/registry/redis/watch-redis.js';
import {watchRegistry} from '../../../../source/core/registry/watch.js';
import {redisServerForFile} from '../../../helpers/redis-server.js';
import {waitFor} from '../../../helpers/wait-for.js';

const redisServer = redisServerForFile();
let folder: string;
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
	for (const cleanup of cleanups.splice(0).toReversed()) {
		// eslint-disable-next-line no-await-in-loop
		await cleanup();
	}
});

function location(prefix: string) {
	const parsed = parseRegistryUrl(`${redisServer().url}/0?prefix=${prefix}`);
	if (!parsed.ok || parsed.location.kind !== 'redis') {
		throw new Error('test URL did not parse');
	}

	return parsed.location;
}

function writeFileRegistry(
	file: string,
	servers: unknown[],
	how: 'write' | 'rename',
) {
	const text = JSON.stringify({servers});
	if (how === 'write') {
		fs.writeFileSync(file, text);
		return;
	}

	const temporary = `${file}.tmp-${Math.random()}`;
	fs.writeFileSync(temporary, text);
	fs.renameSync(temporary, file);
}

describe('share: a machine’s file registry mirrored into Redis', () => {
	test('add, change, remove and rename-replace of the local file reach the team registry', async () => {
		folder = fs.mkdtempSync(path.join(os.tmpdir(), 'shipyard-share-'));
		const file = path.join(folder, 'servers.json');
		const me = process.pid;
		writeFileRegistry(file, [{id: 'api', port: 4100, pid: me}], 'write');
		const local = watchRegistry(file);
		cleanups.push(async () => local.close());
		const share = await shareRegistry(local, location('share'), {
			advertise: 'dev-box.lan',
		});
		cleanups.push(async () => share.close());
		const team = watchRedisRegistry(location('share'));
		cleanups.push(async () => team.close());
		const teamView = () =>
			team
				.current()
				.servers.map((entry) => `${entry.id}@${entry.host ?? ''}:${entry.port}`)
				.join(',');

		// Added, with localhost (the default) rewritten to the advertised host.
		await waitFor(() => teamView() === 'api@dev-box.lan:4100', {
			what: `added (${teamView()})`,
		});
		expect(team.current().servers[0]!.hostId).toEqual(expect.any(String));

		// Changed (port) and a second one added, whose non-loopback host is kept.
		writeFileRegistry(
			file,
			[
				{id: 'api', port: 4101, pid: me},
				{id: 'web', port: 4200, pid: me, host: '10.1.2.3'},
			],
			'write',
		);
		await waitFor(
			() => teamView() === 'api@dev-box.lan:4101,web@10.1.2.3:4200',
			{
				what: `changed (${teamView()})`,
			},
		);

		// Replaced by rename (how our library and most writers write), without api.
		writeFileRegistry(
			file,
			[{id: 'web', port: 4200, pid: me, host: '10.1.2.3'}],
			'rename',
		);
		await waitFor(() => teamView() === 'web@10.1.2.3:4200', {
			what: `api removed (${teamView()})`,
		});

		// An entry whose process is gone is not shared (written with a change that is).
		writeFileRegistry(
			file,
			[
				{id: 'web', port: 4201, pid: me, host: '10.1.2.3'},
				{id: 'ghost', port: 4300, pid: 2_147_483_000},
			],
			'rename',
		);
		await waitFor(() => teamView() === 'web@10.1.2.3:4201', {
			what: `web changed, ghost not shared (${teamView()})`,
		});
		expect(share.mirrored()).toEqual(['web']);

		// Stopping the sidecar removes what it wrote.
		await share.close();
		await waitFor(() => teamView() === '', {
			what: `all removed (${teamView()})`,
		});
		fs.rmSync(folder, {recursive: true, force: true});
	});
});
