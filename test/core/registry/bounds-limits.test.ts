import fc from 'fast-check';
import {describe, expect, test} from 'vitest';
import {
	boundEntryFields,
	measureJson,
	registryLimits,
} from '../../../source/core/registry/bounds.js';

const unlimited = {maxDepth: 1000, maxBytes: Number.POSITIVE_INFINITY};

/** JSON values whose strings need no escaping, so their serialized length is easy to state. */
const plainJson = fc.letrec((tie) => ({
	value: fc.oneof(
		{depthSize: 'small', withCrossShrink: true},
		fc.constant(null),
		fc.boolean(),
		fc.integer({min: -1_000_000, max: 1_000_000}),
		fc.double({noNaN: true, noDefaultInfinity: true}),
		fc.string({unit: fc.constantFrom('a', 'b', ' ', 'é', '😀')}),
		fc.array(tie('value'), {maxLength: 4}),
		fc.dictionary(
			fc.string({unit: fc.constantFrom('k', 'ü'), maxLength: 3}),
			tie('value'),
			{maxKeys: 4},
		),
	),
})).value;

function measured(value: unknown): number {
	const measure = measureJson(value, unlimited);
	if (!measure.ok) {
		throw new Error('expected a measure');
	}

	return measure.bytes;
}

describe('measureJson', () => {
	test.each([
		[null, 4],
		[true, 4],
		[false, 5],
		[7, 1],
		[-1.5, 4],
		['', 2],
		['ab', 4],
		[[], 2],
		[{}, 2],
		// Each element counts one comma, each key its quotes, colon and comma.
		[[1, 2], 6],
		[{a: 1}, 8],
		[{'': 1}, 7],
		[[[]], 5],
		[{ab: 'xy', c: [null]}, 24],
	])('%j measures %i', (value, bytes) => {
		expect(measureJson(value, unlimited)).toEqual({ok: true, bytes});
	});

	test('never measures less than the serialized text', () => {
		fc.assert(
			fc.property(plainJson, (value) => {
				expect(measured(value)).toBeGreaterThanOrEqual(
					JSON.stringify(value).length,
				);
			}),
		);
	});

	test('a value fits a budget exactly when the budget is at least its measure', () => {
		fc.assert(
			fc.property(plainJson, (value) => {
				const bytes = measured(value);
				for (let budget = 0; budget <= bytes + 1; budget++) {
					expect(
						measureJson(value, {maxDepth: 1000, maxBytes: budget}),
					).toEqual(
						budget >= bytes ? {ok: true, bytes} : {ok: false, reason: 'size'},
					);
				}
			}),
		);
	});

	test('containers count for depth, the values inside the deepest one do not', () => {
		expect(measureJson(1, {maxDepth: 0, maxBytes: 100})).toEqual({
			ok: true,
			bytes: 1,
		});
		expect(measureJson([], {maxDepth: 1, maxBytes: 100}).ok).toBe(true);
		expect(measureJson({a: [1, 'x']}, {maxDepth: 2, maxBytes: 100})).toEqual({
			ok: true,
			bytes: 15,
		});
		expect(measureJson([[]], {maxDepth: 1, maxBytes: 100})).toEqual({
			ok: false,
			reason: 'depth',
		});
		expect(measureJson({a: {b: {}}}, {maxDepth: 2, maxBytes: 100})).toEqual({
			ok: false,
			reason: 'depth',
		});
	});

	test('depth found within the budget is reported as depth', () => {
		const nested = JSON.parse('['.repeat(50) + ']'.repeat(50)) as unknown;
		expect(measureJson(nested, {maxDepth: 49, maxBytes: 1000})).toEqual({
			ok: false,
			reason: 'depth',
		});
		expect(measureJson(nested, {maxDepth: 50, maxBytes: 1000})).toEqual({
			ok: true,
			bytes: 149,
		});
	});

	test('only own keys are measured', () => {
		const child = Object.create({inherited: 'x'.repeat(100)}) as Record<
			string,
			unknown
		>;
		child.own = 1;
		expect(measureJson(child, unlimited)).toEqual({ok: true, bytes: 10});
	});

	test('a huge array costs no more than its budget', () => {
		let visited = 0;
		const values = new Proxy(
			Array.from({length: 1_000_000}, () => 1),
			{
				get(target, key, receiver) {
					if (typeof key === 'string' && /^\d+$/.test(key)) {
						visited++;
					}

					return Reflect.get(target, key, receiver) as unknown;
				},
			},
		);
		expect(measureJson(values, {maxDepth: 5, maxBytes: 100})).toEqual({
			ok: false,
			reason: 'size',
		});
		expect(visited).toBeLessThan(200);
	});
});

