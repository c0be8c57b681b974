import {fc, test} from '@fast-check/vitest';
import {describe, expect} from 'vitest';
import {createKeyDecoder} from '../../source/view/key-decoder.js';
import {handleKeys} from '../../source/view/key-bindings.js';
import {runSubmission} from '../../source/view/run-submission.js';
import {
	initialUiState,
	uiReducer,
	type UiState,
} from '../../source/view/ui-state.js';
import {inkInputEvents} from '../helpers/ink-input.js';
import {
	fakeStore,
	serverRow,
	snapshotOf,
	textMessages,
} from '../helpers/monitor-fixtures.js';

/** Everything the keys did: the screen's state and every effect, in order. */
type Outcome = {
	ui: UiState;
	effects: string[];
};

/**
The monitor's key path without a renderer: Ink's splitter, the decoder, and the key bindings over a
fake store with three connected servers. `reads` arrive one after another.
*/
function typeReads(reads: readonly string[]): Outcome {
	const store = fakeStore(
		snapshotOf({
			servers: [serverRow('alpha'), serverRow('beta'), serverRow('echo-alpha')],
			messages: textMessages(30),
		}),
	);
	const snapshot = store.getSnapshot();
	const effects: string[] = [];
	let ui = initialUiState;
	const apply = (action: Parameters<typeof uiReducer>[1]) => {
		ui = uiReducer(ui, action);
	};

	const exit = () => {
		effects.push('exit');
	};

	const context = {
		ui: () => ui,
		apply,
		submit() {
			const line = ui.input;
			effects.push(`submit ${JSON.stringify(line)}`);
			apply({type: 'submitted', line});
			runSubmission(line, {store, snapshot, ui, apply, exit});
		},
		exit,
		suspend() {
			effects.push('suspend');
		},
		snapshot,
		seqs: () => snapshot.messages.map((message) => message.seq),
		pageSize: 10,
		bottomSeq: 29,
	};
	const decoder = createKeyDecoder();
	for (const input of inkInputEvents(reads)) {
		handleKeys(decoder.push(input), context);
	}

	for (const sent of store.sent) {
		effects.push(`sent ${JSON.stringify(sent)}`);
	}

	for (const note of store.notes) {
		effects.push(`note ${note}`);
	}

	return {ui, effects};
}

/** Each key typed on its own, the program seeing each before the next arrives. */
function typeOneByOne(keys: readonly string[]): Outcome {
	// A key is one read; so are the characters of a line typed in full.
	return typeReads(
		keys.flatMap((key) => (key.startsWith('\u001B') ? [key] : [...key])),
	);
}

describe('keys in one read', () => {
	test('abc⌫⌫XY^A>^E< in one read gives >aXY<', () => {
		const {ui} = typeReads(['abc\u007F\u007FXY\u0001>\u0005<']);
		expect(ui.input).toBe('>aXY<');
	});

	test('hello world and Ctrl+W in one read leave "hello "', () => {
		expect(typeReads(['hello world\u0017']).ui.input).toBe('hello ');
	});

	test('/to echo-alpha⏎only for alpha⏎ in one read sets the target, then sends to alpha only', () => {
		const {ui, effects} = typeReads(['/to echo-alpha\ronly for alpha\r']);
		expect(ui.target).toBe('echo-alpha');
		expect(effects).toEqual([
			'submit "/to echo-alpha"',
			'submit "only for alpha"',
			'sent {"text":"only for alpha","to":"echo-alpha"}',
			'note sending to echo-alpha',
		]);
	});

	test('a paste with line breaks and tabs neither sends nor changes the target; Enter sends it whole', () => {
		const pasted = typeReads(['\u001B[200~one\r\n\ttwo\u001B[201~']);
		expect(pasted.ui.input).toBe('one\n\ttwo');
		expect(pasted.ui.target).toBeUndefined();
		expect(pasted.effects).toEqual([]);
		const sent = typeReads(['\u001B[200~one\r\n\ttwo\u001B[201~', '\r']);
		expect(sent.effects).toEqual([
			`submit ${JSON.stringify('one\n\ttwo')}`,
			`sent ${JSON.stringify({text: 'one\n\ttwo'})}`,
		]);
	});

	test('keys typed while help is open are not lost: the first closes help and goes into the line', () => {
		const {ui} = typeReads(['?', 'hi']);
		expect(ui).toMatchObject({overlay: 'none', input: 'hi'});
		// Escape, Enter, q and ? only close it.
		expect(typeReads(['?', 'q']).ui).toMatchObject({
			overlay: 'none',
			input: '',
		});
		expect(typeReads(['?', '\r']).effects).toEqual([]);
	});

	test('keys typed while the detail view is open: ←/→ and p/n step, others close it and act on the line', () => {
		const {ui} = typeReads(['\u000F', '\u001B[D', 'x']);
		expect(ui).toMatchObject({
			overlay: 'none',
			input: 'x',
			detailSeq: undefined,
		});
		expect(typeReads(['\u000F', '\u001B[D']).ui).toMatchObject({
			overlay: 'detail',
			detailSeq: 28,
		});
		expect(typeReads(['\u000Fpp']).ui).toMatchObject({
			overlay: 'detail',
			detailSeq: 27,
		});
		// ↑/↓ scroll the view instead of leaving it.
		expect(typeReads(['\u000F', '\u001B[A']).ui).toMatchObject({
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
