import {afterEach, beforeEach, expect, test} from 'vitest';
import {
	createConnectionPool,
	type ConnectionPool,
} from '../../../source/core/connections/pool.js';
import {probeProcess} from '../../../source/core/registry/liveness.js';
import {
	watchRegistry,
	type RegistrySource,
} from '../../../source/core/registry/watch.js';
import {exited, serveProcesses} from '../../helpers/processes.js';
import {makeTemporaryFolder} from '../../helpers/temporary-registry.js';
import {waitFor} from '../../helpers/wait-for.js';

let temporary: ReturnType<typeof makeTemporaryFolder>;
let source: RegistrySource;
let pool: ConnectionPool;
let attempts = 0;
const servers = serveProcesses(() => temporary.registryPath);

function setUp(
	options: {pingIntervalMs?: number; handshakeTimeoutMs?: number} = {},
) {
	source = watchRegistry(temporary.registryPath);
	pool = createConnectionPool({
		...options,
		backoff: {baseMs: 100, capMs: 400},
		// Every connection attempt probes the process first: counting probes counts attempts.
		probe(pid, procStart) {
			attempts++;
			return probeProcess(pid, procStart);
		},
		listener: {
			changed: () => undefined,
			measured: () => undefined,
			message: () => undefined,
			event: () => undefined,
		},
	});
	pool.reconcile(source.current().servers);
	source.subscribe((snapshot) => {
		pool.reconcile(snapshot.servers);
	});
}

function status(id: string) {
	return pool.servers().find((view) => view.id === id)?.state;
}

beforeEach(() => {
	temporary = makeTemporaryFolder();
	attempts = 0;
});
afterEach(async () => {
	await pool.close();
	await source.close();
	servers.stopAll();
	temporary.cleanup();
});

// How soon it leaves "connected" (and how soon the heartbeat notices below) is measured by
// test/bench/core-timings.mjs: a wall-clock bound here failed on loaded machines.
test('a SIGKILLed server leaves "connected", turns stale without retrying, and returns when restarted', async () => {
	setUp();
	const child = await servers.start('worker');
	await waitFor(() => status('worker')?.status === 'connected', {
		what: 'worker to connect',
	});
	child.kill('SIGKILL');
	await waitFor(() => status('worker')?.status !== 'connected', {
		what: 'the row to leave connected',
	});
	await waitFor(() => status('worker')?.status === 'stale', {
		what: 'worker to become stale',
	});
	expect(status('worker')).toMatchObject({staleReason: 'pid gone'});
	expect(status('worker')?.nextRetryAt).toBeUndefined();
	const attemptsWhenStale = attempts;
	await exited(child);

	// Same id, new process and port: it replaces the stale entry and is connected again.
	await servers.start('worker');
	await waitFor(() => status('worker')?.status === 'connected', {
		what: 'the restarted worker',
	});
	// While stale, nothing was retried: the only new attempt is the one for the new entry.
	expect(attempts - attemptsWhenStale).toBe(1);
});

test('a SIGSTOPped server is dropped by the heartbeat and recovers after SIGCONT', async () => {
	const pingIntervalMs = 250;
	setUp({pingIntervalMs, handshakeTimeoutMs: 300});
	const child = await servers.start('frozen');
	await waitFor(() => status('frozen')?.status === 'connected', {
		what: 'frozen to connect',
	});
	await waitFor(() => pool.servers()[0]?.counters.rttMs !== undefined, {
		what: 'a first round trip',
	});
	child.kill('SIGSTOP');
	await waitFor(() => status('frozen')?.status !== 'connected', {
		what: 'the heartbeat to notice',
	});
	expect(status('frozen')?.lastClose).toMatchObject({
		code: 1006,
		reason: expect.stringMatching(/no heartbeat reply/),
	});

	child.kill('SIGCONT');
	await waitFor(() => status('frozen')?.status === 'connected', {
		timeoutMs: 5000,
		what: 'recovery after SIGCONT',
	});
});
