import {type IncomingMessage} from 'node:http';
import {describe, expect, test} from 'vitest';
import {exposureWarning} from '../../source/commands/serve.js';
import {isAllowedOrigin, isLoopbackHost} from '../../source/servers/origin.js';

function request(headers: Record<string, string>): IncomingMessage {
	return {headers} as unknown as IncomingMessage;
}

describe('isLoopbackHost', () => {
	test.each([
		'localhost',
		'LOCALHOST',
		'app.localhost',
		'127.0.0.1',
		'127.1.2.3',
		'::1',
		'[::1]',
		'::ffff:127.0.0.1',
	])('%s is loopback', (host) => {
		expect(isLoopbackHost(host)).toBe(true);
	});

	test.each([
		'0.0.0.0',
		'::',
		'10.0.0.1',
		'128.0.0.1',
		'example.com',
		'localhost.example.com',
		'::2',
	])('%s is not', (host) => {
		expect(isLoopbackHost(host)).toBe(false);
	});
});

describe('isAllowedOrigin', () => {
	test.each([
		[{}, true],
		[{origin: 'http://localhost:3000', host: '127.0.0.1:5000'}, true],
		[{origin: 'https://[::1]:3000', host: '127.0.0.1:5000'}, true],
		[{origin: 'http://devbox.lan:8080', host: 'devbox.lan:5000'}, true],
		[{origin: 'https://evil.example', host: '127.0.0.1:5000'}, false],
		[{origin: 'https://evil.example', host: 'evil.example.other:5000'}, false],
		[{origin: 'null', host: '127.0.0.1:5000'}, false],
		[{origin: 'file:///x', host: '127.0.0.1:5000'}, false],
		[{origin: 'not a url', host: '127.0.0.1:5000'}, false],
	])('%j → %s', (headers, allowed) => {
		expect(isAllowedOrigin(request(headers))).toBe(allowed);
	});
});

describe('exposureWarning', () => {
	test('says that 0.0.0.0 and :: listen on every interface', () => {
		expect(exposureWarning('0.0.0.0')).toMatch(
			/^--host 0\.0\.0\.0 listens on every network interface: other machines can connect/,
		);
		expect(exposureWarning('::')).toMatch(/^--host :: listens on every/);
	});

	test('is silent for loopback', () => {
		expect(exposureWarning('127.0.0.1')).toBeUndefined();
		expect(exposureWarning('localhost')).toBeUndefined();
		expect(exposureWarning('::1')).toBeUndefined();
	});
});
