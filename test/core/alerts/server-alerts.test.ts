import fs from 'node:fs';
import net from 'node:net';
import {describe, expect, test} from 'vitest';
import {type Alert, createAlerts} from '../../../source/core/alerts/alerts.js';
import {parseTextPattern} from '../../../source/core/query/text-pattern.js';
import {watchRegistry} from '../../../source/core/registry/watch.js';
import {createMonitorStore} from '../../../source/core/store.js';
import {alertLine} from '../../../source/view/alert-text.js';
import {registryText} from '../../helpers/temporary-registry.js';
import {storeFixture} from '../../helpers/store-fixture.js';
import {waitFor} from '../../helpers/wait-for.js';

const fixture = storeFixture();

async function closedPort(): Promise<number> {
	const probe = net.createServer();
	await new Promise<void>((resolve) => {
		probe.listen(0, '127.0.0.1', resolve);
	});
	const {port} = probe.address() as net.AddressInfo;
	await new Promise<void>((resolve) => {
		probe.close(() => {
			resolve();
		});
	});
	return port;
}

describe('alerts from real servers in a real registry', () => {
	test('stale, rejected, unreachable and dropped each alert once per window; a matching message alerts', async () => {
		const guarded = await fixture.server({verifyClient: () => false});
		let drops = 0;
		const dropper = await fixture.server({
			onConnection(socket) {
				drops++;
				socket.close(1011, 'internal error');
			},
		});
		const talker = await fixture.server({
			onConnection(socket) {
				socket.send('all good');
				socket.send('FATAL: out of memory');
			},
		});
		const host = '127.0.0.1';
		fs.writeFileSync(
			fixture.registryPath,
			registryText(
				[
					{id: 'ghost', port: 1, host, pid: 2_147_483_000},
					{id: 'guarded', port: guarded.port, host, pid: process.pid},
					{id: 'refused', port: await closedPort(), host, pid: process.pid},
					{id: 'dropper', port: dropper.port, host, pid: process.pid},
					{id: 'talker', port: talker.port, host, pid: process.pid},
				].map((entry) => ({...entry, startedAt: new Date().toISOString()})),
			),
		);
		const fatal = parseTextPattern('fatal');
		if (!fatal.ok) {
			throw new Error(fatal.error);
		}

		const fired: Alert[] = [];
		const alerts = createAlerts({
			now: Date.now,
			patterns: [fatal.pattern],
			windowMs: 60_000,
			fired(alert) {
				fired.push(alert);
			},
		});
		fixture.keep(
			createMonitorStore({
				registry: watchRegistry(fixture.registryPath),
				backoff: {baseMs: 50, capMs: 100},
				resetBackoffAfterMs: 60_000,
				onRecord(record) {
					alerts.observe(record);
				},
			}),
		);
		const kinds = () =>
			new Map(fired.map((alert) => [alert.serverId, alert.reason.kind]));
		await waitFor(() => kinds().size === 5 && drops >= 4, {
			what: 'an alert from each server, and the dropper dropping again and again',
			timeoutMs: 10_000,
		});
		expect(Object.fromEntries(kinds())).toEqual({
			ghost: 'stale',
			guarded: 'rejected',
			refused: 'unreachable',
			dropper: 'dropped',
			talker: 'matched',
		});
		// The dropper dropped every time it connected, but alerted once in the window.
		expect(fired.filter((alert) => alert.serverId === 'dropper')).toHaveLength(
			1,
		);
		expect(fired).toHaveLength(5);
		expect(
			alertLine(fired.find((alert) => alert.serverId === 'dropper')!),
		).toBe('⚑ alert: dropped: closed 1011 internal server error');
		expect(alerts.snapshot().unseen).toBe(5);
	});
});
