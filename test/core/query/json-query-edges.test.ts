import {expect, test} from 'vitest';
import {
	maxQueryLength,
	parseJsonQuery,
} from '../../../source/core/query/json-query.js';

function query(expression: string) {
	const parsed = parseJsonQuery(expression);
	if (!parsed.ok) {
		throw new Error(parsed.error);
	}

	return parsed.query;
}

test('a message that is not JSON is never projected, not even by a query that needs no input', () => {
	// A literal or `@` would give a value for anything; a plain-text line must still show as sent.
	expect(query('`1`').apply(undefined)).toBeUndefined();
	expect(query('@').apply(undefined)).toBeUndefined();
	expect(query('`1`').apply({})).toEqual({value: 1});
	expect(query('@').apply('text')).toEqual({value: 'text'});
});

test(`a query of exactly ${maxQueryLength} characters is accepted; one more is refused`, () => {
	const longest = 'a'.repeat(maxQueryLength);
	expect(query(longest).apply({[longest]: 7})).toEqual({value: 7});
	expect(parseJsonQuery(`${longest}a`)).toEqual({
		ok: false,
		error: `a query is at most ${maxQueryLength} characters`,
	});
	// The bound is on the expression, not on the spaces around it.
	expect(query(`  ${longest}  `).label).toBe(longest);
});
