import {fc, test} from '@fast-check/vitest';
import stringWidth from 'string-width';
import {describe, expect} from 'vitest';
import {inputWindow, lineMarks} from '../../source/view/input-window.js';

const graphemes = new Intl.Segmenter(undefined, {granularity: 'grapheme'});

describe('the input line window', () => {
	test('shows short lines whole, the cursor on its character', () => {
		expect(inputWindow('hello', 1, 20)).toEqual({
			before: 'h',
			atCursor: 'e',
			after: 'llo',
		});
		expect(inputWindow('hello', 5, 20)).toEqual({
			before: 'hello',
			atCursor: '',
			after: '',
		});
	});

	test('follows the cursor through wide (CJK) text, measured in cells', () => {
		// 20 characters of two cells each: 40 cells in a 10-cell room.
		const text = '漢字'.repeat(10);
		const atEnd = inputWindow(text, text.length, 10);
		// 4 characters (8 cells) plus the cursor's cell: nothing cut in half, nothing beyond the room.
		expect(atEnd).toEqual({before: '漢字漢字', atCursor: '', after: ''});
		const inMiddle = inputWindow(text, 10, 10);
		expect(inMiddle.atCursor).toBe('漢');
		expect(
			stringWidth(inMiddle.before + inMiddle.atCursor),
		).toBeLessThanOrEqual(10);
		expect(inMiddle.before.endsWith('字')).toBe(true);
	});

	test('shows pasted line breaks and tabs as marks', () => {
		expect(inputWindow('a\nb\tc', 0, 20)).toEqual({
			before: '',
			atCursor: 'a',
			after: `${lineMarks.lineBreak}b${lineMarks.tab}c`,
		});
	});

	const text = fc.array(fc.constantFrom('a', '漢', '👨‍👩‍👧', '\t', 'é', ' '), {
		maxLength: 400,
	});

	test.prop([text, fc.nat(), fc.integer({min: 2, max: 40})], {numRuns: 300})(
		'never wider than the room, and the cursor always shown',
		(characters, cursorIndex, room) => {
			const value = characters.join('');
			const at = cursorIndex % (characters.length + 1);
			const cursor = characters.slice(0, at).join('').length;
			const shown = inputWindow(value, cursor, room);
			expect(shown.atCursor).toBe(
				(characters[at] === '\t' ? lineMarks.tab : characters[at]) ?? '',
			);
			expect(
				stringWidth(shown.before + (shown.atCursor || ' ') + shown.after),
			).toBeLessThanOrEqual(room);
			// The text right before and after the cursor, as much of it before as fits.
			const mark = (parts: string[]) =>
				parts.map((part) => (part === '\t' ? lineMarks.tab : part)).join('');
			const prefix = mark(characters.slice(0, at));
			expect(prefix.endsWith(shown.before)).toBe(true);
			expect(mark(characters.slice(at + 1)).startsWith(shown.after)).toBe(true);
			const previous = [
				...graphemes.segment(
					prefix.slice(0, prefix.length - shown.before.length),
				),
			].at(-1)?.segment;
			if (previous !== undefined) {
				expect(
					stringWidth(previous + shown.before + (shown.atCursor || ' ')),
				).toBeGreaterThan(room);
			}
		},
	);
});
