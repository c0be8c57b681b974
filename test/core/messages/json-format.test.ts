import {fc, test} from '@fast-check/vitest';
import {describe, expect} from 'vitest';
import {
	formatJson,
	maxJsonDepth,
	notJson,
	parseJson,
	prettyJson,
} from '../../../source/core/messages/json-format.js';

const compact = (value: unknown, limit = 1_000_000) =>
	formatJson(value, {limit, indent: ''});
const pretty = (value: unknown, limit = 1_000_000) =>
	formatJson(value, {limit, indent: '  '});

/** `depth` arrays, one inside the other, around `1`. */
function nested(depth: number): unknown {
	let value: unknown = 1;
	for (let level = 0; level < depth; level++) {
		value = [value];
	}

	return value;
}

describe('formatJson', () => {
	test.prop([fc.jsonValue({maxDepth: 6})], {numRuns: 300})(
		'lays out any JSON value exactly as JSON.stringify does, compact and pretty',
		(value) => {
			expect(compact(value)).toEqual({
				text: JSON.stringify(value),
				complete: true,
			});
			expect(pretty(value)).toEqual({
				text: JSON.stringify(value, undefined, 2),
				complete: true,
			});
		},
	);

	test('empty arrays and objects stay [] and {}, also pretty-printed inside others', () => {
		expect(pretty([])).toEqual({text: '[]', complete: true});
		expect(pretty({})).toEqual({text: '{}', complete: true});
		expect(pretty({a: {}, b: [], c: [[]]}).text).toBe(
			'{\n  "a": {},\n  "b": [],\n  "c": [\n    []\n  ]\n}',
		);
	});

	test(`shows ${maxJsonDepth} levels and collapses what is deeper, unlike JSON.stringify`, () => {
		const shown = `${'['.repeat(maxJsonDepth)}1${']'.repeat(maxJsonDepth)}`;
		expect(compact(nested(maxJsonDepth)).text).toBe(shown);
		const collapsed = `${'['.repeat(maxJsonDepth)}[…]${']'.repeat(maxJsonDepth)}`;
		expect(compact(nested(maxJsonDepth + 1)).text).toBe(collapsed);
		expect(compact(nested(maxJsonDepth + 50)).text).toBe(collapsed);
		// An empty container at that depth is shown as it is: there is nothing to collapse.
		let withEmpty: unknown = {};
		for (let level = 0; level < maxJsonDepth; level++) {
			withEmpty = [withEmpty];
		}

		expect(compact(withEmpty).text).toBe(
			`${'['.repeat(maxJsonDepth)}{}${']'.repeat(maxJsonDepth)}`,
		);
		// Pretty-printed, the deepest line is indented once per level.
		const lines = pretty(nested(maxJsonDepth + 1)).text.split('\n');
		expect(lines[maxJsonDepth]).toBe(`${'  '.repeat(maxJsonDepth)}[…]`);
	});

	test('complete exactly when the text fits the limit', () => {
		expect(compact([1, 2, 3], 7)).toEqual({text: '[1,2,3]', complete: true});
		expect(compact([1, 2, 3], 6).complete).toBe(false);
	});

	test('stops soon after the limit, however many items follow', () => {
		const result = compact(
			Array.from({length: 10_000}, () => 12_345),
			20,
		);
		expect(result.complete).toBe(false);
		expect(result.text.startsWith('[12345,12345,12345')).toBe(true);
		expect(result.text.length).toBeLessThan(40);
	});

	test('cuts a long string or key to the limit', () => {
		expect(compact('abcdef', 3)).toEqual({text: '"abc"', complete: false});
		// The entry under way is finished; the next one does not start, nor does the object close.
		expect(compact({abcdef: 1, g: 2}, 3)).toEqual({
			text: '{"abc":1',
			complete: false,
		});
	});

	test('leaves the skipped key out of the top-level object only', () => {
		expect(
			formatJson(
				{type: 't', a: {type: 'inner'}},
				{limit: 100, indent: '', skipKey: 'type'},
			).text,
		).toBe('{"a":{"type":"inner"}}');
	});
});

describe('prettyJson', () => {
	test('pretty-prints JSON with two spaces', () => {
		expect(prettyJson('{"a":[1,{}]}', 100)).toBe(
			'{\n  "a": [\n    1,\n    {}\n  ]\n}',
		);
	});

	test('shows text that is not JSON as sent, escapes made visible', () => {
		expect(prettyJson('{not json\u001B[2J', 100)).toBe('{not json␛[2J');
		// Over several lines, as a detail view shows it.
		expect(prettyJson('{not\njson', 100)).toBe('{not\njson');
	});

	test('cuts at the limit with a marker', () => {
		expect(prettyJson('[1,2,3,4,5,6,7,8,9]', 5)).toBe(
			'[\n  1… (cut at 5 characters)',
		);
	});
});

describe('parseJson', () => {
	test('returns the value, or notJson instead of throwing', () => {
		expect(parseJson('{"a":1}')).toEqual({a: 1});
		expect(parseJson('null')).toBeNull();
		expect(parseJson('{a:1}')).toBe(notJson);
		expect(parseJson('')).toBe(notJson);
	});
});
