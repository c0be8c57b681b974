import {fc, test} from '@fast-check/vitest';
import {describe, expect} from 'vitest';
import {safeJsonStringify} from '../../source/core/safe-json.js';
import {assertTerminalSafe, hostileJson} from '../helpers/hostile-text.js';

describe('safeJsonStringify', () => {
	test('escapes C1, bidi, separators and DEL, which JSON.stringify leaves raw', () => {
		const value = {
			id: 'a\u009B2J\u009D0;t\u009C',
			name: 'abc\u202Eexe.txt\u2066\u2069\u200E\u200F\u061C',
			text: 'line\u2028para\u2029del\u007F',
			invisible: '\u00AD\u200B\u200D\u2060\uFEFF\u{E0041}',
		};
		const json = safeJsonStringify(value);
		expect(json).toBe(
			String.raw`{"id":"a\u009b2J\u009d0;t\u009c","name":"abc\u202eexe.txt\u2066\u2069\u200e\u200f\u061c","text":"line\u2028para\u2029del\u007f","invisible":"\u00ad\u200b\u200d\u2060\ufeff\udb40\udc41"}`,
		);
		expect(JSON.parse(json)).toEqual(value);
	});

	test('leaves JSON without such characters as JSON.stringify writes it', () => {
		const value = {a: [1, 'two', {three: null}], é: 'naïve — 日本 👍'};
		expect(safeJsonStringify(value)).toBe(JSON.stringify(value));
		expect(safeJsonStringify(value, 2)).toBe(JSON.stringify(value, null, 2));
	});

	test('writes null for what JSON.stringify does not write at all', () => {
		expect(safeJsonStringify(undefined)).toBe('null');
	});

	test.prop([hostileJson()], {numRuns: 500})(
		'reads back as the same value, with no raw control, bidi or lone surrogate',
		(value) => {
			const json = safeJsonStringify(value);
			assertTerminalSafe(json);
			// What a parser reads from plain JSON.stringify (which turns -0 into 0, for one).
			const plain = JSON.stringify(value);
			expect(JSON.parse(json)).toStrictEqual(JSON.parse(plain));
		},
	);
});
