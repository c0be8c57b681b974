import {fc, test as property} from '@fast-check/vitest';
import {describe, expect, test} from 'vitest';
import {
	notificationBodyLength,
	notificationSequence,
	notificationText,
	notificationTitleLength,
	tmuxPassthrough,
} from '../../../source/core/alerts/notification.js';
import {hostileString} from '../../helpers/hostile-text.js';

const unsafe = /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]/u;

describe('desktop notifications', () => {
	test('OSC 9 and OSC 777, each ended by BEL', () => {
		expect(
			notificationSequence('shipyard: api', 'dropped', {tmux: false}),
		).toBe(
			'\u001B]9;shipyard: api: dropped\u0007\u001B]777;notify;shipyard: api;dropped\u0007',
		);
	});

	test('inside tmux each is wrapped for passthrough, its ESCs doubled', () => {
		expect(tmuxPassthrough('\u001B]9;hi\u0007')).toBe(
			'\u001BPtmux;\u001B\u001B]9;hi\u0007\u001B\\',
		);
		expect(notificationSequence('t', 'b', {tmux: true})).toBe(
			'\u001BPtmux;\u001B\u001B]9;t: b\u0007\u001B\\\u001BPtmux;\u001B\u001B]777;notify;t;b\u0007\u001B\\',
		);
	});

	test('a server cannot end the sequence early or split the title', () => {
		const sequence = notificationSequence(
			'id;with;semicolons\u0007',
			'body\u001B]52;c;aGk=\u0007\u009B2J\u202Eevil',
			{tmux: false},
		);
		expect(sequence).toBe(
			'\u001B]9;id,with,semicolons: body ]52;c;aGk= 2J evil\u0007\u001B]777;notify;id,with,semicolons;body ]52;c;aGk= 2J evil\u0007',
		);
	});

	property.prop(
		[
			fc.oneof(fc.string({unit: 'binary', maxLength: 600}), hostileString(300)),
			fc.integer({min: 1, max: 300}),
		],
		{numRuns: 500},
	)('any text becomes plain, bounded text', (text, maxLength) => {
		const plain = notificationText(text, maxLength);
		expect(plain).not.toMatch(unsafe);
		expect([...plain].length).toBeLessThanOrEqual(maxLength);
	});

	property.prop(
		[
			fc.string({unit: 'binary', maxLength: 400}),
			fc.string({unit: 'binary', maxLength: 1000}),
		],
		{numRuns: 300},
	)(
		'a sequence holds exactly its own controls: two ESC ] starts, two BELs',
		(title, body) => {
			const sequence = notificationSequence(title, body, {tmux: false});
			expect(sequence.split('\u001B')).toHaveLength(3);
			expect(sequence.split('\u0007')).toHaveLength(3);
			const [first = '', second = ''] = sequence.split('\u0007');
			expect(first.startsWith('\u001B]9;')).toBe(true);
			expect(second.startsWith('\u001B]777;notify;')).toBe(true);
			const osc9 = first.slice('\u001B]9;'.length);
			const osc777 = second.slice('\u001B]777;notify;'.length);
			expect(osc9).not.toMatch(unsafe);
			expect(osc777.split(';')[0]!.length).toBeLessThanOrEqual(
				notificationTitleLength,
			);
			expect([...osc777].length).toBeLessThanOrEqual(
				notificationTitleLength + 1 + notificationBodyLength,
			);
		},
	);
});
