import {describe, expect, test} from 'vitest';
import {localHostId} from '../../../source/core/registry/host-id.js';
import {entryFor, makePool, server, waitForStatus} from './pool-harness.js';

// A pid that no process has: the probe says "gone" for it on this machine.
const deadPid = 2_147_483_000;

describe('entries of other machines (team registry)', () => {
	test('are connected to whatever their pid: it is another machine’s pid', async () => {
		const remote = await server();
		const {pool} = makePool();
		pool.reconcile([
			entryFor('remote', remote.port, {
				pid: deadPid,
				hostId: 'build-box/0123456789ab',
			}),
		]);
		await waitForStatus(pool, 'remote', 'connected');
	});

	test('refused: unreachable, said without claiming its process is alive', async () => {
		const gone = await server();
		await gone.close();
		const {pool, events} = makePool();
		pool.reconcile([
			entryFor('remote', gone.port, {
				pid: deadPid,
				hostId: 'build-box/0123456789ab',
			}),
		]);
		await waitForStatus(pool, 'remote', 'unreachable');
		expect(events).toContainEqual(
			expect.objectContaining({
				event: 'unreachable',
				tokenOnLocalhost: false,
				otherMachine: true,
			}),
		);
	});

	test('of this machine (its hostId) are still checked by pid', async () => {
		const local = await server();
		const {pool} = makePool();
		pool.reconcile([
			entryFor('local', local.port, {pid: deadPid, hostId: localHostId()}),
		]);
		const view = await waitForStatus(pool, 'local', 'stale');
		expect(view.state.staleReason).toBe('pid gone');
	});
});
