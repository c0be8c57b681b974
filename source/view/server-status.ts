import {formatClose} from '../core/connections/close-codes.js';
import {
	type ConnectionState,
	type ServerStatus,
} from '../core/connections/types.js';
import {formatDuration} from '../core/format.js';
import {displayAddress} from '../core/registry/address.js';
import {type ServerEntry} from '../core/registry/schema.js';
import {glyphs} from './glyphs.js';

type StatusStyle = {glyph: string; color: string};

/** A glyph and a word for each status, never colour alone. */
export const statusStyles: Record<ServerStatus, StatusStyle> = {
	connected: {glyph: glyphs.status.up, color: 'green'},
	connecting: {glyph: glyphs.status.pending, color: 'yellow'},
	reconnecting: {glyph: glyphs.status.pending, color: 'yellow'},
	rejected: {glyph: glyphs.status.down, color: 'red'},
	unreachable: {glyph: glyphs.status.down, color: 'red'},
	stale: {glyph: glyphs.status.down, color: 'gray'},
	closed: {glyph: glyphs.status.closed, color: 'gray'},
	invalid: {glyph: glyphs.status.down, color: 'red'},
	withheld: {glyph: glyphs.status.down, color: 'red'},
};

/** Before the address of a server on another machine: what is sent to it leaves this one. */
export const remoteMarker = `${glyphs.warning} `;

/** The address column: `localhost:54321`, or `⚠ 10.0.0.5:8080` for a host that is not loopback. */
export function addressLabel(
	entry: Pick<ServerEntry, 'host' | 'port' | 'path'>,
	remote: boolean | undefined,
): string {
	return `${remote ? remoteMarker : ''}${displayAddress(entry)}`;
}

/** What a retry countdown shows: the time left, rounded up to the second ("in 1s" until it happens). */
function countdownMs(nextRetryAt: number, now: number): number {
	return Math.max(0, nextRetryAt - now) + 999;
}

/** How long until a retry countdown reads differently, in ms; infinite once it shows 0 s. */
export function msUntilCountdownChanges(
	nextRetryAt: number,
	now: number,
): number {
	const left = nextRetryAt - now;
	return left > 0
		? (countdownMs(nextRetryAt, now) % 1000) + 1
		: Number.POSITIVE_INFINITY;
}

/** The short note after the counters: why it is not connected and when it tries again. */
export function statusNote(state: ConnectionState, now: number): string {
	const retry =
		state.nextRetryAt === undefined
			? ''
			: `#${state.attempt} in ${formatDuration(countdownMs(state.nextRetryAt, now))}`;
	switch (state.status) {
		case 'stale': {
			return state.staleReason ?? 'pid gone';
		}

		case 'rejected': {
			return [`HTTP ${state.httpStatus ?? '?'}`, retry]
				.filter(Boolean)
				.join(' · ');
		}

		case 'unreachable': {
			return ['refused', retry].filter(Boolean).join(' · ');
		}

		case 'reconnecting': {
			const why = state.lastClose
				? formatClose(state.lastClose)
				: (state.error ?? '');
			return [retry, why].filter(Boolean).join(' · ');
		}

		case 'invalid':
		case 'withheld': {
			return state.error ?? '';
		}

		case 'connected':
		case 'connecting':
		case 'closed': {
			return '';
		}
	}
}
