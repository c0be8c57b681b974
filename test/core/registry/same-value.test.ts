import {fc, test} from '@fast-check/vitest';
import {describe, expect} from 'vitest';
import {sameJsonValue} from '../../../source/core/registry/same-value.js';

/** JSON with object keys sorted: two values are the same data exactly when these are equal. */
function canonical(value: unknown): string {
	return JSON.stringify(value, (_key, item: unknown) =>
		typeof item === 'object' && item !== null && !Array.isArray(item)
			? Object.fromEntries(
					Object.entries(item).toSorted(([a], [b]) =>
						a < b ? -1 : a > b ? 1 : 0,
					),
				)
			: item,
	);
}

function nested(levels: number, leaf: unknown): unknown {
	let value: unknown = leaf;
	for (let level = 0; level < levels; level++) {
		value = level % 2 === 0 ? [value] : {x: value};
	}

	return value;
}

describe('sameJsonValue', () => {
	test.prop([fc.jsonValue(), fc.jsonValue()], {numRuns: 300})(
		'agrees with comparing canonical JSON',
		(a, b) => {
			expect(sameJsonValue(a, b)).toBe(canonical(a) === canonical(b));
		},
	);

	test.prop([fc.jsonValue()], {numRuns: 200})(
		'a value is the same as its copy, and not the same as the copy with one more entry',
		(a) => {
			const copy: unknown = structuredClone(a);
			expect(sameJsonValue(a, copy)).toBe(true);
			expect(sameJsonValue([a], [copy, null])).toBe(false);
			expect(sameJsonValue({a}, {a: copy, b: 1})).toBe(false);
		},
	);

	test('never overflows the stack, however deep (JSON.stringify throws RangeError here)', () => {
		const deep = nested(200_000, 1);
		expect(() => JSON.stringify(deep)).toThrow(RangeError);
		expect(sameJsonValue(deep, nested(200_000, 1))).toBe(true);
		expect(sameJsonValue(deep, nested(200_000, 2))).toBe(false);
	});

	test('ignores key order and keys that hold undefined, as JSON does', () => {
		expect(sameJsonValue({a: 1, b: 2}, {b: 2, a: 1})).toBe(true);
		expect(sameJsonValue({a: 1, c: undefined}, {a: 1})).toBe(true);
		expect(sameJsonValue({a: undefined}, {b: undefined})).toBe(true);
		expect(sameJsonValue([1, 2], {0: 1, 1: 2})).toBe(false);
		expect(sameJsonValue(null, {})).toBe(false);
	});
});
