import {fc, test as property} from '@fast-check/vitest';
import {describe, expect, test} from 'vitest';
import {
	maxFilterLength,
	maxTerms,
	splitTerms,
	type FilterToken,
} from '../../../source/core/query/filter-tokens.js';

function tokens(input: string): FilterToken[] {
	const split = splitTerms(input);
	if (!split.ok) {
		throw new Error(split.error);
	}

	return split.tokens;
}

const plain = (text: string, negated = false): FilterToken => ({
	negated,
	text,
	quoted: false,
	regex: false,
});
const quoted = (text: string, negated = false): FilterToken => ({
	negated,
	text,
	quoted: true,
	regex: false,
});
const regex = (text: string, negated = false): FilterToken => ({
	negated,
	text,
	quoted: false,
	regex: true,
});

describe('terms are runs of non-space', () => {
	test('any white space separates, however much', () => {
		expect(tokens('a\tb\nc  d\r\ne')).toEqual([
			plain('a'),
			plain('b'),
			plain('c'),
			plain('d'),
			plain('e'),
		]);
		expect(tokens('  one  ')).toEqual([plain('one')]);
		expect(tokens('')).toEqual([]);
		expect(tokens(' \t ')).toEqual([]);
	});

	test('a leading ! negates; one later in the term is text', () => {
		expect(tokens('!a b!c !!d')).toEqual([
			plain('a', true),
			plain('b!c'),
			plain('!d', true),
		]);
	});

	test('a lone ! negates nothing, wherever it stands', () => {
		for (const input of ['!', 'a !', '! a', 'a\t!\tb']) {
			expect(splitTerms(input)).toEqual({
				ok: false,
				error: 'a lone "!" negates nothing',
			});
		}
	});
});

describe('quotes', () => {
	test('a whole quoted term is text to look for, spaces and all', () => {
		expect(tokens('"two words" next')).toEqual([
			quoted('two words'),
			plain('next'),
		]);
		expect(tokens('!"in" "a=b"')).toEqual([quoted('in', true), quoted('a=b')]);
		expect(tokens('""')).toEqual([quoted('')]);
		expect(tokens('"a""b"')).toEqual([plain('ab')]);
	});

	test(String.raw`\" and \\ inside quotes stand for themselves`, () => {
		expect(tokens(String.raw`"say \"hi\"" "back\\slash" "\x"`)).toEqual([
			quoted('say "hi"'),
			quoted(String.raw`back\slash`),
			quoted('x'),
		]);
	});

	test('quoted parts inside a term join it without making it quoted', () => {
		expect(tokens('key="a b"')).toEqual([plain('key=a b')]);
		expect(tokens('"a b"c d')).toEqual([plain('a bc'), plain('d')]);
		expect(tokens('!x"y z"')).toEqual([plain('xy z', true)]);
		expect(tokens('""""')).toEqual([plain('')]);
		expect(tokens('!""x')).toEqual([plain('x', true)]);
	});

	test('an unclosed quote says where it starts', () => {
		expect(splitTerms('a "open')).toEqual({
			ok: false,
			error: 'unclosed quote: "open',
		});
		expect(splitTerms('key="a b')).toEqual({
			ok: false,
			error: 'unclosed quote: "a b',
		});
		// An escaped quote or a trailing backslash does not close it.
		expect(splitTerms(String.raw`"a\"`)).toEqual({
			ok: false,
			error: String.raw`unclosed quote: "a\"`,
		});
		expect(splitTerms('"a\\')).toEqual({
			ok: false,
			error: 'unclosed quote: "a\\',
		});
	});
});

describe('regexes', () => {
	test('a regex may hold spaces; it ends at a / followed by flags and a space or the end', () => {
		expect(tokens('/a b/i next')).toEqual([regex('/a b/i'), plain('next')]);
		expect(tokens('!/x y/')).toEqual([regex('/x y/', true)]);
		expect(tokens('/a/b/ c')).toEqual([regex('/a/b/'), plain('c')]);
		expect(tokens('/a/ims')).toEqual([regex('/a/ims')]);
		expect(tokens('/a/i\tb')).toEqual([regex('/a/i'), plain('b')]);
		expect(tokens('//')).toEqual([regex('//')]);
	});

	test('a / inside a term does not start a regex', () => {
		expect(tokens('a/b c/')).toEqual([plain('a/b'), plain('c/')]);
	});

	test('an unclosed regex says so, from its start', () => {
		expect(splitTerms('x /open')).toEqual({
			ok: false,
			error: 'unclosed regex: /open (write /…/)',
		});
		expect(splitTerms('!/open')).toEqual({
			ok: false,
			error: 'unclosed regex: !/open (write /…/)',
		});
		expect(splitTerms('/')).toEqual({
			ok: false,
			error: 'unclosed regex: / (write /…/)',
		});
		expect(splitTerms('/a/I')).toEqual({
			ok: false,
			error: 'unclosed regex: /a/I (write /…/)',
		});
	});
});

describe('bounds', () => {
	test(`at most ${maxTerms} terms`, () => {
		expect(tokens('x '.repeat(maxTerms))).toHaveLength(maxTerms);
		expect(splitTerms(`${'x '.repeat(maxTerms)}y`)).toEqual({
			ok: false,
			error: `a filter has at most ${maxTerms} terms`,
		});
	});

	test(`at most ${maxFilterLength} characters`, () => {
		expect(tokens('x'.repeat(maxFilterLength))).toEqual([
			plain('x'.repeat(maxFilterLength)),
		]);
		expect(splitTerms(' '.repeat(maxFilterLength + 1))).toEqual({
			ok: false,
			error: `a filter is at most ${maxFilterLength} characters`,
		});
	});
});

property.prop([fc.string({maxLength: 80})], {numRuns: 500})(
	'any input splits or says why; terms hold no white space unless quoted or a regex',
	(input) => {
		const split = splitTerms(input);
		if (!split.ok) {
			expect(split.error.length).toBeGreaterThan(0);
			return;
		}

		expect(split.tokens.length).toBeLessThanOrEqual(maxTerms);
		for (const token of split.tokens) {
			if (!token.quoted && !token.regex && !input.includes('"')) {
				expect(token.text).not.toMatch(/\s/);
				expect(token.text).not.toBe('');
			}
		}
	},
);
