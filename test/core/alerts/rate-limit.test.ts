import {describe, expect, test} from 'vitest';
import {createAlerts} from '../../../source/core/alerts/alerts.js';
import {createRateLimiter} from '../../../source/core/alerts/rate-limit.js';
import {
	frameRecord,
	systemRecord,
} from '../../../source/core/messages/record.js';
import {parseTextPattern} from '../../../source/core/query/text-pattern.js';

function clock(start = 1_000_000) {
	let now = start;
	return {
		now: () => now,
		advance(ms: number) {
			now += ms;
		},
	};
}

describe('the alert rate limit', () => {
	test('admits one alert per server per window and counts the rest for the next', () => {
		const time = clock();
		const limiter = createRateLimiter({windowMs: 10_000, now: time.now});
		expect(limiter.admit('api')).toEqual({admitted: true, heldBack: 0});
		// Another server has its own window.
		expect(limiter.admit('db')).toEqual({admitted: true, heldBack: 0});
		for (let index = 0; index < 4; index++) {
			time.advance(2000);
			expect(limiter.admit('api')).toEqual({admitted: false});
		}

		// 8 s in: still held back. At 10 s the window is over: admitted, with the 5 it held back.
		time.advance(1999);
		expect(limiter.admit('api')).toEqual({admitted: false});
		time.advance(1);
		expect(limiter.admit('api')).toEqual({admitted: true, heldBack: 5});
		time.advance(10_000);
		expect(limiter.admit('api')).toEqual({admitted: true, heldBack: 0});
	});
});

describe('the alert watcher', () => {
	const pattern = (text: string) => {
		const parsed = parseTextPattern(text);
		if (!parsed.ok) {
			throw new Error(parsed.error);
		}

		return parsed.pattern;
	};

	test('fires once per server per window on matching messages, then says how many more', () => {
		const time = clock();
		const fired: unknown[] = [];
		const alerts = createAlerts({
			now: time.now,
			patterns: [pattern(String.raw`/\bERROR\b/`)],
			fired(alert) {
				fired.push(alert);
			},
		});
		let seq = 0;
		const message = (serverId: string, text: string) => {
			alerts.observe(
				frameRecord(
					{seq: seq++, time: time.now(), serverId, direction: 'in'},
					text,
					false,
				),
			);
		};

		message('api', 'all fine');
		message('api', 'ERROR: disk full');
		message('api', 'ERROR: disk still full');
		message('db', 'ERROR: gone');
		time.advance(9999);
		message('api', 'ERROR: again');
		expect(fired).toEqual([
			{
				time: 1_000_000,
				serverId: 'api',
				reason: {kind: 'matched', pattern: String.raw`/\bERROR\b/`},
				heldBack: 0,
			},
			{
				time: 1_000_000,
				serverId: 'db',
				reason: {kind: 'matched', pattern: String.raw`/\bERROR\b/`},
				heldBack: 0,
			},
		]);
		time.advance(1);
		message('api', 'ERROR: and again');
		expect(fired).toHaveLength(3);
		expect(fired[2]).toMatchObject({serverId: 'api', heldBack: 2});
		expect(alerts.snapshot().unseen).toBe(3);
		alerts.markSeen();
		expect(alerts.snapshot()).toMatchObject({unseen: 0});
		expect(alerts.snapshot().list).toHaveLength(3);
	});

	test('a server failing the same way again and again alerts once, until it connects again', () => {
		const time = clock();
		const fired: unknown[] = [];
		const alerts = createAlerts({
			now: time.now,
			windowMs: 1,
			fired(alert) {
				fired.push(alert);
			},
		});
		const event = (
			serverId: string,
			systemEvent: Parameters<typeof systemRecord>[3],
		) => {
			time.advance(100);
			alerts.observe(
				systemRecord(
					{seq: 0, time: time.now(), serverId},
					systemEvent!.event,
					'',
					systemEvent,
				),
			);
		};

		event('api', {event: 'unreachable', tokenOnLocalhost: false});
		event('api', {event: 'unreachable', tokenOnLocalhost: false});
		event('api', {event: 'info', text: 'x'});
		event('api', {event: 'connected'});
		event('api', {event: 'closed', code: 1006, reason: '', reconnecting: true});
		event('api', {event: 'unreachable', tokenOnLocalhost: false});
		expect(
			fired.map((alert) => (alert as {reason: {kind: string}}).reason.kind),
		).toEqual(['unreachable', 'dropped', 'unreachable']);
	});

	test('under a flood, matching stops at the byte budget and counts what it skipped', () => {
		const time = clock();
		const alerts = createAlerts({
			now: time.now,
			patterns: [pattern('never')],
			scanBytesPerSecond: 10_000,
			fired() {
				// Nothing matches.
			},
		});
		const text = 'x'.repeat(1000);
		for (let seq = 0; seq < 25; seq++) {
			alerts.observe(
				frameRecord(
					{seq, time: time.now(), serverId: 'flood', direction: 'in'},
					text,
					false,
				),
			);
		}

		expect(alerts.snapshot().unchecked).toBe(15);
		time.advance(1000);
		alerts.observe(
			frameRecord(
				{seq: 99, time: time.now(), serverId: 'flood', direction: 'in'},
				text,
				false,
			),
		);
		expect(alerts.snapshot().unchecked).toBe(15);
	});
});
