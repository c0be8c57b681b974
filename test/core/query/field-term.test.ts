import {fc, test as property} from '@fast-check/vitest';
import {describe, expect, test} from 'vitest';
import {fieldTerm, isFieldTerm} from '../../../source/core/query/field-term.js';
import {hostileJson} from '../../helpers/hostile-text.js';

function term(text: string) {
	const parsed = fieldTerm(text);
	if (!parsed.ok) {
		throw new Error(parsed.error);
	}

	return parsed.term;
}

/** Whether `text` holds for the message `json` (already parsed). */
function holds(text: string, json: unknown): boolean {
	return term(text).test(json);
}

describe('what reads as a field term', () => {
	test.each([
		['a=b', true],
		['_x=1', true],
		['$x=1', true],
		['a-b.c-d=1', true],
		['a.$b=1', true],
		['items[0].id=x', true],
		['a[123456789]=x', true],
		['a=', true],
		// A leading dot means nothing: `.host=x` is the field where `host=x` is the machine.
		['.a=b', true],
		// A path starts with a letter, `_` or `$`, and an index has at most nine digits.
		['1a=b', false],
		['-a=b', false],
		['..a=b', false],
		['[0]=b', false],
		['a[1234567890]=x', false],
		['a[x]=b', false],
		['a.=b', false],
		['a b=c', false],
		['a', false],
		['=b', false],
		['"a"=b', false],
	])('%j: %s', (text, expected) => {
		expect(isFieldTerm(text)).toBe(expected);
		expect(fieldTerm(text).ok).toBe(expected);
	});

	test('text that is not a field term says so', () => {
		expect(fieldTerm('plain words')).toEqual({
			ok: false,
			error: 'not a field term: plain words',
		});
	});

	test('the operator is the first one after the path, two-character ones whole', () => {
		expect(term('n>=3').label).toBe('n>=3');
		expect(holds('n>=3', {n: 3})).toBe(true);
		expect(holds('n<=3', {n: 3})).toBe(true);
		expect(holds('n!=3', {n: 4})).toBe(true);
		expect(holds('n!=3', {n: 3})).toBe(false);
		// The value may hold operators of its own: only the first one splits.
		expect(holds('s==x', {s: '=x'})).toBe(true);
		expect(holds('s=a~b', {s: 'a~b'})).toBe(true);
		expect(holds('s~<', {s: 'a<b'})).toBe(true);
	});

	test('the value runs to the end, line breaks included', () => {
		expect(holds('s=a\nb', {s: 'a\nb'})).toBe(true);
		expect(holds('s=a\nb', {s: 'a'})).toBe(false);
	});
});

describe('paths', () => {
	const message = {
		a: {b: {c: 'deep'}},
		'x-y': 1,
		items: [{id: 'first'}, {id: 'second'}],
		grid: [
			[1, 2],
			[3, 4],
		],
	};

	test('names and indexes walk into objects and arrays', () => {
		expect(holds('a.b.c=deep', message)).toBe(true);
		expect(holds('a.b.c=other', message)).toBe(false);
		expect(holds('x-y=1', message)).toBe(true);
		expect(holds('items[0].id=first', message)).toBe(true);
		expect(holds('items[1].id=second', message)).toBe(true);
		expect(holds('grid[1][0]=3', message)).toBe(true);
		expect(holds('grid[0][1]=2', message)).toBe(true);
		const long = {list: Array.from({length: 12}, (_, index) => index * 10)};
		expect(holds('list[10]=100', long)).toBe(true);
		expect(holds('list[11]=110', long)).toBe(true);
	});

	test('a missing field matches nothing, not even != or a pattern that matches empty text', () => {
		expect(holds('a.zz!=x', message)).toBe(false);
		expect(holds('a.zz~/^$/', message)).toBe(false);
		expect(holds('a.b.c.d!=x', message)).toBe(false);
		// One past the end of an array is missing too.
		expect(holds('items[2]!=x', message)).toBe(false);
		expect(holds('items[2]~/^$/', message)).toBe(false);
		expect(holds('items[1]!=x', message)).toBe(true);
	});

	test('an index reads arrays only, a name reads objects only', () => {
		expect(holds('a[0]!=x', message)).toBe(false);
		expect(holds('items.length=2', message)).toBe(false);
		expect(holds('items.0!=x', message)).toBe(false);
		expect(holds('s.length=1', {s: 'x'})).toBe(false);
		expect(holds('s[0]=x', {s: 'x'})).toBe(false);
		expect(holds('n.x!=1', {n: null})).toBe(false);
	});

	test('only own properties are read, and a getter is never called', () => {
		expect(holds('a.constructor~Object', {a: {}})).toBe(false);
		expect(holds('a.toString!=x', {a: {}})).toBe(false);
		let called = 0;
		const withGetter = {
			get secret() {
				called++;
				return 'value';
			},
		};
		expect(holds('secret=value', withGetter)).toBe(false);
		expect(called).toBe(0);
	});

	test('not JSON at all matches nothing', () => {
		expect(holds('a!=x', undefined)).toBe(false);
		expect(holds('a~/^$/', undefined)).toBe(false);
		expect(holds('a>0', undefined)).toBe(false);
	});
});

