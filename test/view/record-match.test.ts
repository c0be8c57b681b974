/**
Filters and searches scan the scrollback on every flush (in slices: budgeted-match.test.ts): each
record is tested once per filter or pattern, and JSON field terms read the record's kept text.
*/
import {describe, expect, test} from 'vitest';
import {frameRecord} from '../../source/core/messages/record.js';
import {parseFilter} from '../../source/core/query/filter.js';
import {
	parseTextPattern,
	type TextPattern,
} from '../../source/core/query/text-pattern.js';
import {filterMessages, findMatches} from '../../source/view/message-window.js';
import {filterSubject} from '../../source/view/record-match.js';
import {textMessages} from '../helpers/monitor-fixtures.js';

function counted(source: string): {pattern: TextPattern; calls: () => number} {
	const parsed = parseTextPattern(source);
	if (!parsed.ok) {
		throw new Error(parsed.error);
	}

	let calls = 0;
	return {
		pattern: {
			...parsed.pattern,
			test(text) {
				calls++;
				return parsed.pattern.test(text);
			},
		},
		calls: () => calls,
	};
}

function filter(terms: string) {
	const parsed = parseFilter(terms);
	if (!parsed.ok) {
		throw new Error(parsed.error);
	}

	return parsed.filter;
}

describe('matching each record once', () => {
	test('a search over a growing scrollback tests only the records it has not seen', () => {
		const messages = textMessages(1000);
		const {pattern, calls} = counted('line 9');
		expect(findMatches(messages, pattern)).toHaveLength(111);
		expect(calls()).toBe(1000);
		// The next flush: the oldest 10 evicted (one match), 10 new ones ("line 0" … "line 9": one match).
		const next = [...messages.slice(10), ...textMessages(10, 'alpha', 1000)];
		expect(findMatches(next, pattern)).toHaveLength(111);
		expect(findMatches(next, pattern).at(-1)).toBe(1009);
		expect(calls()).toBe(1010);
		// A new pattern, even the same text, starts afresh.
		const again = counted('line 9');
		findMatches(next, again.pattern);
		expect(again.calls()).toBe(1000);
	});

	test('a filter tests each record once across flushes', () => {
		const messages = textMessages(500);
		const active = filter('"line 4"');
		let calls = 0;
		const counting = {
			label: active.label,
			test(subject: Parameters<typeof active.test>[0]) {
				calls++;
				return active.test(subject);
			},
		};
		const first = filterMessages(messages, counting);
		expect(first.map((message) => message.seq).slice(0, 3)).toEqual([
			4, 40, 41,
		]);
		filterMessages(messages, counting);
		expect(calls).toBe(500);
	});
});

describe('JSON field terms', () => {
	const json = (text: string, seq: number) =>
		frameRecord(
			{seq, time: 0, serverId: 'alpha', direction: 'in'},
			text,
			false,
		);

	test('read JSON messages, channel frames as {topic, event, payload}, and skip the rest', () => {
		const messages = [
			json('{"type":"tool:called","payload":{"n":5}}', 0),
			json('{"type":"tool:done","payload":{"n":2}}', 1),
			json('["reasoning:abc","thought:added",{"n":4}]', 2),
			json('type=tool:called payload.n>3', 3),
			json('{"type":"tool:called","payload":{"n":', 4),
		];
		const seqs = (terms: string) =>
			filterMessages(messages, filter(terms)).map((message) => message.seq);
		expect(seqs('type=tool:called')).toEqual([0]);
		expect(seqs('payload.n>3')).toEqual([0, 2]);
		expect(seqs('topic~reasoning')).toEqual([2]);
		expect(seqs('!type=tool:called')).toEqual([1, 2, 3, 4]);
	});
});

describe('a record as the filter sees it', () => {
	test('its JSON is parsed once however many field terms ask', () => {
		const record = frameRecord(
			{seq: 0, time: 0, serverId: 'alpha', direction: 'in'},
			'{"type":"x","payload":{"n":5}}',
			false,
		);
		const decoded = record.decoded();
		let reads = 0;
		const counting = {
			...record,
			decoded: () => ({
				...decoded,
				get full() {
					reads++;
					return decoded.full;
				},
			}),
		};
		const subject = filterSubject(counting);
		expect(filter('type=x payload.n>3').test(subject)).toBe(true);
		expect(reads).toBe(1);
	});
});

describe('a filter of servers and directions', () => {
	test('decodes no record: the text is read only by text terms', () => {
		let decodes = 0;
		const records = textMessages(50).map((record) => ({
			...record,
			decoded() {
				decodes++;
				return record.decoded();
			},
		}));
		expect(filterMessages(records, filter('@alpha !out'))).toHaveLength(50);
		expect(decodes).toBe(0);
		expect(filterMessages(records, filter('@alpha "line 4"'))).toHaveLength(11);
		expect(decodes).toBe(50);
	});
});
