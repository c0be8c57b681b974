import {fc, test as property} from '@fast-check/vitest';
import {describe, expect, test} from 'vitest';
import {parseTextPattern} from '../../../source/core/query/text-pattern.js';

function pattern(input: string) {
	const parsed = parseTextPattern(input);
	if (!parsed.ok) {
		throw new Error(parsed.error);
	}

	return parsed.pattern;
}

describe('plain text', () => {
	test('all lower case matches any case; one capital makes it exact (smart-case)', () => {
		expect(pattern('error').test('An ERROR here')).toBe(true);
		expect(pattern('Error').test('An ERROR here')).toBe(false);
		expect(pattern('Error').test('An Error here')).toBe(true);
	});

	test('ranges are every match, left to right, without overlap', () => {
		expect(pattern('aa').ranges('aaaaa')).toEqual([
			[0, 2],
			[2, 4],
		]);
		expect(pattern('x').ranges('axbxc')).toEqual([
			[1, 2],
			[3, 4],
		]);
		expect(pattern('x').ranges('abc')).toEqual([]);
	});

	test('ranges stop at the limit', () => {
		expect(pattern('a').ranges('aaaa', 2)).toHaveLength(2);
	});

	test('ranges stay on the right units when lower case would change the length', () => {
		// "İ" lowers to two code units; the match after it must not shift.
		expect(pattern('x').ranges('İx')).toEqual([[1, 2]]);
	});

	test('labels quote the text', () => {
		expect(pattern('two words').label).toBe('"two words"');
	});

	test('nothing to look for is an error', () => {
		expect(parseTextPattern('')).toEqual({
			ok: false,
			error: 'nothing to look for',
		});
	});
});

describe('regex', () => {
	test('/re/flags is a regex; its flags apply', () => {
		expect(pattern('/err(or)?/').test('an err')).toBe(true);
		expect(pattern('/ERR/').test('an err')).toBe(false);
		expect(pattern('/ERR/i').test('an err')).toBe(true);
		expect(pattern('/ERR/i').label).toBe('/ERR/i');
	});

	test('ranges of a regex, empty matches skipped', () => {
		expect(pattern(String.raw`/\d+/`).ranges('a1b22c')).toEqual([
			[1, 2],
			[3, 5],
		]);
		expect(pattern('/x*/').ranges('axxb')).toEqual([[1, 3]]);
	});

	test('test() is the same on every call (no state left by the global flag)', () => {
		const digits = pattern(String.raw`/\d/`);
		expect(digits.test('1')).toBe(true);
		expect(digits.test('1')).toBe(true);
	});

	test('a bad regex says why, without the engine noise', () => {
		expect(parseTextPattern('/(/')).toEqual({
			ok: false,
			error: 'bad regex /(/: Unterminated group',
		});
	});

	test('unknown and repeated flags are refused', () => {
		expect(parseTextPattern('/a/g')).toEqual({
			ok: false,
			error: 'unknown regex flag "g" in /a/g (use i, m, s, u or v)',
		});
		expect(parseTextPattern('/a/ii')).toEqual({
			ok: false,
			error: 'a regex flag is repeated in /a/ii',
		});
	});

	test('a lone slash or two are plain text', () => {
		expect(pattern('/').test('a/b')).toBe(true);
		expect(pattern('//').test('http://x')).toBe(true);
	});
});

property.prop([fc.string({maxLength: 40})], {numRuns: 300})(
	'any input either parses or says why; plain lower-case text matches exactly where it occurs',
	(input) => {
		const parsed = parseTextPattern(input);
		if (!parsed.ok) {
			expect(parsed.error.length).toBeGreaterThan(0);
			return;
		}

		const haystack = `pre ${input} post`;
		expect(parsed.pattern.test(haystack) || input.startsWith('/')).toBe(true);
		for (const [start, end] of parsed.pattern.ranges(haystack)) {
			expect(start).toBeGreaterThanOrEqual(0);
			expect(end).toBeGreaterThan(start);
			expect(end).toBeLessThanOrEqual(haystack.length);
		}
	},
);
