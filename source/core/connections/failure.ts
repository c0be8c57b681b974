import {formatBytes} from '../format.js';
import {closeCodeMeaning, type CloseInfo} from './close-codes.js';

/** Server-controlled words (HTTP status text, error messages) are cut to this many characters. */
export const maxReasonLength = 200;

/** Keeps server-controlled text as data of a bounded size; the view sanitises it for display. */
export function boundedReason(text: string): string {
	return text.length > maxReasonLength
		? `${text.slice(0, maxReasonLength - 1)}…`
		: text;
}

export function errorText(error: unknown): string {
	return boundedReason(error instanceof Error ? error.message : String(error));
}

/** How one socket ended, gathered from its events; `failedState` and `afterSocketEnd` read it. */
export type Failure = {
	close?: CloseInfo;
	httpStatus?: number;
	error?: string;
	/** The error's `code` (`ECONNREFUSED`, `WS_ERR_…`). */
	code?: string;
};

/** A close with its reason bounded and the code's meaning attached. */
export function closeInfo(code: number, reason: string): CloseInfo {
	return {
		code,
		reason: boundedReason(reason),
		meaning: closeCodeMeaning(code),
	};
}

/** The server answered the upgrade with an HTTP status instead of switching protocols. */
export function refusedUpgrade(
	statusCode: number | undefined,
	statusMessage: string | undefined,
): Failure {
	return {
		httpStatus: statusCode ?? 0,
		error: boundedReason(statusMessage ?? ''),
	};
}

/** Our own whole-handshake deadline passed (see `SocketAttempt`). */
export const handshakeTimedOut = 'handshake timed out';

/** A peer that answered neither a ping nor with any frame for a whole interval. */
export function heartbeatClose(pingIntervalMs: number): CloseInfo {
	return closeInfo(
		1006,
		`no heartbeat reply within ${pingIntervalMs} ms (peer frozen or half-open)`,
	);
}

/** What a socket error means for the connection: a close of our own making, or an error. */
export function describeSocketError(
	error: Error & {code?: string},
	maxPayload: number,
): Failure {
	const {code} = error;
	if (code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') {
		// The peer is told 1009 but our own close event says 1006: keep the real reason.
		const reason = `a frame exceeded the ${formatBytes(maxPayload)} limit (--max-payload)`;
		return {close: closeInfo(1009, reason), code};
	}

	if (code === 'WS_ERR_INVALID_UTF8') {
		return {close: closeInfo(1007, 'invalid UTF-8 in a text frame'), code};
	}

	if (code?.startsWith('WS_ERR_')) {
		return {close: closeInfo(1002, error.message), code};
	}

	return {
		error: error.message.includes('handshake has timed out')
			? handshakeTimedOut
			: boundedReason(error.message),
		...(code ? {code} : {}),
	};
}
