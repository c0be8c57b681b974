import {fc, test} from '@fast-check/vitest';
import {describe, expect} from 'vitest';
import {asciiText} from '../../../source/core/messages/ascii-text.js';
import {
	sanitize,
	sanitizeLabel,
} from '../../../source/core/messages/sanitize.js';

/** Characters that print nothing, or reorder text, or control the terminal: none may pass. */
const forbidden =
	// eslint-disable-next-line no-control-regex, no-misleading-character-class -- finding lone controls and joiners is the point.
	/[\u0000-\u001F\u007F-\u009F\u00AD\u034F\u061C\u180E\u200B-\u200F\u2028-\u202E\u2060-\u2064\u2066-\u206F\uFEFF\uFFF9-\uFFFB\u{E0000}-\u{E007F}]/u;

/** The only thing allowed from the list above: a zero-width joiner between two pictographs. */
function withoutEmojiJoiners(text: string): string {
	return text.replaceAll(
		// eslint-disable-next-line no-misleading-character-class -- a lone selector or skin tone, on purpose.
		/(?<=\p{Extended_Pictographic}[\uFE0F\u{1F3FB}-\u{1F3FF}]{0,2})\u200D(?=\p{Extended_Pictographic})/gu,
		'',
	);
}

describe('sanitize: invisible characters', () => {
	test.each([
		['a zero-width space', 'pay\u200Bpal', String.raw`pay\u200bpal`],
		['a zero-width non-joiner', 'a\u200Cb', String.raw`a\u200cb`],
		['a zero-width joiner between letters', 'a\u200Db', String.raw`a\u200db`],
		['a word joiner', 'a\u2060b', String.raw`a\u2060b`],
		[
			'invisible times and plus',
			'a\u2062b\u2064c',
			String.raw`a\u2062b\u2064c`,
		],
		['a byte-order mark', '\uFEFFid', String.raw`\ufeffid`],
		['a soft hyphen', 'ad\u00ADmin', String.raw`ad\u00admin`],
		[
			'tag characters (hidden ASCII)',
			'ok\u{E0041}\u{E0042}\u{E007F}',
			String.raw`ok\u{e0041}\u{e0042}\u{e007f}`,
		],
	])('shows %s as a visible mark', (_name, input, expected) => {
		expect(sanitize(input)).toBe(expected);
		expect(sanitizeLabel(input, 200)).toBe(expected);
	});

	test('keeps the joiners inside emoji sequences whole', () => {
		for (const emoji of ['👨‍👩‍👧', '👩🏽‍💻', '🏳️‍🌈', '❤️‍🔥']) {
			expect(sanitize(`family ${emoji}!`)).toBe(`family ${emoji}!`);
		}
	});

	test('marks a joiner at the edges of an emoji, where it joins nothing', () => {
		expect(sanitize('👨\u200D')).toBe(String.raw`👨\u200d`);
		expect(sanitize('\u200D👨')).toBe(String.raw`\u200d👨`);
		expect(sanitize('👨\u200Dx')).toBe(String.raw`👨\u200dx`);
	});

	test.prop(
		[
			fc.array(
				fc.oneof(
					fc.string({unit: 'grapheme', maxLength: 8}),
					fc.constantFrom(
						'\u200B',
						'\u200D',
						'\uFEFF',
						'\u00AD',
						'\u{E0041}',
						'\u202E',
						'\u001B',
						'\u009B',
						'👨',
						'\uFE0F',
						'\u{1F3FD}',
						'\uDB40',
					),
					fc
						.integer({min: 0, max: 0x10_ff_ff})
						.map((code) => String.fromCodePoint(code)),
				),
				{maxLength: 30},
			),
		],
		{numRuns: 400},
	)(
		'output never holds a control, bidi or invisible character, except a joiner inside an emoji',
		(parts) => {
			const text = parts.join('');
			for (const output of [
				sanitize(text),
				sanitize(text, {maxLength: 17}),
				sanitizeLabel(text, 40),
			]) {
				expect(withoutEmojiJoiners(output)).not.toMatch(forbidden);
			}

			expect(
				sanitize(text, {multiline: true}).replaceAll('\n', ''),
				// eslint-disable-next-line no-control-regex -- finding control characters is the point.
			).not.toMatch(/[\u0000-\u0009\u000B-\u001F\u200B\u2060\uFEFF]/u);
		},
	);
});

describe('asciiText', () => {
	test('writes control pictures in caret notation', () => {
		expect(asciiText(sanitize('a\u001B]0;T\u0007b\u007F'))).toBe(
			'a^[]0;T^Gb^?',
		);
	});

	test('gives this program’s own marks their ASCII forms', () => {
		expect(asciiText('a · b … ─ ● ◌ › ← → ✕ ▸ —')).toBe(
			'a | b ... - * o > <- -> x > -',
		);
	});

	test('shows other characters as one ? per cell', () => {
		expect(asciiText('héllo 日本 👍')).toBe('h?llo ???? ??');
	});

	test('leaves ASCII and kept colour sequences alone', () => {
		const text = '\u001B[31mred\u001B[0m plain\nnext';
		expect(asciiText(text)).toBe(text);
	});

	test.prop([fc.string({unit: 'binary', maxLength: 60})], {numRuns: 300})(
		'sanitised text comes out as printable ASCII',
		(text) => {
			expect(asciiText(sanitize(text))).toMatch(/^[\u0020-\u007E]*$/u);
		},
	);
});
