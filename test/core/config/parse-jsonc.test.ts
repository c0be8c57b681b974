import {fc, test as property} from '@fast-check/vitest';
import {describe, expect, test} from 'vitest';
import {parseJsonc} from '../../../source/core/config/parse-jsonc.js';

describe('parseJsonc', () => {
	test('reads JSON with line and block comments and trailing commas', () => {
		const text = String.raw`// top
{
	/* block */ "a": 1, // after
	"b": [true, false, null, "x\n\u0041",],
	"c": {"d": -1.5e2,},
}`;
		expect(parseJsonc(text)).toEqual({
			ok: true,
			value: {a: 1, b: [true, false, null, 'x\nA'], c: {d: -150}},
		});
	});

	test('says where a syntax error is, by line and column', () => {
		expect(parseJsonc('{\n  "a": 1\n  "b": 2\n}')).toMatchObject({
			ok: false,
			line: 3,
			column: 3,
			error: String.raw`line 3, column 3: expected "," or "}" after a value, found "\""`,
		});
		expect(parseJsonc('{"a": }')).toMatchObject({
			ok: false,
			error: 'line 1, column 7: expected a value, found "}"',
		});
		expect(parseJsonc('{"a": "open')).toMatchObject({
			ok: false,
			error: 'line 1, column 7: a string is never closed',
		});
		expect(parseJsonc('/* never closed')).toMatchObject({
			ok: false,
			error: 'line 1, column 1: a /* comment is never closed',
		});
		expect(parseJsonc('  ')).toMatchObject({ok: false, line: 1, column: 1});
	});

	test('refuses a repeated key, and keeps __proto__ as plain data', () => {
		expect(parseJsonc('{"a": 1,\n "a": 2}')).toMatchObject({
			ok: false,
			error: 'line 2, column 2: key "a" appears twice',
		});
		const parsed = parseJsonc('{"__proto__": {"polluted": true}}');
		expect(parsed.ok).toBe(true);
		const plain: Record<string, unknown> = {};
		expect(plain.polluted).toBeUndefined();
	});

	test('bounds nesting instead of exhausting the stack', () => {
		const deep = '['.repeat(100_000) + ']'.repeat(100_000);
		expect(parseJsonc(deep)).toMatchObject({
			ok: false,
			error: 'line 1, column 66: nested deeper than 64 levels',
		});
	});

	property.prop([fc.json()], {numRuns: 300})(
		'reads any JSON as JSON.parse does',
		(text) => {
			expect(parseJsonc(text)).toEqual({ok: true, value: JSON.parse(text)});
		},
	);

	property.prop(
		[
			fc.oneof(
				fc.string({maxLength: 200}),
				fc.json().map((text) => text.slice(0, Math.floor(text.length / 2))),
				fc
					.array(
						fc.constantFrom(
							'{',
							'}',
							'[',
							']',
							'"',
							',',
							':',
							'//',
							'/*',
							'*/',
							'\n',
							'1',
							'a',
							'\\',
							' ',
						),
						{maxLength: 60},
					)
					.map((parts) => parts.join('')),
			),
		],
		{numRuns: 500},
	)(
		'never throws: any text gives a value or an error with a position',
		(text) => {
			const result = parseJsonc(text);
			if (!result.ok) {
				expect(result.error).toMatch(/^line \d+, column \d+: /);
				expect(result.line).toBeGreaterThanOrEqual(1);
				expect(result.column).toBeGreaterThanOrEqual(1);
			}
		},
	);
});