describe('channel frames [topic, event, payload]', () => {
	test('read as {topic, event, payload}', () => {
		const frame = ['room:1', 'joined', {user: 'ann'}];
		expect(holds('topic=room:1', frame)).toBe(true);
		expect(holds('event=joined', frame)).toBe(true);
		expect(holds('payload.user=ann', frame)).toBe(true);
	});

	test('only three elements with a string topic and a string event make a frame', () => {
		expect(holds('topic!=x', ['a', 'b'])).toBe(false);
		expect(holds('topic!=x', ['a', 'b', 'c', 'd'])).toBe(false);
		expect(holds('topic!=x', [1, 'b', 'c'])).toBe(false);
		expect(holds('topic!=x', ['a', 2, 'c'])).toBe(false);
		expect(holds('topic!=x', {0: 'a', 1: 'b', 2: 'c', length: 3})).toBe(false);
		expect(holds('topic!=x', ['a', 'b', 'c'])).toBe(true);
	});
});

describe('= and !=', () => {
	test('a string field equals the text exactly', () => {
		expect(holds('s=Hello', {s: 'Hello'})).toBe(true);
		expect(holds('s=hello', {s: 'Hello'})).toBe(false);
		expect(holds('s=', {s: ''})).toBe(true);
		expect(holds('s=3', {s: '3.0'})).toBe(false);
	});

	test('a number field equals the text read as a number', () => {
		expect(holds('n=3', {n: 3})).toBe(true);
		expect(holds('n=3.0', {n: 3})).toBe(true);
		expect(holds('n=0.5', {n: 0.5})).toBe(true);
		expect(holds('n=1e3', {n: 1000})).toBe(true);
		expect(holds('n=x', {n: 3})).toBe(false);
		// `Number('')` is 0, but empty text is no number.
		expect(holds('n=', {n: 0})).toBe(false);
		expect(holds('n!=', {n: 0})).toBe(true);
	});

	test('booleans and null equal their JSON spelling', () => {
		expect(holds('b=true', {b: true})).toBe(true);
		expect(holds('b=false', {b: false})).toBe(true);
		expect(holds('b=true', {b: false})).toBe(false);
		expect(holds('z=null', {z: null})).toBe(true);
		expect(holds('z=', {z: null})).toBe(false);
	});

	test('objects and arrays equal nothing; != holds for them', () => {
		expect(holds('o=[object Object]', {o: {}})).toBe(false);
		expect(holds('o={}', {o: {}})).toBe(false);
		expect(holds('o=', {o: []})).toBe(false);
		expect(holds('o!=', {o: []})).toBe(true);
	});
});

