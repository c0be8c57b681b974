import {fc, test as property} from '@fast-check/vitest';
import {expect, test} from 'vitest';
import {parseJsonQuery} from '../../../source/core/query/json-query.js';
import {hostileJson} from '../../helpers/hostile-text.js';

function query(expression: string) {
	const parsed = parseJsonQuery(expression);
	if (!parsed.ok) {
		throw new Error(parsed.error);
	}

	return parsed.query;
}

test('projects a JSON message through the expression', () => {
	expect(query('payload.n').apply({payload: {n: 3}})).toEqual({value: 3});
	expect(
		query('{t: type, n: payload.n}').apply({type: 'tool', payload: {n: 1}}),
	).toEqual({value: {t: 'tool', n: 1}});
	expect(
		query('items[?n > `1`].id').apply({
			items: [
				{n: 1, id: 'a'},
				{n: 2, id: 'b'},
			],
		}),
	).toEqual({
		value: ['b'],
	});
});

test('a message the query does not apply to is left as it is', () => {
	// Not JSON (undefined), nothing there (null), or a type error at run time.
	expect(query('payload.n').apply(undefined)).toBeUndefined();
	expect(query('payload.n').apply({other: 1})).toBeUndefined();
	expect(query('abs(name)').apply({name: 'x'})).toBeUndefined();
});

test('falsy results other than null still apply', () => {
	expect(query('n').apply({n: 0})).toEqual({value: 0});
	expect(query('s').apply({s: ''})).toEqual({value: ''});
	expect(query('b').apply({b: false})).toEqual({value: false});
});

test('the label is the expression, trimmed', () => {
	expect(query('  a.b ').label).toBe('a.b');
});

test('bad queries say why and change nothing', () => {
	expect(parseJsonQuery('')).toEqual({
		ok: false,
		error: 'no query; `/show` alone shows messages as sent',
	});
	const bad = parseJsonQuery('a.[');
	expect(bad.ok).toBe(false);
	expect(bad.ok ? '' : bad.error).toMatch(/^bad query "a\.\[": /);
	expect(parseJsonQuery('a'.repeat(1001))).toEqual({
		ok: false,
		error: 'a query is at most 1000 characters',
	});
});

property.prop([fc.string({maxLength: 30}), hostileJson()], {numRuns: 300})(
	'any expression parses or says why; a query never throws on any message',
	(expression, json) => {
		const parsed = parseJsonQuery(expression);
		if (!parsed.ok) {
			expect(parsed.error.length).toBeGreaterThan(0);
			return;
		}

		expect(() => parsed.query.apply(json)).not.toThrow();
	},
);
