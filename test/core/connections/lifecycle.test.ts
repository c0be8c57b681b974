import {describe, expect, test} from 'vitest';
import {
	afterSocketEnd,
	attemptingState,
	connectionKey,
	failedState,
	failureEvent,
	heartbeatVerdict,
	minimumRetryMs,
	staleStep,
	stoppedTrying,
	type EndContext,
} from '../../../source/core/connections/lifecycle.js';
import {type ConnectionState} from '../../../source/core/connections/types.js';
import {type ServerEntry} from '../../../source/core/registry/schema.js';

// The connection's decisions on plain values (issue 10, item 3): no socket, no timer.
const entry: ServerEntry = {id: 'a', port: 4000, pid: 77};
const alive = {alive: true} as const;
const close1006 = {code: 1006, reason: '', meaning: 'abnormal closure'};

function end(overrides: Partial<EndContext> = {}): EndContext {
	return {
		failure: {},
		hostIndex: 0,
		hostCount: 1,
		state: {status: 'connecting', attempt: 0},
		entry,
		probe: () => alive,
		now: 10_000,
		random: () => 1,
		backoff: {baseMs: 500, capMs: 15_000},
		resetBackoffAfterMs: 5000,
		...overrides,
	};
}

describe('after a socket ends', () => {
	test('refused on the first loopback family: the next one is tried, the process not even probed', () => {
		let probes = 0;
		const decision = afterSocketEnd(
			end({
				failure: {code: 'ECONNREFUSED'},
				hostCount: 2,
				probe() {
					probes++;
					return alive;
				},
			}),
		);
		expect(decision).toEqual({next: 'other-host', hostIndex: 1});
		expect(probes).toBe(0);
	});

	test('refused on the last family: unreachable, said once, retried after the backoff', () => {
		const decision = afterSocketEnd(
			end({failure: {code: 'ECONNREFUSED'}, hostIndex: 1, hostCount: 2}),
		);
		expect(decision).toEqual({
			next: 'retry',
			delayMs: 500,
			state: {
				status: 'unreachable',
				attempt: 1,
				nextRetryAt: 10_500,
				error: 'connection refused',
			},
			events: [{event: 'unreachable', tokenOnLocalhost: false}],
		});
		// Still unreachable at the next failure: no second event.
		const again = afterSocketEnd(
			end({
				failure: {code: 'ECONNREFUSED'},
				state: {status: 'unreachable', attempt: 1},
			}),
		);
		expect(again).toMatchObject({
			next: 'retry',
			events: [],
			state: {attempt: 2},
		});
	});

	test('a token on localhost: the unreachable event says only IPv4 was tried', () => {
		for (const host of [undefined, 'LocalHost']) {
			const decision = afterSocketEnd(
				end({
					failure: {code: 'ECONNREFUSED'},
					entry: {...entry, token: 't', ...(host ? {host} : {})},
				}),
			);
			expect(decision).toMatchObject({
				events: [{event: 'unreachable', tokenOnLocalhost: true}],
			});
		}

		expect(
			afterSocketEnd(
				end({
					failure: {code: 'ECONNREFUSED'},
					entry: {...entry, token: 't', host: '127.0.0.1'},
				}),
			),
		).toMatchObject({
			events: [{event: 'unreachable', tokenOnLocalhost: false}],
		});
	});

	test('a lost connection: closed with its code, reconnecting, and no failure event', () => {
		const decision = afterSocketEnd(
			end({
				failure: {close: close1006},
				state: {status: 'connected', attempt: 3, connectedAt: 9000},
			}),
		);
		// Strict: a state without an error has no `error` key at all.
		expect(decision).toStrictEqual({
			next: 'retry',
			// Attempt 4 with random = 1: 500 · 2³.
			delayMs: 4000,
			state: {
				status: 'reconnecting',
				attempt: 4,
				nextRetryAt: 14_000,
				lastClose: close1006,
			},
			events: [{event: 'closed', code: 1006, reason: '', reconnecting: true}],
		});
	});

	test('a connection that stayed up long enough starts its retry count afresh', () => {
		const decision = afterSocketEnd(
			end({
				failure: {close: close1006},
				state: {status: 'connected', attempt: 3, connectedAt: 5000},
			}),
		);
		expect(decision).toMatchObject({state: {attempt: 1}, delayMs: 500});
		const justShort = afterSocketEnd(
			end({
				failure: {close: close1006},
				state: {status: 'connected', attempt: 3, connectedAt: 5001},
			}),
		);
		expect(justShort).toMatchObject({state: {attempt: 4}});
	});

	test('a lost connection whose process is gone: closed without reconnecting, then stale', () => {
		const decision = afterSocketEnd(
			end({
				failure: {close: close1006},
				state: {status: 'connected', attempt: 0, connectedAt: 9000},
				probe: () => ({alive: false, reason: 'no such process'}),
			}),
		);
		expect(decision).toEqual({
			next: 'stale',
			events: [{event: 'closed', code: 1006, reason: '', reconnecting: false}],
			step: {
				state: {
					status: 'stale',
					attempt: 0,
					staleReason: 'pid gone',
					lastClose: close1006,
				},
				event: {event: 'stale', pid: 77, reason: 'no such process'},
			},
		});
	});

	test('a refused upgrade: rejected with its status, said once', () => {
		const decision = afterSocketEnd(
			end({failure: {httpStatus: 401, error: 'Unauthorized'}}),
		);
		expect(decision).toMatchObject({
			state: {status: 'rejected', httpStatus: 401, error: 'Unauthorized'},
			events: [{event: 'rejected', status: 401, statusText: 'Unauthorized'}],
		});
	});

	test('a failed handshake: reconnecting with the error, said as failed', () => {
		const decision = afterSocketEnd(
			end({failure: {error: 'handshake timed out'}}),
		);
		expect(decision).toMatchObject({
			state: {status: 'reconnecting', error: 'handshake timed out'},
			events: [{event: 'failed', error: 'handshake timed out'}],
		});
	});

	test('no retry sooner than the minimum, whatever the jitter drew', () => {
		const decision = afterSocketEnd(end({random: () => 0}));
		expect(decision).toMatchObject({
			delayMs: minimumRetryMs,
			state: {nextRetryAt: 10_000 + minimumRetryMs},
		});
	});
});

