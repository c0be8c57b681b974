import {describe, expect, test} from 'vitest';
import {safeJsonStringify} from '../../source/core/safe-json.js';

/** The first and last character of every range `safeJsonStringify` escapes, and how it writes them. */
const rangeEnds: Array<[character: string, escaped: string]> = [
	['\u007F', String.raw`\u007f`],
	['\u009F', String.raw`\u009f`],
	['\u00AD', String.raw`\u00ad`],
	['\u061C', String.raw`\u061c`],
	['\u180E', String.raw`\u180e`],
	['\u200B', String.raw`\u200b`],
	['\u200F', String.raw`\u200f`],
	['\u2028', String.raw`\u2028`],
	['\u202E', String.raw`\u202e`],
	['\u2060', String.raw`\u2060`],
	['\u206F', String.raw`\u206f`],
	['\uFEFF', String.raw`\ufeff`],
	['\uFFF9', String.raw`\ufff9`],
	['\uFFFB', String.raw`\ufffb`],
	['\u{E0000}', String.raw`\udb40\udc00`],
	['\u{E007F}', String.raw`\udb40\udc7f`],
];

/** The characters just outside those ranges, which are printable and stay as they are. */
const neighbours = [
	'\u007E',
	'\u00A0',
	'\u00AC',
	'\u00AE',
	'\u061B',
	'\u061D',
	'\u180D',
	'\u180F',
	'\u200A',
	'\u2010',
	'\u2027',
	'\u202F',
	'\u205F',
	'\u2070',
	'\uFEFE',
	'\uFF00',
	'\uFFF8',
	'\uFFFC',
	'\u{DFFFF}',
	'\u{E0080}',
	'\u{E0100}',
];

describe('safeJsonStringify at the ends of its ranges', () => {
	test.each(rangeEnds)('escapes %j alone in a string', (character, escaped) => {
		const json = safeJsonStringify({text: `a${character}b`});
		expect(json).toBe(`{"text":"a${escaped}b"}`);
		expect(JSON.parse(json)).toStrictEqual({text: `a${character}b`});
	});

	test('escapes every one of them in a run, in keys as well as values', () => {
		const run = rangeEnds.map(([character]) => character).join('');
		const escaped = rangeEnds.map(([, escape]) => escape).join('');
		const json = safeJsonStringify({[run]: [run, run]});
		expect(json).toBe(`{"${escaped}":["${escaped}","${escaped}"]}`);
		expect(JSON.parse(json)).toStrictEqual({[run]: [run, run]});
	});

	test('leaves the printable neighbours of those ranges as JSON.stringify writes them', () => {
		const text = neighbours.join('');
		expect(safeJsonStringify(text)).toBe(JSON.stringify(text));
		expect(safeJsonStringify({text, del: '\u007F'})).toBe(
			String.raw`{"text":${JSON.stringify(text)},"del":"\u007f"}`,
		);
	});

	test('writes null for a function and for undefined, and indents as asked', () => {
		expect(safeJsonStringify(() => 1)).toBe('null');
		expect(safeJsonStringify({a: '\u009B'}, 2)).toBe('{\n  "a": "\\u009b"\n}');
		expect(safeJsonStringify({a: 1})).toBe('{"a":1}');
	});
});
