import {fc, test} from '@fast-check/vitest';
import {describe, expect} from 'vitest';
import {
	boundedReason,
	closeInfo,
	describeSocketError,
	errorText,
	heartbeatClose,
	maxReasonLength,
	refusedUpgrade,
} from '../../../source/core/connections/failure.js';

function wsError(message: string, code?: string): Error & {code?: string} {
	return Object.assign(new Error(message), code === undefined ? {} : {code});
}

describe('what a socket error means', () => {
	test('a frame over the limit closes with 1009 and says which limit', () => {
		expect(
			describeSocketError(
				wsError(
					'Max payload size exceeded',
					'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH',
				),
				1024 * 1024,
			),
		).toEqual({
			close: {
				code: 1009,
				reason: 'a frame exceeded the 1.0 MiB limit (--max-payload)',
				meaning: 'message too big',
			},
			code: 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH',
		});
	});

	test('invalid UTF-8 closes with 1007; another protocol error with 1002 and its message', () => {
		expect(describeSocketError(wsError('x', 'WS_ERR_INVALID_UTF8'), 1)).toEqual(
			{
				close: {
					code: 1007,
					reason: 'invalid UTF-8 in a text frame',
					meaning: 'invalid payload data',
				},
				code: 'WS_ERR_INVALID_UTF8',
			},
		);
		expect(
			describeSocketError(
				wsError(
					'Invalid WebSocket frame: RSV1 must be clear',
					'WS_ERR_UNEXPECTED_RSV_1',
				),
				1,
			),
		).toEqual({
			close: {
				code: 1002,
				reason: 'Invalid WebSocket frame: RSV1 must be clear',
				meaning: 'protocol error',
			},
			code: 'WS_ERR_UNEXPECTED_RSV_1',
		});
	});

	test("a network error keeps its message and code; ws's own handshake timeout reads as ours", () => {
		expect(
			describeSocketError(
				wsError('connect ECONNREFUSED 127.0.0.1:1', 'ECONNREFUSED'),
				1,
			),
		).toEqual({
			error: 'connect ECONNREFUSED 127.0.0.1:1',
			code: 'ECONNREFUSED',
		});
		expect(
			describeSocketError(wsError('Opening handshake has timed out'), 1),
		).toEqual({error: 'handshake timed out'});
	});

	test.prop(
		[
			fc.string({maxLength: 2000}),
			fc.option(
				fc.oneof(
					fc.constantFrom(
						'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH',
						'WS_ERR_INVALID_UTF8',
						'ECONNREFUSED',
					),
					fc.string({maxLength: 30}).map((code) => `WS_ERR_${code}`),
					fc.string({maxLength: 30}),
				),
				{nil: undefined},
			),
			fc.nat(),
		],
		{numRuns: 300},
	)(
		'any error from a server or the network becomes bounded data, never a throw',
		(message, code, maxPayload) => {
			const failure = describeSocketError(wsError(message, code), maxPayload);
			expect(failure.error ?? failure.close?.reason).toBeDefined();
			for (const text of [failure.error, failure.close?.reason]) {
				expect((text ?? '').length).toBeLessThanOrEqual(maxReasonLength);
			}

			// A close of our own making for every WS_ERR_ code, an error for anything else.
			expect(failure.close !== undefined).toBe(
				code?.startsWith('WS_ERR_') ?? false,
			);
		},
	);
});

describe('bounded words', () => {
	test('cut to the limit with an ellipsis, short ones kept as they are', () => {
		const long = 'x'.repeat(maxReasonLength + 1);
		expect(boundedReason(long)).toBe(`${'x'.repeat(maxReasonLength - 1)}…`);
		expect(boundedReason(long.slice(1))).toBe(long.slice(1));
		expect(errorText(new Error(long))).toHaveLength(maxReasonLength);
		expect(errorText('plain')).toBe('plain');
	});

	test('a close reason and an HTTP status text are bounded', () => {
		expect(closeInfo(1000, 'r'.repeat(500)).reason).toHaveLength(
			maxReasonLength,
		);
		expect(closeInfo(4000, 'done')).toEqual({
			code: 4000,
			reason: 'done',
			meaning: 'application code',
		});
		expect(refusedUpgrade(503, 's'.repeat(500)).error).toHaveLength(
			maxReasonLength,
		);
		expect(refusedUpgrade(undefined, undefined)).toEqual({
			httpStatus: 0,
			error: '',
		});
	});

	test('a missed heartbeat closes as 1006 and says how long it waited', () => {
		expect(heartbeatClose(250)).toEqual({
			code: 1006,
			reason: 'no heartbeat reply within 250 ms (peer frozen or half-open)',
			meaning: 'abnormal closure',
		});
	});
});