describe('boundEntryFields', () => {
	test('returns anything that is not a plain object unchanged, for the schema to reject', () => {
		for (const raw of [null, 42, 'x', [{id: 'a'}], undefined]) {
			const result = boundEntryFields(raw, {maxDepth: 0, maxBytes: 0});
			expect(result.value).toBe(raw);
			expect(result.dropped).toEqual([]);
		}
	});

	test.each([
		'id',
		'port',
		'pid',
		'startedAt',
		'host',
		'path',
		'token',
		'name',
		'procStart',
	])(
		'the schema-checked field %s is passed on unmeasured and costs nothing',
		(field) => {
			const deep = [[['x'.repeat(100)]]];
			const result = boundEntryFields(
				{[field]: deep, extra: 'ab'},
				{maxDepth: 1, maxBytes: 4 + 'extra'.length + 4},
			);
			expect(result).toEqual({
				value: {[field]: deep, extra: 'ab'},
				dropped: [],
			});
		},
	);

	test('meta is free-form: bounded like an unknown field', () => {
		const result = boundEntryFields(
			{id: 'a', meta: {k: []}},
			{maxDepth: 1, maxBytes: 1000},
		);
		expect(result).toEqual({
			value: {id: 'a'},
			dropped: [{field: 'meta', reason: 'depth'}],
		});
	});

	test('fields are taken in order; each costs its name, quotes, colon and comma and its value', () => {
		// "a": "xy" costs 1 + 4 + 4 = 9; "b": "z" costs 1 + 4 + 3 = 8.
		const raw = {a: 'xy', b: 'z'};
		const kept = (maxBytes: number) =>
			Object.keys(
				boundEntryFields(raw, {maxDepth: 5, maxBytes}).value as object,
			);
		expect(kept(17)).toEqual(['a', 'b']);
		expect(kept(16)).toEqual(['a']);
		expect(kept(9)).toEqual(['a']);
		expect(kept(8)).toEqual(['b']);
		expect(kept(7)).toEqual([]);
	});

	test('says why each field was dropped', () => {
		const result = boundEntryFields(
			{deep: [[1]], big: 'x'.repeat(50), fits: 1},
			{maxDepth: 1, maxBytes: 20},
		);
		expect(result).toEqual({
			value: {fits: 1},
			dropped: [
				{field: 'deep', reason: 'depth'},
				{field: 'big', reason: 'size'},
			],
		});
	});

	test('by default, 32 levels and 64 KiB', () => {
		const nested = (depth: number) =>
			JSON.parse('['.repeat(depth) + ']'.repeat(depth)) as unknown;
		expect(boundEntryFields({x: nested(32)}).dropped).toEqual([]);
		expect(boundEntryFields({x: nested(33)}).dropped).toEqual([
			{field: 'x', reason: 'depth'},
		]);
		// The field costs its name (1 + 4) and its string (length + 2).
		const largest = 'y'.repeat(registryLimits.maxEntryBytes - 7);
		expect(boundEntryFields({x: largest}).dropped).toEqual([]);
		expect(boundEntryFields({x: `${largest}y`}).dropped).toEqual([
			{field: 'x', reason: 'size'},
		]);
	});

	test('a kept field named __proto__ stays a plain own field, exactly as parsed', () => {
		const raw = JSON.parse(
			'{"id": "a", "__proto__": {"polluted": true}, "other": 1}',
		) as Record<string, unknown>;
		const {value} = boundEntryFields(raw);
		expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
		expect((value as {polluted?: boolean}).polluted).toBeUndefined();
		expect(Object.keys(value as object)).toEqual(['id', '__proto__', 'other']);
		for (const key of ['__proto__', 'other']) {
			expect(Object.getOwnPropertyDescriptor(value, key)).toEqual(
				Object.getOwnPropertyDescriptor(raw, key),
			);
		}
	});
});
