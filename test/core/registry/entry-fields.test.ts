import {describe, expect, test} from 'vitest';
import {
	hostProblem,
	pathProblem,
	tokenProblem,
} from '../../../source/core/registry/entry-fields.js';

const notAHostName =
	'must be a host name (letters, digits, "-" and "."), an IPv4 or an IPv6 address';
const notAnAddress =
	'must be a host name, an IPv4 or an IPv6 address (no port: that is "port")';

/** `count` labels of `size` letters joined by dots. */
function dottedName(labels: number, size: number): string {
	return Array.from({length: labels}, () => 'a'.repeat(size)).join('.');
}

describe('hostProblem', () => {
	test.each([
		'localhost',
		'LocalHost',
		'api.example.com',
		'localhost.',
		'a-b.example',
		'x1.example',
		'host.1a',
		'10.0.0.1',
		'::1',
		'[::1]',
		'fe80::1',
		'[2001:db8::8]',
		'a'.repeat(63),
	])('accepts %j', (host) => {
		expect(hostProblem(host)).toBeUndefined();
	});

	test.each([
		['an empty name', ''],
		['a label of 64 characters', 'a'.repeat(64)],
		['a leading hyphen', '-a.example'],
		['a trailing hyphen', 'a-.example'],
		['an empty label', 'a..b'],
		['a leading dot', '.example'],
		['an underscore', 'a_b.example'],
		['a space', 'my host'],
		['a name of digits, read as an IPv4 number by URL parsers', '0'],
		['a last label of digits', 'example.123'],
		['a last label of digits after two others', 'sub.example.123'],
		['a last label of digits before the root dot', 'example.123.'],
		['two trailing dots', 'a..'],
		['a last label in hex', 'example.0x1F'],
		['a bare 0x', 'example.0x'],
		['a bad IPv4 address', '1.2.3.999'],
		['an opening bracket alone', '[abc'],
		['a closing bracket alone', 'abc]'],
	])('refuses %s as a host name', (_, host) => {
		expect(hostProblem(host)).toBe(notAHostName);
	});

	test.each([
		['a host with a port', '127.0.0.1:8080'],
		['a name with a port', 'localhost:80'],
		['an IPv6 address with a zone', 'fe80::1%eth0'],
		['a bracketed IPv6 address with a zone', '[fe80::1%eth0]'],
		['a bracketed IPv4 address', '[1.2.3.4]'],
		['a bracketed name', '[localhost]'],
		['empty brackets', '[]'],
	])('refuses %s as an address', (_, host) => {
		expect(hostProblem(host)).toBe(notAnAddress);
	});

	test('a name of 253 characters is accepted, 254 is not', () => {
		// 4 labels of 62 and one of 1: 4 × 63 + 1 = 253.
		const longest = `${dottedName(4, 62)}.b`;
		expect(longest).toHaveLength(253);
		expect(hostProblem(longest)).toBeUndefined();
		expect(hostProblem(`${longest}b`)).toBe(notAHostName);
	});

	test('the length message is kept for names past 255 characters', () => {
		const name = `${dottedName(4, 62)}.bbb`;
		expect(name).toHaveLength(255);
		expect(hostProblem(name)).toBe(notAHostName);
		expect(hostProblem(`${name}b`)).toBe('is longer than 255 characters');
	});
});

describe('pathProblem', () => {
	test.each(['/', '/ws', '/ws?room=1&x=%20', '/ü', '/a\u00A1b'])(
		'accepts %j',
		(path) => {
			expect(pathProblem(path)).toBeUndefined();
		},
	);

	test('needs a leading slash', () => {
		expect(pathProblem('ws')).toBe('must start with "/"');
		expect(pathProblem('')).toBe('must start with "/"');
	});

	test('2048 characters are accepted, 2049 are not', () => {
		const longest = `/${'p'.repeat(2047)}`;
		expect(pathProblem(longest)).toBeUndefined();
		expect(pathProblem(`${longest}p`)).toBe('is longer than 2048 characters');
	});

	test('refuses a fragment', () => {
		expect(pathProblem('/a#b')).toBe(
			'must not contain "#" (a WebSocket URL has no fragment)',
		);
	});

	test.each([
		['a space', ' '],
		['a tab', '\t'],
		['a no-break space', '\u00A0'],
		['NUL', '\u0000'],
		['the last C0 control', '\u001F'],
		['DEL', '\u007F'],
		['the first C1 control', '\u0080'],
		['the last C1 control', '\u009F'],
		['a line separator', '\u2028'],
	])('refuses %s', (_, character) => {
		expect(pathProblem(`/a${character}b`)).toBe(
			'must not contain spaces or control characters',
		);
	});
});

describe('tokenProblem', () => {
	test.each([
		'abc',
		'a',
		'A-Za-z0-9._~+/',
		'abc=',
		'abc==',
		'_',
		'x'.repeat(4096),
	])('accepts %j', (token) => {
		expect(tokenProblem(token)).toBeUndefined();
	});

	test.each([
		['an empty token', ''],
		['a token of only "="', '=='],
		['"=" before the end', 'a=b'],
		['"=" at the start', '=abc'],
		['a space inside', 'a b'],
		['a leading space', ' abc'],
		['a trailing space', 'abc '],
		['a newline', 'abc\n'],
		['a character outside ASCII', 't€ken'],
		['a comma', 'a,b'],
	])('refuses %s', (_, token) => {
		expect(tokenProblem(token)).toBe(
			'must hold only the characters a bearer token may (A-Z a-z 0-9 - . _ ~ + / and trailing =)',
		);
	});

	test('a token past 4096 characters is refused for its length', () => {
		expect(tokenProblem('x'.repeat(4097))).toBe(
			'is longer than 4096 characters',
		);
	});
});
