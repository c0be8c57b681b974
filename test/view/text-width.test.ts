import {fc, test} from '@fast-check/vitest';
import stringWidth from 'string-width';
import {expect} from 'vitest';
import {textWidth} from '../../source/view/text-width.js';

test.each([
	['', 0],
	['abc', 3],
	['127.0.0.1:8080', 14],
	['日本', 4],
	['e\u0301', 1],
	['👍🏽', 2],
	['\u001B[31m', 0],
])('%j is %i columns wide, asked once or twice', (text, width) => {
	expect(textWidth(text)).toBe(width);
	expect(textWidth(text)).toBe(width);
});

test.prop([fc.string({unit: 'grapheme', maxLength: 30})], {numRuns: 300})(
	'agrees with string-width on any text',
	(text) => {
		expect(textWidth(text)).toBe(stringWidth(text));
	},
);
