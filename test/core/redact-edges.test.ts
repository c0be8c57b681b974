import {describe, expect, test} from 'vitest';
import {
	isSecretKey,
	maxDepth,
	maxNodes,
	redactEntry,
	redactSecrets,
	redacted,
	tooDeep,
	tooLarge,
} from '../../source/core/redact.js';

/** `levels` arrays, one inside the other, around `inner`. */
function nested(levels: number, inner: unknown): unknown {
	let value = inner;
	for (let level = 0; level < levels; level++) {
		value = [value];
	}

	return value;
}

describe('isSecretKey at the edges', () => {
	test.each([
		'keys',
		'ssh_keys',
		'pass',
		'db-pass',
		'userPin',
		'pin',
		'PIN',
		'AUTH',
	])('%s names a secret by one of its words', (name) => {
		expect(isSecretKey(name)).toBe(true);
	});

	test.each(['to-ken', 'to_ken', 'to.ken', 'to ken', 'SE-CRET', 'Pass.Wd'])(
		'%s names a secret once its separators are taken out',
		(name) => {
			expect(isSecretKey(name)).toBe(true);
		},
	);

	test.each([
		'signingKey',
		'clientKey',
		'accessKey',
		'refreshToken',
		'authenticator',
		'authorize',
		'credential',
		'cookies',
		'bearerFormat',
		'myJwt',
		'passphrase',
	])('%s names a secret by a fragment', (name) => {
		expect(isSecretKey(name)).toBe(true);
	});

	test.each([
		'v2Key',
		'sha1Key',
		'x9Auth',
		'key1',
		'key2',
		'pwd2',
		'pin0',
		'2fa_pin',
	])('%s: a word beside a digit is still a word', (name) => {
		expect(isSecretKey(name)).toBe(true);
	});

	test.each([
		'_id',
		'id_',
		'-x-',
		'.name',
		'pinned',
		'passage',
		'keystone',
		'spine',
		'',
		'ID',
		'host name',
	])('%j does not name a secret', (name) => {
		expect(isSecretKey(name)).toBe(false);
	});
});

describe('redactSecrets at its bounds', () => {
	test(`shows ${maxDepth} levels of nesting whole, and marks the next one`, () => {
		const deepest = nested(maxDepth, 'x');
		expect(redactSecrets(deepest)).toStrictEqual(deepest);
		expect(redactSecrets(nested(maxDepth + 1, 'x'))).toStrictEqual(
			nested(maxDepth, tooDeep),
		);
		// A string or number at any depth is no deeper than the array holding it.
		expect(redactSecrets(nested(maxDepth, 7))).toStrictEqual(
			nested(maxDepth, 7),
		);
	});

	test(`shows ${maxNodes} array items whole, and marks the rest`, () => {
		const full = Array.from({length: maxNodes}, (_, index) => index);
		expect(redactSecrets(full)).toStrictEqual(full);
		const over = [...full, maxNodes, maxNodes + 1];
		expect(redactSecrets(over)).toStrictEqual([...full, tooLarge]);
	});

	test(`shows an object of ${maxNodes} fields whole, and marks the rest`, () => {
		const full = Object.fromEntries(
			Array.from({length: maxNodes}, (_, index) => [`k${index}`, index]),
		);
		expect(redactSecrets(full)).toStrictEqual(full);
		const result = redactEntry({...full, last: 1});
		expect(Object.keys(result)).toHaveLength(maxNodes + 1);
		expect(result['…']).toBe(tooLarge);
		expect(result).not.toHaveProperty('last');
	});

	test('counts the values of every level against the one budget of a call', () => {
		// 1 field + 9 999 items, then 1 field + 10 000 items: the last item is one too many.
		const value = {
			a: Array.from({length: maxNodes / 2 - 1}, () => 0),
			b: Array.from({length: maxNodes / 2}, () => 1),
		};
		const result = redactSecrets(value) as {a: number[]; b: unknown[]};
		expect(result.a).toStrictEqual(value.a);
		expect(result.b).toHaveLength(maxNodes / 2);
		expect(result.b.at(-1)).toBe(tooLarge);
		// Each call starts with a full budget.
		expect(redactSecrets(value)).toStrictEqual(result);
		expect(redactEntry(value)).toStrictEqual(result);
	});

	test('redacts a secret-named field of any type, and keeps null and plain values', () => {
		expect(
			redactEntry({
				token: null,
				password: {nested: 'x'},
				apiKey: ['a'],
				pin: 1234,
				port: 80,
				note: null,
				list: [null, 'a', {secret: false}],
			}),
		).toStrictEqual({
			token: redacted,
			password: redacted,
			apiKey: redacted,
			pin: redacted,
			port: 80,
			note: null,
			list: [null, 'a', {secret: redacted}],
		});
		expect(redactSecrets(null)).toBeNull();
		expect(redactSecrets('token')).toBe('token');
	});
});
