import {describe, expect, test} from 'vitest';
import {
	filterMessages,
	messageWindow,
} from '../../source/view/message-window.js';
import {parseFilter} from '../../source/core/query/filter.js';
import {textMessages} from '../helpers/monitor-fixtures.js';

describe('messageWindow', () => {
	const messages = textMessages(50);

	test('follows the newest lines', () => {
		const window = messageWindow(messages, undefined, 10);
		expect(window.lines.map((message) => message.seq)).toEqual([
			40, 41, 42, 43, 44, 45, 46, 47, 48, 49,
		]);
		expect(window).toMatchObject({following: true, newCount: 0});
	});

	test('paused on an anchor: shows the lines up to it and counts what is newer', () => {
		const window = messageWindow(messages, 20, 5);
		expect(window.lines.map((message) => message.seq)).toEqual([
			16, 17, 18, 19, 20,
		]);
		expect(window).toMatchObject({following: false, newCount: 29});
	});

	test('an anchor evicted by the scrollback falls back to the oldest kept line', () => {
		const window = messageWindow(textMessages(10, 'alpha', 100), 5, 3);
		expect(window.lines.map((message) => message.seq)).toEqual([100, 101, 102]);
	});

	test('filters by server and by text', () => {
		const mixed = [
			...textMessages(3, 'alpha', 0),
			...textMessages(3, 'beta', 3),
		];
		const filter = (terms: string) => {
			const parsed = parseFilter(terms);
			if (!parsed.ok) {
				throw new Error(parsed.error);
			}

			return filterMessages(mixed, parsed.filter).map((message) => message.seq);
		};

		expect(filter('@beta')).toEqual([3, 4, 5]);
		expect(filter('"line 1"')).toEqual([1, 4]);
		expect(filter('@alpha "line 1"')).toEqual([1]);
	});
});
