import {fc, test as property} from '@fast-check/vitest';
import {describe, expect, test} from 'vitest';
import {sanitize} from '../../source/core/messages/sanitize.js';
import {applySgr, sgrSpans} from '../../source/view/sgr-spans.js';
import {
	assertTerminalSafe,
	hostileCharacters,
	hostileString,
} from '../helpers/hostile-text.js';

const esc = '\u001B';
// eslint-disable-next-line no-control-regex -- the kept SGR sequences are what is removed.
const keptSgr = /\u001B\[[\d;]*m/g;

describe('spans', () => {
	test('plain text is one unstyled span; empty text none', () => {
		expect(sgrSpans('hello')).toEqual([{text: 'hello', style: {}}]);
		expect(sgrSpans('')).toEqual([]);
	});

	test('colours and styles start and stop where the sequences are', () => {
		expect(sgrSpans(`a${esc}[1;31mred${esc}[0m b`)).toEqual([
			{text: 'a', style: {}},
			{text: 'red', style: {bold: true, color: 'red'}},
			{text: ' b', style: {}},
		]);
	});

	test('a reset with no parameters, and sequences with no text between them', () => {
		expect(sgrSpans(`${esc}[32m${esc}[4mx${esc}[my`)).toEqual([
			{text: 'x', style: {color: 'green', underline: true}},
			{text: 'y', style: {}},
		]);
	});
});

describe('parameters', () => {
	test.each([
		['30', {color: 'black'}],
		['37', {color: 'white'}],
		['41', {backgroundColor: 'red'}],
		['94', {color: 'blueBright'}],
		['107', {backgroundColor: 'whiteBright'}],
		['38;5;208', {color: 'ansi256(208)'}],
		['48;2;10;20;30', {backgroundColor: 'rgb(10,20,30)'}],
		['2', {dimColor: true}],
		['3', {italic: true}],
		['7', {inverse: true}],
		['9', {strikethrough: true}],
	])('%s', (parameters, style) => {
		expect(applySgr({}, parameters)).toEqual(style);
	});

	test('turning styles off', () => {
		const all = applySgr({}, '1;2;3;4;7;9;31;42');
		expect(applySgr(all, '22;23;24;27;29;39;49')).toEqual({});
		expect(applySgr(all, '0')).toEqual({});
		expect(applySgr(all, '')).toEqual({});
	});

	test('conceal, blink and unknown codes change nothing: no text can hide or flash', () => {
		expect(applySgr({color: 'red'}, '8;5;6;53;999')).toEqual({color: 'red'});
	});

	test('out-of-range or unfinished extended colours are ignored, and the rest of the sequence with them', () => {
		expect(applySgr({}, '38;5;256')).toEqual({});
		expect(applySgr({}, '38;2;1;2')).toEqual({});
		expect(applySgr({}, '38;9;1;31')).toEqual({});
		expect(applySgr({}, '38;5;1;4')).toEqual({
			color: 'ansi256(1)',
			underline: true,
		});
	});

	test('an empty parameter reads as 0 (reset)', () => {
		expect(applySgr({bold: true}, '1;;31')).toEqual({color: 'red'});
	});
});

test('every hostile string stays inert with colour on: spans carry no ESC and lose no text', () => {
	for (const hostile of hostileCharacters) {
		const safe = sanitize(`${esc}[31m${hostile}x${esc}[0m`, {keepSgr: true});
		const spans = sgrSpans(safe);
		for (const span of spans) {
			assertTerminalSafe(span.text);
		}

		expect(spans.map((span) => span.text).join('')).toBe(
			safe.replaceAll(keptSgr, ''),
		);
	}
});

const sgrOrHostile = fc.string({
	unit: fc.oneof(
		hostileString(4),
		fc.constantFrom(`${esc}[1;31m`, `${esc}[38;5;9m`, `${esc}[0m`, `${esc}[m`),
	),
	maxLength: 20,
});

property.prop([sgrOrHostile], {numRuns: 500})(
	'any server text: nothing a terminal acts on reaches a span, and the visible text is all there',
	(text) => {
		// Server text reaches `sanitize` decoded from UTF-8, so it holds no lone surrogate.
		const safe = sanitize(Buffer.from(text).toString(), {keepSgr: true});
		const spans = sgrSpans(safe);
		for (const span of spans) {
			assertTerminalSafe(span.text);
		}

		expect(spans.map((span) => span.text).join('')).toBe(
			safe.replaceAll(keptSgr, ''),
		);
	},
);
