import {describe, expect, test} from 'vitest';
import {parseTextPattern} from '../../../source/core/query/text-pattern.js';

function pattern(input: string) {
	const parsed = parseTextPattern(input);
	if (!parsed.ok) {
		throw new Error(parsed.error);
	}

	return parsed.pattern;
}

describe('what reads as a regex', () => {
	test('each allowed flag is accepted and applies', () => {
		expect(pattern('/^b/m').test('a\nb')).toBe(true);
		expect(pattern('/^b/').test('a\nb')).toBe(false);
		expect(pattern('/a.b/s').test('a\nb')).toBe(true);
		expect(pattern('/a.b/').test('a\nb')).toBe(false);
		expect(pattern(String.raw`/\u{1F600}/u`).test('x😀')).toBe(true);
		expect(pattern(String.raw`/[\p{L}--[a-z]]/v`).test('aB')).toBe(true);
		expect(pattern('/A/imsu').test('a')).toBe(true);
		expect(pattern('/A/imsv').test('a')).toBe(true);
	});

	test('only text that both starts and ends as /…/flags is a regex', () => {
		// Slashes inside plain text (paths, URLs) are text to look for.
		expect(pattern('x/a/').label).toBe('"x/a/"');
		expect(pattern('x/a/').test('see x/a/ here')).toBe(true);
		expect(pattern('/a/1').label).toBe('"/a/1"');
		expect(pattern('/a/1').test('a')).toBe(false);
		expect(pattern('/a/b/').label).toBe('/a/b/');
	});
});

describe('ranges', () => {
	test('regex ranges stop at the limit', () => {
		expect(pattern('/a/').ranges('aaaa', 2)).toEqual([
			[0, 1],
			[1, 2],
		]);
		expect(pattern('/a/').ranges('aaaa', 0)).toEqual([]);
	});

	test('capitals beside a character whose lower case is longer still match lower-case text', () => {
		// "İ" lowers to two code units, so the text is lowered character by character: "X" must still
		// become "x", at the same index.
		expect(pattern('x').ranges('İX')).toEqual([[1, 2]]);
		expect(pattern('ix').test('İX')).toBe(false);
	});

	test('lower case is the language’s own: a word with a final sigma finds its capitals', () => {
		// "ΟΔΟΣ" lowers to "οδος" as a whole word (final ς), which is how it is typed.
		expect(pattern('οδος').test('ΟΔΟΣ')).toBe(true);
		expect(pattern('οδος').ranges('ΟΔΟΣ')).toEqual([[0, 4]]);
	});
});
