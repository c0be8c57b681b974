import {Buffer} from 'node:buffer';
import {describe, expect, it} from 'vitest';
import {
	decodeFrame,
	type DecodeOptions,
} from '../../../source/core/messages/decode.js';
import {isChannel, isTyped} from '../../../source/core/messages/json-shapes.js';

// Gaps the mutation run of decode.ts showed (issue 16): behaviour that no test pinned down.

function text(payload: string, options?: DecodeOptions) {
	return decodeFrame(Buffer.from(payload), false, options);
}

describe('decodeFrame: JSON values that are not containers', () => {
	it('shows null, numbers, booleans and strings as they were sent', () => {
		for (const value of ['null', '42', '-1.5e3', 'true', 'false', '"s"']) {
			const frame = text(value);
			expect(frame.preview, value).toBe(value);
			expect(frame.full, value).toBe(value);
		}

		// Only `{`, `[` and `"` are worth a JSON parse; the others are text that reads the same.
		expect(text('"s"').kind).toBe('json');
		expect(text(' null').kind).toBe('text');
	});

	it('takes [null] and {"a": null} as JSON, not as a typed or channel frame', () => {
		expect(text('[null]')).toMatchObject({kind: 'json', preview: '[null]'});
		expect(text('[null, "e", 1]')).toMatchObject({
			kind: 'json',
			preview: '[null,"e",1]',
		});
		expect(text('{"type": null}')).toMatchObject({
			kind: 'json',
			preview: '{"type":null}',
		});
	});
});

describe('decodeFrame: text that starts like JSON but is not', () => {
	it('is shown as text, preview and full, escapes made visible', () => {
		const frame = text('{not json \u001B[2J');
		expect(frame).toMatchObject({kind: 'text', preview: '{not json ␛[2J'});
		expect(frame.full).toBe('{not json ␛[2J');
		expect(text('[1, 2').full).toBe('[1, 2');
	});
});

describe('decodeFrame: the fast and the bounded preview past 100 levels', () => {
	const deep = (depth: number, inner: string) =>
		`${'['.repeat(depth)}${inner}${']'.repeat(depth)}`;

	it('a short frame is previewed by JSON.stringify, every level shown', () => {
		const value = deep(150, '1');
		expect(text(value).preview).toBe(value);
	});

	it('up to previewLength × 4 characters is short; one more takes the bounded formatter', () => {
		const previewLength = 200;
		// 101 levels around a string: exactly 800 characters.
		const fits = deep(101, `"${'x'.repeat(596)}"`);
		expect(fits).toHaveLength(previewLength * 4);
		expect(text(fits, {previewLength}).preview).toBe(
			`${'['.repeat(101)}"${'x'.repeat(97)}…`,
		);
		const over = deep(101, `"${'x'.repeat(597)}"`);
		expect(text(over, {previewLength}).preview).toBe(
			`${'['.repeat(100)}[…]${']'.repeat(96)}…`,
		);
	});
});

describe('decodeFrame: full is rendered once', () => {
	it('returns the same text on every read', () => {
		const frame = text('{"a":1}');
		expect(frame.full).toBe('{\n  "a": 1\n}');
		expect(frame.full).toBe('{\n  "a": 1\n}');
	});
});

describe('the JSON shapes alone', () => {
	it('isTyped takes only plain objects with a string type', () => {
		expect(isTyped({type: 't'})).toBe(true);
		expect(isTyped(null)).toBe(false);
		expect(isTyped(undefined)).toBe(false);
		expect(isTyped('type')).toBe(false);
		expect(isTyped({type: 1})).toBe(false);
		// Not reachable from JSON, but the guard must hold on its own.
		expect(isTyped(Object.assign(['a'], {type: 't'}))).toBe(false);
		expect(isTyped(Object.assign(() => 0, {type: 't'}))).toBe(false);
	});

	it('isChannel takes only [string, string, anything]', () => {
		expect(isChannel(['t', 'e', null])).toBe(true);
		expect(isChannel(['t', 'e'])).toBe(false);
		expect(isChannel(['t', 'e', 1, 2])).toBe(false);
		expect(isChannel([1, 'e', 1])).toBe(false);
		expect(isChannel(['t', 1, 1])).toBe(false);
		expect(isChannel({0: 't', 1: 'e', 2: 1, length: 3})).toBe(false);
	});
});
