/**
Keys that arrive together in one read (fast typing, a paste, a slow link's chunks) do what the same
keys typed one by one do: each is stepped against the state the one before it left.
*/
import {fc, test} from '@fast-check/vitest';
import {describe, expect} from 'vitest';
import {typeOneByOne, typeReads} from '../helpers/step.js';

const cleared = {type: 'say', feedback: undefined};

describe('keys in one read', () => {
	test('abc⌫⌫XY^A>^E< in one read gives >aXY<', () => {
		const {state} = typeReads(['abc\u007F\u007FXY\u0001>\u0005<']);
		expect(state.input).toBe('>aXY<');
	});

	test('hello world and Ctrl+W in one read leave "hello "', () => {
		expect(typeReads(['hello world\u0017']).state.input).toBe('hello ');
	});

	test('/to echo-alpha⏎only for alpha⏎ in one read sets the target, then sends to alpha only', () => {
		const {state, effects} = typeReads(['/to echo-alpha\ronly for alpha\r']);
		expect(state.target).toBe('echo-alpha');
		expect(state.history).toEqual(['/to echo-alpha', 'only for alpha']);
		expect(effects).toEqual([
			cleared,
			{type: 'note', text: 'sending to echo-alpha'},
			{
				type: 'say',
				feedback: {text: 'sending to echo-alpha', tone: 'info'},
			},
			cleared,
			{type: 'send', text: 'only for alpha', to: 'echo-alpha'},
		]);
	});

	test('a paste with line breaks and tabs neither sends nor changes the target; Enter sends it whole', () => {
		const pasted = typeReads(['\u001B[200~one\r\n\ttwo\u001B[201~']);
		expect(pasted.state.input).toBe('one\n\ttwo');
		expect(pasted.state.target).toBeUndefined();
		expect(pasted.effects).toEqual([]);
		const sent = typeReads(['\u001B[200~one\r\n\ttwo\u001B[201~', '\r']);
		expect(sent.effects).toEqual([cleared, {type: 'send', text: 'one\n\ttwo'}]);
	});

	test('keys typed while help is open are not lost: the first closes help and goes into the line', () => {
		const {state} = typeReads(['?', 'hi']);
		expect(state).toMatchObject({overlay: 'none', input: 'hi'});
		// Escape, Enter, q and ? only close it.
		expect(typeReads(['?', 'q']).state).toMatchObject({
			overlay: 'none',
			input: '',
		});
		expect(typeReads(['?', '\r']).effects).toEqual([]);
	});

	test('keys typed while the detail view is open: ←/→ and p/n step, others close it and act on the line', () => {
		const {state} = typeReads(['\u000F', '\u001B[D', 'x']);
		expect(state).toMatchObject({
			overlay: 'none',
			input: 'x',
			detailSeq: undefined,
		});
		expect(typeReads(['\u000F', '\u001B[D']).state).toMatchObject({
			overlay: 'detail',
			detailSeq: 28,
		});
		expect(typeReads(['\u000Fpp']).state).toMatchObject({
			overlay: 'detail',
			detailSeq: 27,
		});
		// ↑/↓ scroll the view instead of leaving it.
		expect(typeReads(['\u000F', '\u001B[A']).state).toMatchObject({
			overlay: 'detail',
			detailSeq: 29,
		});
	});

	// Keys as a terminal sends them.
	const key = fc.oneof(
		{
			weight: 6,
			arbitrary: fc.constantFrom('a', 'b', 'x', ' ', '?', 'q', '中', '👨‍👩‍👧', 'é'),
		},
		{
			weight: 6,
			arbitrary: fc.constantFrom(
				'\r', // Enter
				'\t', // Tab
				'\u001B[Z', // Shift+Tab
				'\u007F', // Backspace
				'\u0001', // Ctrl+A
				'\u0005', // Ctrl+E
				'\u0015', // Ctrl+U
				'\u0017', // Ctrl+W
				'\u000F', // Ctrl+O
				'\u0003', // Ctrl+C
				'\u001B[A',
				'\u001B[B',
				'\u001B[C',
				'\u001B[D',
				'\u001B[H', // Home
				'\u001B[F', // End
				'\u001B[5~', // PgUp
				'\u001B[6~', // PgDn
				'\u001B[3~', // Delete
			),
		},
		{
			weight: 2,
			arbitrary: fc.constantFrom(
				'/to alpha\r',
				'/to echo-alpha\r',
				'/to all\r',
				'/to nobody\r',
				'/filter a\r',
				'/help\r',
			),
		},
		{
			weight: 1,
			arbitrary: fc
				.array(
					fc.constantFrom('p', '中', '\n', '\r\n', '\t', '\u001B[A', '?'),
					{
						maxLength: 6,
					},
				)
				.map((parts) => `\u001B[200~${parts.join('')}\u001B[201~`),
		},
	);

	test.prop(
		[fc.array(key, {maxLength: 25}), fc.array(fc.nat(), {maxLength: 10})],
		{numRuns: 400},
	)(
		'a chunk of keys does exactly what the same keys one by one do',
		(keys, cuts) => {
			const bytes = keys.join('');
			const points = [
				...new Set(cuts.map((cut) => cut % (bytes.length + 1))),
			].toSorted((a, b) => a - b);
			const reads: string[] = [];
			let from = 0;
			for (const point of points) {
				reads.push(bytes.slice(from, point));
				from = point;
			}

			reads.push(bytes.slice(from));
			expect(typeReads(reads)).toEqual(typeOneByOne(keys));
		},
	);
});
