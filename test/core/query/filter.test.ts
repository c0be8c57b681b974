import {fc, test as property} from '@fast-check/vitest';
import {describe, expect, test} from 'vitest';
import {
	parseFilter,
	type FilterSubject,
} from '../../../source/core/query/filter.js';

function subject(
	serverId: string,
	text: string,
	direction: FilterSubject['direction'] = 'in',
): FilterSubject {
	return {
		serverId,
		direction,
		text,
		json() {
			try {
				return JSON.parse(text) as unknown;
			} catch {
				return undefined;
			}
		},
	};
}

function filter(input: string) {
	const parsed = parseFilter(input);
	if (!parsed.ok) {
		throw new Error(parsed.error);
	}

	return parsed.filter;
}

const lines = [
	subject('alpha', '{"type":"tool:called","payload":{"n":5}}'),
	subject('alpha', 'plain hello', 'out'),
	subject('bravo', '["reasoning:demo","thought:added",{"n":2}]'),
	subject('bravo', 'connected', 'system'),
	subject('agent-1', 'Error: boom'),
];

function shown(input: string): string[] {
	const active = filter(input);
	return lines
		.filter((line) => active.test(line))
		.map((line) => `${line.serverId}:${line.text.slice(0, 12)}`);
}

describe('terms', () => {
	test('servers: positive ones are alternatives, negative ones exclude, * is a wildcard', () => {
		expect(shown('@bravo')).toEqual(['bravo:["reasoning:', 'bravo:connected']);
		expect(shown('@alpha @agent-*')).toEqual([
			'alpha:{"type":"too',
			'alpha:plain hello',
			'agent-1:Error: boom',
		]);
		expect(shown('!@alpha !@bravo')).toEqual(['agent-1:Error: boom']);
	});

	test('directions: alternatives, and negatable', () => {
		expect(shown('out system')).toEqual([
			'alpha:plain hello',
			'bravo:connected',
		]);
		expect(shown('!in')).toEqual(['alpha:plain hello', 'bravo:connected']);
	});

	test('text, negated text, quoted text and regex must all hold', () => {
		expect(shown('hello')).toEqual(['alpha:plain hello']);
		expect(shown('!"payload"')).toEqual([
			'alpha:plain hello',
			'bravo:["reasoning:',
			'bravo:connected',
			'agent-1:Error: boom',
		]);
		expect(shown('/^err/i')).toEqual(['agent-1:Error: boom']);
		// Quoted, `in` is text to look for, not the direction.
		expect(shown('"in"')).toEqual(['alpha:plain hello', 'bravo:["reasoning:']);
		expect(shown('@alpha plain')).toEqual(['alpha:plain hello']);
	});

	test('JSON fields: =, !=, numbers, ~, and channel frames as {topic, event, payload}', () => {
		expect(shown('type=tool:called')).toEqual(['alpha:{"type":"too']);
		expect(shown('payload.n>3')).toEqual(['alpha:{"type":"too']);
		expect(shown('payload.n<=2')).toEqual(['bravo:["reasoning:']);
		expect(shown('topic~reasoning')).toEqual(['bravo:["reasoning:']);
		expect(shown('event=thought:added @bravo')).toEqual(['bravo:["reasoning:']);
		// A message that lacks the field, or is not JSON, never matches a field term, even `!=`.
		expect(shown('type!=other')).toEqual(['alpha:{"type":"too']);
		expect(shown('!type=tool:called')).toHaveLength(4);
	});

	test('field paths read own properties only, and index arrays', () => {
		const proto = subject('x', '{"a":{}}');
		expect(filter('a.constructor~Object').test(proto)).toBe(false);
		expect(filter('a.__proto__=x').test(proto)).toBe(false);
		const list = subject('x', '{"items":[{"id":"first"},{"id":"second"}]}');
		expect(filter('items[1].id=second').test(list)).toBe(true);
		expect(filter('items[2].id=second').test(list)).toBe(false);
		expect(filter('items~first').test(list)).toBe(true);
	});

	test('equality reads numbers, booleans and null as typed', () => {
		const typed = subject('x', '{"n":3,"ok":true,"none":null}');
		expect(filter('n=3').test(typed)).toBe(true);
		expect(filter('n=3.0').test(typed)).toBe(true);
		expect(filter('n=three').test(typed)).toBe(false);
		expect(filter('ok=true').test(typed)).toBe(true);
		expect(filter('none=null').test(typed)).toBe(true);
		expect(filter('ok>0').test(typed)).toBe(false);
	});

	test('the label reads the filter back, normalised', () => {
		expect(filter('  @a   !word  /x/i  n>=2 ').label).toBe(
			'@a !"word" /x/i n>=2',
		);
	});
});

describe('bad input changes nothing and says why', () => {
	test.each([
		['', 'an empty filter; `/filter` alone clears it'],
		['@', 'a server term needs an id: @id'],
		['!', 'a lone "!" negates nothing'],
		['"open', 'unclosed quote: "open'],
		['/open', 'unclosed regex: /open (write /…/)'],
		['/(/', 'bad regex /(/: Unterminated group'],
		['n>abc', 'n>abc: "abc" is not a number to compare with'],
		['t~/(/', 't~/(/: bad regex /(/: Unterminated group'],
		[`${'x '.repeat(33)}`, 'a filter has at most 32 terms'],
		['x'.repeat(2001), 'a filter is at most 2000 characters'],
	])('%j', (input, error) => {
		expect(parseFilter(input)).toEqual({ok: false, error});
	});
});

property.prop([fc.string({maxLength: 60}), fc.string({maxLength: 40})], {
	numRuns: 300,
})(
	'any input parses or says why, and a filter never throws on any line',
	(input, line) => {
		const parsed = parseFilter(input);
		if (!parsed.ok) {
			expect(parsed.error.length).toBeGreaterThan(0);
			return;
		}

		expect(typeof parsed.filter.test(subject('s', line))).toBe('boolean');
		expect(
			typeof parsed.filter.test(subject('s', `{"a":${JSON.stringify(line)}}`)),
		).toBe('boolean');
	},
);
