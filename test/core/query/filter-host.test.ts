import {describe, expect, test} from 'vitest';
import {
	parseFilter,
	type FilterSubject,
} from '../../../source/core/query/filter.js';

function subject(
	serverId: string,
	host: string | undefined,
	json?: unknown,
): FilterSubject {
	return {
		serverId,
		...(host === undefined ? {} : {host}),
		direction: 'in',
		text: JSON.stringify(json ?? 'x'),
		json: () => json,
	};
}

function filter(text: string) {
	const parsed = parseFilter(text);
	if (!parsed.ok) {
		throw new Error(parsed.error);
	}

	return parsed.filter;
}

describe('/filter host=… (a team registry’s machines)', () => {
	const lines = [
		subject('api', 'build-box'),
		subject('web', 'laptop'),
		subject('db', 'build-box-2'),
		subject('local', undefined),
	];
	const kept = (text: string) =>
		lines
			.filter((line) => filter(text).test(line))
			.map((line) => line.serverId);

	test('keeps the servers of that machine; * as for server ids; alternatives among hosts', () => {
		expect(kept('host=build-box')).toEqual(['api']);
		expect(kept('host=build-box*')).toEqual(['api', 'db']);
		expect(kept('host=laptop host=build-box')).toEqual(['api', 'web']);
	});

	test('!host= hides them; a server of no named machine is never "on" one', () => {
		expect(kept('!host=build-box*')).toEqual(['web', 'local']);
	});

	test('with other terms: every kind must hold', () => {
		expect(kept('host=build-box* !@db')).toEqual(['api']);
		expect(filter('host=laptop in').label).toBe('host=laptop in');
	});

	test('a JSON field called host is still reached, as .host', () => {
		const line = subject('api', 'build-box', {host: 'example'});
		expect(filter('.host=example').test(line)).toBe(true);
		expect(filter('host=example').test(line)).toBe(false);
	});

	test('host= without a name is a clear error', () => {
		expect(parseFilter('host=')).toEqual({
			ok: false,
			error: 'a host term needs a name: host=build-box',
		});
	});
});
