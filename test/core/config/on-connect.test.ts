import {fc, test as property} from '@fast-check/vitest';
import {describe, expect, test} from 'vitest';
import {globMatches} from '../../../source/core/config/glob.js';
import {greetingsFor} from '../../../source/core/config/on-connect.js';
import {waitFor} from '../../helpers/wait-for.js';
import {entryFor, makePool, server} from '../connections/pool-harness.js';

describe('server-id globs', () => {
	test('* is any run, ? one character, the rest itself, matched whole', () => {
		expect(globMatches('harness-*', 'harness-main')).toBe(true);
		expect(globMatches('harness-*', 'my-harness-main')).toBe(false);
		expect(globMatches('*', '')).toBe(true);
		expect(globMatches('a?c', 'abc')).toBe(true);
		expect(globMatches('a?c', 'ac')).toBe(false);
		expect(globMatches('a.c', 'abc')).toBe(false);
		expect(globMatches('*-*-x', 'a-b-c-x')).toBe(true);
	});

	test('a pattern built to backtrack stays fast', () => {
		const started = performance.now();
		expect(globMatches(`${'*a'.repeat(50)}b`, 'a'.repeat(5000))).toBe(false);
		expect(performance.now() - started).toBeLessThan(2000);
	});

	property.prop(
		[
			fc.string({
				unit: fc.constantFrom('a', 'b', '*', '?', '.'),
				maxLength: 12,
			}),
			fc.string({unit: fc.constantFrom('a', 'b', '.'), maxLength: 12}),
		],
		{numRuns: 1000},
	)('agrees with the same glob as a regex', (pattern, text) => {
		const source = [...pattern]
			.map((character) =>
				character === '*'
					? '.*'
					: character === '?'
						? '.'
						: character === '.'
							? String.raw`\.`
							: character,
			)
			.join('');
		expect(globMatches(pattern, text)).toBe(
			new RegExp(`^${source}$`, 's').test(text),
		);
	});
});

describe('onConnect messages', () => {
	test('are sent on every (re)connect to the servers the glob picks, after --subscribe', async () => {
		const received = new Map<string, string[]>();
		const start = async (id: string) =>
			server({
				onConnection(socket) {
					socket.on('message', (data: Buffer) => {
						received.set(id, [...(received.get(id) ?? []), data.toString()]);
					});
				},
			});
		const main = await start('harness-main');
		const other = await start('observatory');
		const {pool} = makePool({
			subscriptions: ['topic-a'],
			greetings: greetingsFor([
				{servers: 'harness-*', send: ['hello {"x":1}', 'second']},
				{servers: '*', send: ['to everyone']},
			]),
		});
		pool.reconcile([
			entryFor('harness-main', main.port, {host: '127.0.0.1'}),
			entryFor('observatory', other.port, {host: '127.0.0.1'}),
		]);
		await waitFor(
			() =>
				(received.get('harness-main')?.length ?? 0) >= 4 &&
				(received.get('observatory')?.length ?? 0) >= 2,
			{what: 'the messages on connect'},
		);
		expect(received.get('harness-main')).toEqual([
			'["topic-a","subscribe",{}]',
			'hello {"x":1}',
			'second',
			'to everyone',
		]);
		expect(received.get('observatory')).toEqual([
			'["topic-a","subscribe",{}]',
			'to everyone',
		]);

		// Dropped and reconnected: sent again.
		for (const socket of main.clients()) {
			socket.close(1012, 'restart');
		}

		await waitFor(() => (received.get('harness-main')?.length ?? 0) >= 8, {
			what: 'the messages again after the reconnect',
			timeoutMs: 5000,
		});
		expect(received.get('harness-main')!.slice(4)).toEqual(
			received.get('harness-main')!.slice(0, 4),
		);
	});
});