describe('> < >= <=', () => {
	test.each([
		['n>2', 3, true],
		['n>3', 3, false],
		['n<4', 3, true],
		['n<3', 3, false],
		['n>=3', 3, true],
		['n>=4', 3, false],
		['n<=3', 3, true],
		['n<=2', 3, false],
	])('%s with n = %d: %s', (text, n, expected) => {
		expect(holds(text, {n})).toBe(expected);
	});

	test('numbers may be signed, fractional or in exponent notation', () => {
		expect(holds('n>-1', {n: 0})).toBe(true);
		expect(holds('n<-1', {n: 0})).toBe(false);
		expect(holds('n<+1', {n: 0})).toBe(true);
		expect(holds('n<1.', {n: 0.5})).toBe(true);
		expect(holds('n>.25', {n: 0.5})).toBe(true);
		expect(holds('n<.75', {n: 0.5})).toBe(true);
		expect(holds('n>1.5', {n: 1.75})).toBe(true);
		expect(holds('n<12.5', {n: 12.25})).toBe(true);
		expect(holds('n>12.5', {n: 12.25})).toBe(false);
		expect(holds('n<1e10', {n: 1e9})).toBe(true);
		expect(holds('n<1e10', {n: 1e11})).toBe(false);
		expect(holds('n<1e2', {n: 99})).toBe(true);
		expect(holds('n<1E2', {n: 101})).toBe(false);
		expect(holds('n>1e-2', {n: 0.02})).toBe(true);
		expect(holds('n<1e+2', {n: 99})).toBe(true);
	});

	test.each([
		'',
		'x',
		'1x',
		'x1',
		'1e',
		'e1',
		'.',
		'-',
		'1..2',
		'1.2.3',
		'--1',
		'0x10',
		'Infinity',
		' 1',
	])('%j is not a number to compare with', (value) => {
		expect(fieldTerm(`n>${value}`)).toEqual({
			ok: false,
			error: `n>${value}: "${value}" is not a number to compare with`,
		});
	});

	test('only number fields compare', () => {
		expect(holds('n>0', {n: '5'})).toBe(false);
		expect(holds('n<1', {n: null})).toBe(false);
		expect(holds('n<2', {n: true})).toBe(false);
		expect(holds('n<1', {})).toBe(false);
	});
});

describe('~', () => {
	test('looks for text in string fields, smart-case, or with a regex', () => {
		expect(holds('s~ell', {s: 'Hello'})).toBe(true);
		expect(holds('s~ELL', {s: 'Hello'})).toBe(false);
		expect(holds('s~/^h/i', {s: 'Hello'})).toBe(true);
		expect(holds('s~zzz', {s: 'Hello'})).toBe(false);
	});

	test('other fields are searched as compact JSON', () => {
		expect(holds('o~"k":1', {o: {k: 1}})).toBe(true);
		expect(holds('o~"k": 1', {o: {k: 1}})).toBe(false);
		expect(holds('n~/^42$/', {n: 42})).toBe(true);
		expect(holds('z~/^null$/', {z: null})).toBe(true);
	});

	test('a field that cannot be written as JSON is empty text, and nothing throws', () => {
		const circular: Record<string, unknown> = {};
		circular.self = circular;
		expect(holds('o~/^$/', {o: circular})).toBe(true);
		expect(holds('o~self', {o: circular})).toBe(false);
		expect(holds('f~/^$/', {f: () => 1})).toBe(true);
		expect(holds('f~/^u/', {f: () => 1})).toBe(false);
	});

	test('an empty or bad pattern says why', () => {
		expect(fieldTerm('s~')).toEqual({
			ok: false,
			error: 's~: nothing to look for',
		});
		expect(fieldTerm('s~/(/')).toEqual({
			ok: false,
			error: 's~/(/: bad regex /(/: Unterminated group',
		});
	});
});

property.prop([fc.string({maxLength: 30}), hostileJson()], {numRuns: 300})(
	'any text is a field term or says why; a term never throws on any message',
	(text, json) => {
		const parsed = fieldTerm(text);
		if (!parsed.ok) {
			expect(parsed.error.length).toBeGreaterThan(0);
			return;
		}

		expect(isFieldTerm(text)).toBe(true);
		expect(typeof parsed.term.test(json)).toBe('boolean');
	},
);
