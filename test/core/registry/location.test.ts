import {fc, test as property} from '@fast-check/vitest';
import {describe, expect, test} from 'vitest';
import {parseRegistryUrl} from '../../../source/core/registry/location.js';
import {
	isRegistryUrl,
	resolveRegistryPath,
} from '../../../source/core/registry/paths.js';

describe('registry locations', () => {
	test('redis URLs: host, port, database and prefix; the password kept for the client only', () => {
		expect(parseRegistryUrl('redis://127.0.0.1')).toEqual({
			ok: true,
			location: {
				kind: 'redis',
				url: 'redis://127.0.0.1:6379/0',
				tls: false,
				prefix: 'shipyard',
				label: 'redis://127.0.0.1:6379/0',
			},
		});
		expect(
			parseRegistryUrl(
				'rediss://team:s3cret@cache.internal:6380/2?prefix=dev.team',
			),
		).toEqual({
			ok: true,
			location: {
				kind: 'redis',
				url: 'rediss://team:s3cret@cache.internal:6380/2',
				tls: true,
				prefix: 'dev.team',
				label: 'rediss://team@cache.internal:6380/2?prefix=dev.team',
			},
		});
	});

	test.each([
		['redis://127.0.0.1/x', /database "x" is not a number/],
		['redis://127.0.0.1?db=2', /unknown parameter "db"/],
		['redis://127.0.0.1?prefix=a*', /prefix must be/],
		['redis://127.0.0.1?prefix=', /prefix must be/],
		['ftp://127.0.0.1/', /scheme "ftp:" is not supported/],
		[
			'http://user:pw@127.0.0.1/api/registry',
			/credentials in the URL are not sent/,
		],
		['redis://[::1', /not a valid URL/],
	])('%s is refused: %s', (text, message) => {
		const result = parseRegistryUrl(text);
		expect(result.ok).toBe(false);
		expect(result.ok ? '' : result.message).toMatch(message);
	});

	test('a user name that is not valid percent-encoding is shown as written (fast-check found it)', () => {
		const result = parseRegistryUrl('redis://%:@127.0.0.1:6379/');
		expect(result.ok && result.location.label).toBe(
			'redis://%@127.0.0.1:6379/0',
		);
	});

	test('credentials reach the client as given: a user alone, a password alone, or both', () => {
		const url = (text: string) => {
			const result = parseRegistryUrl(text);
			return result.ok ? result.location.url : result.message;
		};

		expect(url('redis://alice@h')).toBe('redis://alice@h:6379/0');
		expect(url('redis://:pw@h')).toBe('redis://:pw@h:6379/0');
		expect(url('redis://alice:pw@h/12')).toBe('redis://alice:pw@h:6379/12');
	});

	test.each([
		['redis:///0', 'redis registry URL names no host'],
		['redis://h/a12', 'redis registry URL: database "a12" is not a number'],
		[
			'redis://h/123456',
			'redis registry URL: database "123456" is not a number',
		],
		[
			'redis://h?prefix=a*b',
			'redis registry URL: prefix must be 1–64 letters, digits, or "_.:-"',
		],
		[
			`redis://h?prefix=${'p'.repeat(65)}`,
			'redis registry URL: prefix must be 1–64 letters, digits, or "_.:-"',
		],
		[
			'ws://h/',
			'registry URL scheme "ws:" is not supported (use a file path, redis://, rediss://, http:// or https://)',
		],
		[
			'http://alice@127.0.0.1/',
			'http registry URL: credentials in the URL are not sent (they would show in process lists); serve the registry without them or on loopback',
		],
		[
			'http://:pw@127.0.0.1/',
			'http registry URL: credentials in the URL are not sent (they would show in process lists); serve the registry without them or on loopback',
		],
	])('%s: %s', (text, message) => {
		expect(parseRegistryUrl(text)).toEqual({ok: false, message});
	});

	test('a hostile user name is shown inert and bounded in the label', () => {
		const result = parseRegistryUrl(`redis://a%1B%5B2Jb${'x'.repeat(300)}@h`);
		const label = result.ok ? result.location.label : '';
		expect(label.startsWith('redis://a?[2Jbxxx')).toBe(true);
		expect(label).toHaveLength('redis://'.length + 200 + '@h:6379/0'.length);
	});

	test('https URLs are HTTP registries too', () => {
		const result = parseRegistryUrl('https://registry.example/api/registry');
		expect(result.ok && result.location.kind).toBe('http');
	});

	test('http URLs keep their query for the request, not for the label', () => {
		expect(parseRegistryUrl('http://127.0.0.1:5173/api/registry?x=1')).toEqual({
			ok: true,
			location: {
				kind: 'http',
				url: 'http://127.0.0.1:5173/api/registry?x=1',
				label: 'http://127.0.0.1:5173/api/registry',
			},
		});
	});

	test('--registry and SHIPYARD_REGISTRY: a URL stays a URL, a path becomes absolute', () => {
		expect(resolveRegistryPath({flag: ' redis://h:1 ', env: {}})).toBe(
			'redis://h:1',
		);
		expect(resolveRegistryPath({env: {SHIPYARD_REGISTRY: 'redis://h:2'}})).toBe(
			'redis://h:2',
		);
		expect(resolveRegistryPath({flag: './redis://x', env: {}})).toMatch(
			/^\/.*redis:\/x$/,
		);
		expect(isRegistryUrl(String.raw`C:\Users\x\servers.json`)).toBe(false);
	});

	property.prop(
		[
			fc.oneof(
				fc.string({maxLength: 80}),
				fc
					.tuple(
						fc.constantFrom('redis', 'rediss', 'http', 'https', 'ftp'),
						fc.string({maxLength: 12}),
						fc.string({maxLength: 12}),
						fc.string({maxLength: 30}),
					)
					.map(
						([scheme, user, password, rest]) =>
							`${scheme}://${user}:${password}@127.0.0.1:6379/${rest}`,
					),
			),
		],
		{numRuns: 300},
	)(
		'never throws; a label never shows the password or a control character',
		(text) => {
			const result = parseRegistryUrl(text);
			if (!result.ok) {
				// eslint-disable-next-line no-control-regex
				expect(result.message).not.toMatch(/[\u0000-\u001F\u007F-\u009F]/);
				return;
			}

			const {label} = result.location;
			// eslint-disable-next-line no-control-regex
			expect(label).not.toMatch(/[\u0000-\u001F\u007F-\u009F]/);
			const {password} = new URL(text);
			if (password.length >= 3) {
				expect(label).not.toContain(`:${password}@`);
			}
		},
	);
});