describe('states and events', () => {
	test('a refused upgrade wins over a refused connection and a close', () => {
		expect(
			failedState(
				{httpStatus: 403, code: 'ECONNREFUSED', close: close1006},
				false,
				2,
				99,
			),
		).toEqual({
			status: 'rejected',
			attempt: 2,
			nextRetryAt: 99,
			httpStatus: 403,
			error: '',
		});
		// Refused after having been connected is a lost connection, not "unreachable".
		expect(failedState({code: 'ECONNREFUSED'}, true, 1, 5)).toEqual({
			status: 'reconnecting',
			attempt: 1,
			nextRetryAt: 5,
		});
	});

	test('a failure without an error says nothing', () => {
		expect(
			failureEvent({status: 'reconnecting', attempt: 1}, entry),
		).toBeUndefined();
		expect(failureEvent({status: 'rejected', attempt: 1}, entry)).toEqual({
			event: 'rejected',
			status: 0,
			statusText: '',
		});
	});

	test('stale is said once, and keeps only "pid reused" as its own reason', () => {
		const first = staleStep({status: 'connecting', attempt: 2}, 9, 'zombie');
		expect(first).toEqual({
			state: {status: 'stale', attempt: 2, staleReason: 'pid gone'},
			event: {event: 'stale', pid: 9, reason: 'zombie'},
		});
		expect(staleStep(first.state, 9, 'pid reused')).toEqual({
			state: {status: 'stale', attempt: 2, staleReason: 'pid reused'},
		});
	});

	test('an entry that cannot be connected to is said once per reason', () => {
		const state: ConnectionState = {status: 'connecting', attempt: 1};
		const first = stoppedTrying(state, 'invalid', 'cannot connect: x');
		expect(first).toEqual({
			state: {status: 'invalid', attempt: 1, error: 'cannot connect: x'},
			event: {event: 'invalid', error: 'cannot connect: x'},
		});
		expect(stoppedTrying(first.state, 'invalid', 'cannot connect: x')).toEqual({
			state: first.state,
		});
		expect(
			stoppedTrying(first.state, 'invalid', 'cannot connect: y').event,
		).toEqual({event: 'invalid', error: 'cannot connect: y'});
		expect(
			stoppedTrying(first.state, 'withheld', 'cannot connect: x').event,
		).toEqual({event: 'withheld', error: 'cannot connect: x'});
	});

	test('a first try shows connecting; a retry keeps its reason but not its countdown', () => {
		expect(
			attemptingState({status: 'stale', attempt: 0, staleReason: 'pid gone'}),
		).toEqual({status: 'connecting', attempt: 0});
		expect(
			attemptingState({
				status: 'rejected',
				attempt: 2,
				nextRetryAt: 5,
				httpStatus: 401,
			}),
		).toEqual({
			status: 'rejected',
			attempt: 2,
			nextRetryAt: undefined,
			httpStatus: 401,
		});
	});

	test('only where and how to connect decide a reconnect', () => {
		const key = connectionKey(entry);
		expect(connectionKey({...entry, name: 'renamed', meta: {a: 1}})).toBe(key);
		for (const changed of [
			{host: '::1'},
			{port: 4001},
			{path: '/ws'},
			{token: 't'},
			{tls: true},
			{pid: 78},
			{procStart: 5},
		]) {
			expect(
				connectionKey({...entry, ...changed}),
				JSON.stringify(changed),
			).not.toBe(key);
		}
	});
});

describe('the heartbeat', () => {
	test('pings when nothing is outstanding, waits for a busy peer, drops a silent one', () => {
		expect(heartbeatVerdict(false, false)).toBe('ping');
		expect(heartbeatVerdict(false, true)).toBe('ping');
		expect(heartbeatVerdict(true, true)).toBe('wait');
		expect(heartbeatVerdict(true, false)).toBe('drop');
	});
});
