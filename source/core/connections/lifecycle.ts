import {isLocalEntry} from '../registry/host-id.js';
import {type ProcessProbe} from '../registry/liveness.js';
import {type ServerEntry} from '../registry/schema.js';
import {wantsTls} from './address-policy.js';
import {reconnectDelay, type BackoffOptions} from './backoff.js';
import {type CloseInfo} from './close-codes.js';
import {type Failure} from './failure.js';
import {type ConnectionState, type SystemEvent} from './types.js';

/*
What a connection decides, without a socket or a timer: which state and which event follow an
attempt, a lost connection, a dead process or a missed heartbeat. `Connection` does the I/O and asks
these functions what to do next, so each rule can be tested on plain values.
*/

/** Fields of an entry that decide where and how to connect: a change means reconnecting. */
export function connectionKey(entry: ServerEntry): string {
	return JSON.stringify([
		entry.host,
		entry.port,
		entry.path,
		entry.token,
		wantsTls(entry),
		entry.pid,
		entry.procStart,
	]);
}

/** No retry comes sooner than this, in ms, whatever the jitter drew. */
export const minimumRetryMs = 50;

/**
A first try shows "connecting" (also while it waits for a handshake slot); a retry keeps showing why
it is retrying.
*/
export function attemptingState(state: ConnectionState): ConnectionState {
	return state.attempt === 0
		? {status: 'connecting', attempt: 0}
		: {...state, nextRetryAt: undefined};
}

/** A step: the next state, and the event to tell, if any. */
export type Step = {state: ConnectionState; event?: SystemEvent};

/** The entry cannot be connected to as it is: say why once, and wait for it to change. */
export function stoppedTrying(
	state: ConnectionState,
	status: 'invalid' | 'withheld',
	error: string,
): Step {
	const already = state.status === status && state.error === error;
	return {
		state: {status, attempt: state.attempt, error},
		...(already ? {} : {event: {event: status, error}}),
	};
}

/** The entry's process is gone: stale, told once, never retried. */
export function staleStep(
	state: ConnectionState,
	pid: number,
	reason: string,
	lastClose?: CloseInfo,
): Step {
	return {
		state: {
			status: 'stale',
			attempt: state.attempt,
			staleReason: reason === 'pid reused' ? reason : 'pid gone',
			...(lastClose ? {lastClose} : {}),
		},
		...(state.status === 'stale' ? {} : {event: {event: 'stale', pid, reason}}),
	};
}

/** What a row shows after a failed or lost connection that will be retried. */
export function failedState(
	failure: Failure,
	wasConnected: boolean,
	attempt: number,
	nextRetryAt: number,
): ConnectionState {
	if (failure.httpStatus !== undefined) {
		return {
			status: 'rejected',
			attempt,
			nextRetryAt,
			httpStatus: failure.httpStatus,
			error: failure.error ?? '',
		};
	}

	if (!wasConnected && failure.code === 'ECONNREFUSED') {
		return {
			status: 'unreachable',
			attempt,
			nextRetryAt,
			error: 'connection refused',
		};
	}

	return {
		status: 'reconnecting',
		attempt,
		nextRetryAt,
		...(failure.close ? {lastClose: failure.close} : {}),
		...(failure.error === undefined ? {} : {error: failure.error}),
	};
}

/** The event that says a connection started failing in a new way. */
export function failureEvent(
	state: ConnectionState,
	entry: ServerEntry,
): SystemEvent | undefined {
	if (state.status === 'rejected') {
		return {
			event: 'rejected',
			status: state.httpStatus ?? 0,
			statusText: state.error ?? '',
		};
	}

	if (state.status === 'unreachable') {
		return {
			event: 'unreachable',
			tokenOnLocalhost:
				entry.token !== undefined &&
				(entry.host ?? 'localhost').toLowerCase() === 'localhost',
			...(isLocalEntry(entry) ? {} : {otherMachine: true as const}),
		};
	}

	return state.error === undefined
		? undefined
		: {event: 'failed', error: state.error};
}

export type EndContext = {
	failure: Failure;
	/** Which of the plan's hosts the socket tried. */
	hostIndex: number;
	/** How many hosts the address plan has (0: none, withheld). */
	hostCount: number;
	state: ConnectionState;
	entry: ServerEntry;
	/** Asked only when the answer matters: each probe counts as an attempt's cost. */
	probe: () => ProcessProbe;
	now: number;
	random: () => number;
	backoff: BackoffOptions;
	/** A connection that stayed up this long starts its retry count afresh, in ms. */
	resetBackoffAfterMs: number;
};

/** What follows a socket's end: the other loopback family, stale, or a retry after a delay. */
export type EndDecision =
	| {next: 'other-host'; hostIndex: number}
	| {next: 'stale'; step: Step; events: SystemEvent[]}
	| {
			next: 'retry';
			state: ConnectionState;
			delayMs: number;
			events: SystemEvent[];
	  };

export function afterSocketEnd(context: EndContext): EndDecision {
	const {failure, hostIndex, state, entry, now} = context;
	const wasConnected = state.status === 'connected';
	const connectedFor = wasConnected ? now - (state.connectedAt ?? 0) : 0;
	// Refused on one loopback family: try the other before calling it a failure (never with a
	// token: see planAddress).
	if (
		!wasConnected &&
		failure.code === 'ECONNREFUSED' &&
		hostIndex + 1 < context.hostCount
	) {
		return {next: 'other-host', hostIndex: hostIndex + 1};
	}

	const probe = context.probe();
	const events: SystemEvent[] = [];
	if (wasConnected && failure.close) {
		const {code, reason} = failure.close;
		events.push({event: 'closed', code, reason, reconnecting: probe.alive});
	}

	if (!probe.alive) {
		const step = staleStep(state, entry.pid, probe.reason, failure.close);
		return {next: 'stale', step, events};
	}

	const attempt =
		connectedFor >= context.resetBackoffAfterMs ? 1 : state.attempt + 1;
	const delayMs = Math.max(
		minimumRetryMs,
		reconnectDelay(attempt, context.backoff, context.random),
	);
	const next = failedState(failure, wasConnected, attempt, now + delayMs);
	// Say it once when it starts failing in a new way, not at every retry.
	const event =
		next.status !== state.status && !wasConnected
			? failureEvent(next, entry)
			: undefined;
	return {
		next: 'retry',
		state: next,
		delayMs,
		events: event ? [...events, event] : events,
	};
}

/** What a heartbeat tick does: send the next ping, wait for a late pong, or drop a dead peer. */
export function heartbeatVerdict(
	pingOutstanding: boolean,
	heardSinceCheck: boolean,
): 'ping' | 'wait' | 'drop' {
	if (!pingOutstanding) {
		return 'ping';
	}

	// Busy, not dead: the pong is queued behind the data. No pong and no frame for a whole interval:
	// a half-open or frozen peer must not stay "connected".
	return heardSinceCheck ? 'wait' : 'drop';
}
