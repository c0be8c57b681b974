/* eslint-disable no-control-regex -- SGR sequences are what these tests read. */
import {fc, test} from '@fast-check/vitest';
import {describe, expect} from 'vitest';
import {carrySgr, styleSgr} from '../../source/view/sgr-rows.js';
import {applySgr, sgrSpans} from '../../source/view/sgr-spans.js';

const color = fc.oneof(
	fc.constantFrom(
		'black',
		'red',
		'green',
		'yellow',
		'blue',
		'magenta',
		'cyan',
		'white',
	),
	fc.constantFrom('redBright', 'whiteBright', 'blackBright'),
	fc.integer({min: 0, max: 255}).map((n) => `ansi256(${n})`),
	fc
		.tuple(...[0, 1, 2].map(() => fc.integer({min: 0, max: 255})))
		.map(([r, g, b]) => `rgb(${r},${g},${b})`),
);
const style = fc.record(
	{
		color,
		backgroundColor: color,
		bold: fc.constant(true),
		dimColor: fc.constant(true),
		italic: fc.constant(true),
		underline: fc.constant(true),
		strikethrough: fc.constant(true),
		inverse: fc.constant(true),
	},
	{requiredKeys: []},
);

describe('carrySgr', () => {
	test.prop([style], {numRuns: 200})(
		'the sequence made for a style reads back as that style',
		(given) => {
			const sequence = styleSgr(given);
			const parameters = /^\u001B\[([\d;]*)m$/.exec(sequence)?.[1];
			expect(sequence === '' ? {} : applySgr({}, parameters!)).toEqual(given);
		},
	);

	test('each row starts in the style the rows before it left on', () => {
		const rows = carrySgr([
			'a\u001B[1;31mb',
			'c',
			'd\u001B[22m',
			'e\u001B[0m',
			'f',
		]);
		expect(rows.map((row) => sgrSpans(row).map((span) => span.style))).toEqual([
			[{}, {bold: true, color: 'red'}],
			[{bold: true, color: 'red'}],
			[{bold: true, color: 'red'}],
			[{color: 'red'}],
			[{}],
		]);
	});
});
