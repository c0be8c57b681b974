import {fc, test} from '@fast-check/vitest';
import {describe, expect} from 'vitest';
import {
	isSecretKey,
	maxDepth,
	redactEntry,
	redactSecrets,
	redacted,
} from '../../source/core/redact.js';

describe('isSecretKey', () => {
	test.each([
		'token',
		'accessToken',
		'X-Auth-Token',
		'secret',
		'clientSecret',
		'password',
		'DB_PASSWORD',
		'passwd',
		'passphrase',
		'key',
		'apiKey',
		'api_key',
		'API-KEY',
		'apikey',
		'private_key',
		'privateKey',
		'sshKey',
		'auth',
		'basicAuth',
		'authorization',
		'Authorization',
		'authentication',
		'oauth',
		'credentials',
		'cookie',
		'Set-Cookie',
		'session',
		'sessionId',
		'bearer',
		'jwt',
		'pwd',
	])('%s names a secret', (name) => {
		expect(isSecretKey(name)).toBe(true);
	});

	test.each([
		'id',
		'port',
		'pid',
		'host',
		'path',
		'name',
		'startedAt',
		'procStart',
		'meta',
		'kind',
		'author',
		'keyboard',
		'monkey',
		'version',
		'region',
	])('%s does not', (name) => {
		expect(isSecretKey(name)).toBe(false);
	});
});

describe('redactEntry', () => {
	test('redacts secret-named fields in meta and unknown fields, at any depth, and keeps the rest', () => {
		const entry = {
			id: 'api',
			port: 1,
			pid: 2,
			token: 'hunter2',
			meta: {
				owner: 'ana',
				db: {password: 'pw1', hosts: [{name: 'a', apiKey: 'k1'}]},
				Cookie: {session: 'c1'},
			},
			aws_secret_access_key: 's1',
			extra: [[{auth: 'a1'}]],
		};
		const copy = structuredClone(entry);
		expect(redactEntry(entry)).toEqual({
			id: 'api',
			port: 1,
			pid: 2,
			token: redacted,
			meta: {
				owner: 'ana',
				db: {password: redacted, hosts: [{name: 'a', apiKey: redacted}]},
				Cookie: redacted,
			},
			aws_secret_access_key: redacted,
			extra: [[{auth: redacted}]],
		});
		// The entry itself is untouched: the connection still needs its token.
		expect(entry).toEqual(copy);
	});

	test('keeps a __proto__ key a plain field, never a prototype', () => {
		const entry = JSON.parse(
			'{"id":"x","meta":{"__proto__":{"polluted":true,"token":"t"}}}',
		) as Record<string, unknown>;
		const result = redactEntry(entry) as {meta: Record<string, unknown>};
		expect(Object.getPrototypeOf(result.meta)).toBe(Object.prototype);
		expect(Object.hasOwn(result.meta, '__proto__')).toBe(true);
		expect(JSON.stringify(result)).toBe(
			'{"id":"x","meta":{"__proto__":{"polluted":true,"token":"<redacted>"}}}',
		);
	});

	test('a secret nested past the depth bound is not shown, and deep nesting does not overflow', () => {
		let deep: unknown = {token: 'deep-secret'};
		for (let level = 0; level < 10_000; level++) {
			deep = level % 2 === 0 ? [deep] : {a: deep};
		}

		const text = JSON.stringify(redactEntry({id: 'x', meta: {deep}}));
		expect(text).not.toContain('deep-secret');
		expect(text).toContain(`nested deeper than ${maxDepth} levels`);
	});

	test('a huge entry costs bounded work and its tail is not shown', () => {
		const wide = Object.fromEntries(
			Array.from({length: 50_000}, (_, index) => [`k${index}`, index]),
		);
		const result = redactEntry({id: 'x', meta: wide}) as {
			meta: Record<string, unknown>;
		};
		expect(Object.keys(result.meta).length).toBeLessThan(30_000);
		expect(JSON.stringify(result)).toContain('not shown');
	});
});

const secretName = fc.constantFrom(
	'token',
	'password',
	'apiKey',
	'private_key',
	'Authorization',
	'clientSecret',
	'cookie',
);
const plainName = fc
	.string({minLength: 1, maxLength: 8})
	.filter((name) => !isSecretKey(name));
const marker = 'SECRET-MARKER-91f3';

/** JSON with secrets planted under secret-named keys at random places. */
const withSecrets = fc.letrec<{value: unknown}>((tie) => ({
	value: fc.oneof(
		{depthSize: 'small', maxDepth: 6},
		fc.string(),
		fc.integer(),
		fc.constant(null),
		fc.array(tie('value'), {maxLength: 3}),
		fc
			.tuple(
				fc.dictionary(plainName, tie('value'), {maxKeys: 3}),
				fc.option(secretName, {nil: undefined}),
				fc.oneof(
					fc.constant(marker),
					tie('value').map((v) => [marker, v]),
				),
			)
			.map(([object, name, secret]) =>
				name === undefined ? object : {...object, [name]: secret},
			),
	),
})).value;

describe('redactSecrets (property)', () => {
	test.prop([withSecrets], {numRuns: 300})(
		'no value under a secret-named key survives, and the input is unchanged',
		(value) => {
			const before = JSON.stringify(value);
			const result = JSON.stringify(redactSecrets(value));
			expect(result).not.toContain(marker);
			expect(JSON.stringify(value)).toBe(before);
		},
	);

	test.prop([fc.jsonValue({maxDepth: 5})], {numRuns: 300})(
		'JSON with no secret-named key comes out the same',
		(value) => {
			fc.pre(!hasSecretKey(value));
			expect(redactSecrets(value)).toStrictEqual(value);
		},
	);
});

function hasSecretKey(value: unknown): boolean {
	if (value === null || typeof value !== 'object') {
		return false;
	}

	return Object.entries(value).some(
		([key, field]) => isSecretKey(key) || hasSecretKey(field),
	);
}
