import {fc, test} from '@fast-check/vitest';
import {describe, expect} from 'vitest';
import {
	createKeyDecoder,
	pasteLimit,
	type KeyEvent,
} from '../../source/view/key-decoder.js';
import {inkInputEvents} from '../helpers/ink-input.js';

/** Decodes reads as the monitor does: Ink's splitter, then one decoder for all of them. */
function decode(reads: readonly string[]): KeyEvent[] {
	const decoder = createKeyDecoder();
	return inkInputEvents(reads).flatMap((input) => decoder.push(input));
}

/** Adjacent text events joined: how text is grouped into events depends on the reads, not its meaning. */
function joinText(events: KeyEvent[]): KeyEvent[] {
	const joined: KeyEvent[] = [];
	for (const event of events) {
		const last = joined.at(-1);
		if (event.type === 'text' && last?.type === 'text') {
			joined[joined.length - 1] = {type: 'text', text: last.text + event.text};
		} else {
			joined.push(event);
		}
	}

	return joined;
}

const enter = {type: 'key', name: 'enter'} as const;
const backspace = {type: 'key', name: 'backspace'} as const;
const ctrl = (letter: string) => ({type: 'ctrl', letter}) as const;

describe('the key decoder', () => {
	test('takes every key of one read in order (the issue: abc⌫⌫XY^A>^E< in one read)', () => {
		expect(decode(['abc\u007F\u007FXY\u0001>\u0005<'])).toEqual([
			{type: 'text', text: 'abc'},
			backspace,
			backspace,
			{type: 'text', text: 'XY'},
			ctrl('a'),
			{type: 'text', text: '>'},
			ctrl('e'),
			{type: 'text', text: '<'},
		]);
	});

	test('names Enter, Tab, Shift+Tab, arrows, Home/End, PgUp/PgDn, Delete and Escape', () => {
		expect(
			decode([
				'\r\n\t\u001B[Z\u001B[A\u001B[B\u001B[C\u001B[D\u001BOA\u001B[1;2C',
				'\u001B[H\u001B[F\u001B[1~\u001B[4~\u001B[5~\u001B[6~\u001B[3~\b\u0017\u0015\u001A\u0003',
				'\u001B',
			]),
		).toEqual([
			enter,
			enter,
			{type: 'key', name: 'tab'},
			{type: 'key', name: 'tab', shift: true},
			{type: 'key', name: 'up'},
			{type: 'key', name: 'down'},
			{type: 'key', name: 'right'},
			{type: 'key', name: 'left'},
			{type: 'key', name: 'up'},
			{type: 'key', name: 'right', shift: true},
			{type: 'key', name: 'home'},
			{type: 'key', name: 'end'},
			{type: 'key', name: 'home'},
			{type: 'key', name: 'end'},
			{type: 'key', name: 'pageUp'},
			{type: 'key', name: 'pageDown'},
			{type: 'key', name: 'delete'},
			backspace,
			ctrl('w'),
			ctrl('u'),
			ctrl('z'),
			ctrl('c'),
			{type: 'key', name: 'escape'},
		]);
	});

	test('a bracketed paste is one paste key with its line breaks, tabs and escapes, across reads', () => {
		expect(
			decode([
				'x\u001B[200~line one\r\n\tin',
				'dented\u001B[A\u0003',
				'\u001B[201~y',
			]),
		).toEqual([
			{type: 'text', text: 'x'},
			{type: 'paste', text: 'line one\r\n\tindented\u001B[A\u0003'},
			{type: 'text', text: 'y'},
		]);
	});

	test('a stray closing bracket is swallowed, also when Ink flushed its Escape on its own', () => {
		expect(joinText(decode(['a\u001B[201~b']))).toEqual([
			{type: 'text', text: 'ab'},
		]);
		const decoder = createKeyDecoder();
		expect(
			['\u001B', '[201~', 'c'].flatMap((input) => decoder.push(input)),
		).toEqual([
			{type: 'key', name: 'escape'},
			{type: 'text', text: 'c'},
		]);
	});

	test('a paste whose end never comes gives the keys back after the limit', () => {
		const decoder = createKeyDecoder();
		const long = 'z'.repeat(pasteLimit);
		expect(decoder.push(`\u001B[200~${long}`)).toEqual([]);
		expect(decoder.push('zz')).toEqual([{type: 'paste', text: `${long}zz`}]);
		expect(decoder.push('\r')).toEqual([enter]);
	});

	test('understands the kitty keyboard protocol a terminal may have been left in', () => {
		expect(
			decode([
				'\u001B[97;5u\u001B[99;5u\u001B[27u\u001B[13u\u001B[9;2u\u001B[127u\u001B[98u\u001B[120;3u',
			]),
		).toEqual([
			ctrl('a'),
			ctrl('c'),
			{type: 'key', name: 'escape'},
			enter,
			{type: 'key', name: 'tab', shift: true},
			backspace,
			{type: 'text', text: 'b'},
		]);
	});

	test('Alt+key, unknown sequences and terminal replies are dropped, not typed', () => {
		expect(
			joinText(
				decode(['a\u001Bx\u001B[12;40R\u001B[I\u001B[<0;3;4M\u001B[99~b']),
			),
		).toEqual([{type: 'text', text: 'ab'}]);
	});

	// Reads of any content, split anywhere: the keys do not depend on where the reads were cut.
	const piece = fc.oneof(
		fc.string({unit: 'grapheme', maxLength: 6}),
		fc.constantFrom(
			'\r',
			'\n',
			'\t',
			'\u007F',
			'\u0001',
			'\u001B[A',
			'\u001B[Z',
			'\u001B[3~',
			'\u001B[200~',
			'\u001B[201~',
			'\u001BOB',
			'\u001B[1;5D',
		),
		fc.string({unit: 'binary', maxLength: 4}),
	);

	test.prop(
		[
			fc.array(piece, {maxLength: 30}).map((pieces) => pieces.join('')),
			fc.array(fc.nat(), {maxLength: 8}),
		],
		{numRuns: 1000},
	)(
		'decodes the same keys however the input is cut into reads',
		(input, cuts) => {
			const points = [
				...new Set(cuts.map((cut) => cut % (input.length + 1))),
			].toSorted((a, b) => a - b);
			const reads: string[] = [];
			let from = 0;
			for (const point of points) {
				reads.push(input.slice(from, point));
				from = point;
			}

			reads.push(input.slice(from));
			expect(joinText(decode(reads))).toEqual(joinText(decode([input])));
		},
	);
});
