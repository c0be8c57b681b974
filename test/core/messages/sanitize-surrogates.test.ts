import {describe, expect, test} from 'vitest';
import {sanitize} from '../../../source/core/messages/sanitize.js';

// A bell first: it sends the text through the escaping loop, where the surrogate pairs are read.
const bell = '\u0007';
const markedBell = '\u2407';

describe('sanitize: characters written as surrogate pairs', () => {
	test('keeps a variation selector of the supplement, though its high half is the tag characters’ own', () => {
		// U+E0100 (VARIATION SELECTOR-17) picks a glyph variant of an ideograph; it is \uDB40\uDD00,
		// the same high half as the tag characters U+E0000–U+E007F, which are marked.
		expect(sanitize(`${bell}葛\u{E0100}`)).toBe(`${markedBell}葛\u{E0100}`);
		expect(sanitize(`${bell}\u{E01EF}x`)).toBe(`${markedBell}\u{E01EF}x`);
		expect(sanitize(`${bell}\u{E007F}x`)).toBe(
			String.raw`${markedBell}\u{e007f}x`,
		);
	});

	test(
		String.raw`keeps a joiner after an emoji whose low half is the first one (🐀 is \uD83D\uDC00)`,
		() => {
			expect(sanitize(`${bell}🐀\u200D🐁`)).toBe(`${markedBell}🐀\u200D🐁`);
			expect(sanitize(`${bell}👋🏿\u200D🔥`)).toBe(`${markedBell}👋🏿\u200D🔥`);
		},
	);

	test('reads U+FFFF, the last one-unit character, as one unit before a pictograph and a joiner', () => {
		// ☺ (U+263A) is a pictograph of one unit; the U+FFFF before it is not the first half of anything.
		expect(sanitize(`${bell}\uFFFF☺\u200D😀`)).toBe(
			`${markedBell}\uFFFF☺\u200D😀`,
		);
	});

	test('marks a joiner after a lone low surrogate, even when a pictograph stands before it', () => {
		// The lone half is not part of ☺ (U+263A), so nothing pictographic precedes the joiner.
		expect(sanitize(`${bell}☺\uDC00\u200D😀`)).toBe(
			String.raw`${markedBell}☺` + '\uFFFD' + String.raw`\u200d` + '😀',
		);
	});
});
