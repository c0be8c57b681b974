import {describe, expect, test} from 'vitest';
import {
	eventAsData,
	type SystemEvent,
	type SystemEventKind,
} from '../../source/core/connections/types.js';
import {eventColor, eventText} from '../../source/view/event-text.js';

// Every event kind and the line the message pane shows for it: the same words the core wrote
// before events became data (issue 10, item 4), so the screen reads as it did.
const lines: Array<[SystemEvent, string]> = [
	[{event: 'connected'}, 'connected'],
	[
		{
			event: 'closed',
			code: 1008,
			reason: 'Server at maximum capacity',
			reconnecting: true,
		},
		'closed 1008 policy violation: Server at maximum capacity · reconnecting',
	],
	[
		{event: 'closed', code: 1006, reason: '', reconnecting: false},
		'closed 1006 abnormal closure',
	],
	[
		{event: 'closed', code: 4321, reason: 'bye', reconnecting: false},
		'closed 4321 application code: bye',
	],
	[
		{event: 'failed', error: 'handshake timed out'},
		'failed: handshake timed out',
	],
	[
		{event: 'rejected', status: 401, statusText: 'Unauthorized'},
		'rejected: HTTP 401 Unauthorized (check the token in the registry)',
	],
	[
		{event: 'rejected', status: 403, statusText: ''},
		'rejected: HTTP 403 (check the token in the registry)',
	],
	[
		{event: 'rejected', status: 503, statusText: 'Service Unavailable'},
		'rejected: HTTP 503 Service Unavailable',
	],
	[{event: 'rejected', status: 400, statusText: ''}, 'rejected: HTTP 400'],
	[
		{event: 'unreachable', tokenOnLocalhost: false},
		'unreachable: connection refused, process alive',
	],
	[
		// Another machine's process is not checked from here, so it is not said to be alive.
		{event: 'unreachable', tokenOnLocalhost: false, otherMachine: true},
		'unreachable: connection refused',
	],
	[
		{event: 'unreachable', tokenOnLocalhost: true},
		'unreachable: connection refused, process alive (with a token, localhost means 127.0.0.1 only: an IPv6-only server is named "::1")',
	],
	[
		{event: 'stale', pid: 4242, reason: 'no such process'},
		'stale: process 4242 is gone (no such process); not retrying',
	],
	[
		{event: 'invalid', error: 'cannot connect: not a valid address'},
		'cannot connect: not a valid address',
	],
	[
		{
			event: 'withheld',
			error: 'token withheld: 10.0.0.1 is not loopback and not TLS',
		},
		'token withheld: 10.0.0.1 is not loopback and not TLS',
	],
	[{event: 'added'}, 'added to the registry'],
	[{event: 'removed'}, 'removed from the registry'],
	[{event: 'changed'}, 'registry entry changed · reconnecting'],
	[
		{
			event: 'warning',
			warning: {
				file: 'servers.json',
				entryIndex: 2,
				entryId: 'api',
				field: 'port',
				message: 'expected number',
			},
		},
		'servers.json: entry 2 "api": field "port": expected number',
	],
	[
		{event: 'skipped', reason: 'not connected (stale)'},
		'not sent: not connected (stale)',
	],
	[{event: 'info', text: 'saved 3 lines'}, 'saved 3 lines'],
];

describe('eventText words every system event', () => {
	test.each(lines)('%o', (event, line) => {
		expect(eventText(event)).toBe(line);
	});

	test('covers every kind of event', () => {
		// A new kind fails to compile here until it is listed, and then this test until it has a line.
		const every: Record<SystemEventKind, true> = {
			added: true,
			changed: true,
			closed: true,
			connected: true,
			failed: true,
			info: true,
			invalid: true,
			rejected: true,
			removed: true,
			skipped: true,
			stale: true,
			unreachable: true,
			warning: true,
			withheld: true,
		};
		const covered = new Set(lines.map(([event]) => event.event));
		expect([...covered].toSorted()).toEqual(Object.keys(every).toSorted());
	});
});

describe('without the wording, the core shows an event as data', () => {
	test('its name and fields, no sentence', () => {
		expect(
			eventAsData({
				event: 'closed',
				code: 1006,
				reason: 'gone "now"',
				reconnecting: true,
			}),
		).toBe(
			String.raw`closed code=1006 reason="gone \"now\"" reconnecting=true`,
		);
		expect(eventAsData({event: 'added'})).toBe('added');
	});
});

describe('eventColor', () => {
	test('problems stand out, routine events stay quiet, as before events were data', () => {
		for (const kind of ['closed', 'failed', 'rejected', 'unreachable']) {
			expect(eventColor(kind), kind).toBe('red');
		}

		for (const kind of ['warning', 'invalid', 'withheld', 'skipped']) {
			expect(eventColor(kind), kind).toBe('yellow');
		}

		for (const kind of ['stale', 'added', 'removed', 'changed']) {
			expect(eventColor(kind), kind).toBe('gray');
		}

		expect(eventColor('connected')).toBe('green');
		expect(eventColor('info')).toBe('white');
	});

	test('a name it does not know, or one from Object.prototype, is white', () => {
		for (const kind of [
			undefined,
			'',
			'toString',
			'__proto__',
			'constructor',
		]) {
			expect(eventColor(kind), String(kind)).toBe('white');
		}
	});
});
