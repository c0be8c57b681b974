import {expect, test} from 'vitest';
import {sanitize} from '../../../source/core/messages/sanitize.js';

// Over 256 Ki units, the buffer `sanitize` writes into is sized to the input plus one escape's room,
// whatever earlier calls left behind; only the room check before each escape makes it grow.
const longPlain = 'x'.repeat(300_000);

test('escapes at the very end of a text longer than any kept buffer are never dropped', () => {
	for (let count = 1; count <= 8; count++) {
		// Each U+200E (a bidi mark) becomes six units, `\u200e`.
		const escaped = sanitize(`${longPlain}${'\u200E'.repeat(count)}`);
		expect(escaped.length).toBe(longPlain.length + 6 * count);
		expect(escaped.endsWith(String.raw`\u200e`.repeat(count))).toBe(true);
	}
});

test('tag characters at the very end of a long text are marked whole', () => {
	for (let count = 1; count <= 4; count++) {
		// Each tag character is two units in and nine out, `\u{e0041}`.
		const escaped = sanitize(`${longPlain}${'\u{E0041}'.repeat(count)}`);
		expect(escaped.slice(longPlain.length)).toBe(
			String.raw`\u{e0041}`.repeat(count),
		);
	}
});
