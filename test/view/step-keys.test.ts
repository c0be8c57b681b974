/**
Every key, where it acts, through `step` alone: no renderer, no frame polling. The state and the
effects it returns are the whole answer.
*/
import {describe, expect, test} from 'vitest';
import {step} from '../../source/view/commands/step.js';
import {keyCommands} from '../../source/view/commands/table.js';
import {type KeyEvent} from '../../source/view/key-decoder.js';
import {initialUiState, type UiState} from '../../source/view/ui-state.js';
import {serverRow} from '../helpers/monitor-fixtures.js';
import {stepContext} from '../helpers/step.js';

const key = (name: Extract<KeyEvent, {type: 'key'}>['name'], shift = false) =>
	(shift ? {type: 'key', name, shift} : {type: 'key', name}) as KeyEvent;
const ctrl = (letter: string): KeyEvent => ({type: 'ctrl', letter});
const text = (typed: string): KeyEvent => ({type: 'text', text: typed});
const paste = (pasted: string): KeyEvent => ({type: 'paste', text: pasted});

const context = stepContext();
const press = (state: UiState, input: KeyEvent, at = context) =>
	step(state, input, at);
const line = (input: string, cursor = input.length): UiState => ({
	...initialUiState,
	input,
	cursor,
});
const help: UiState = {...initialUiState, overlay: 'help'};
const detail: UiState = {...initialUiState, overlay: 'detail', detailSeq: 20};

describe('the main screen', () => {
	test('Tab and Shift+Tab cycle the target: all → each server → all', () => {
		const first = press(initialUiState, key('tab'));
		expect(first.state.target).toBe('alpha');
		expect(press(first.state, key('tab', true)).state.target).toBeUndefined();
		expect(press(initialUiState, key('tab', true)).state.target).toBe(
			'echo-alpha',
		);
	});

	test('Tab follows the table’s /sort order, not registry order', () => {
		const servers = [
			serverRow('alpha', {}, {rate: 1}),
			serverRow('beta', {}, {rate: 50}),
			serverRow('gamma', {}, {rate: 10}),
		];
		const sorted: UiState = {
			...initialUiState,
			sort: {key: 'rate', descending: false},
		};
		const at = stepContext({servers});
		const targets: Array<string | undefined> = [];
		let state = sorted;
		for (let index = 0; index < 4; index++) {
			state = press(state, key('tab'), at).state;
			targets.push(state.target);
		}

		expect(targets).toEqual(['beta', 'gamma', 'alpha', undefined]);
		expect(press(sorted, key('tab', true), at).state.target).toBe('alpha');
		// Turned round with `/sort -rate`.
		const reversed = {
			...sorted,
			sort: {key: 'rate', descending: true} as const,
		};
		expect(press(reversed, key('tab'), at).state.target).toBe('alpha');
	});

	test('↑ and ↓ browse history, keeping the draft; Shift does not change them', () => {
		const state = {...line('draft'), history: ['one', 'two']};
		const older = press(state, key('up', true));
		expect(older.state.input).toBe('two');
		expect(press(older.state, key('down')).state.input).toBe('draft');
	});

	test('←, →, Ctrl+A and Ctrl+E move the cursor', () => {
		expect(press(line('abc'), key('left')).state.cursor).toBe(2);
		expect(press(line('abc', 1), key('right')).state.cursor).toBe(2);
		expect(press(line('abc'), ctrl('a')).state.cursor).toBe(0);
		expect(press(line('abc', 0), ctrl('e')).state.cursor).toBe(3);
	});

	test('Backspace, Delete, Ctrl+W and Ctrl+U delete', () => {
		expect(press(line('abc'), key('backspace')).state.input).toBe('ab');
		expect(press(line('abc', 0), key('delete')).state.input).toBe('bc');
		expect(press(line('hello world'), ctrl('w')).state.input).toBe('hello ');
		expect(press(line('hello world'), ctrl('u')).state.input).toBe('');
	});

	test('PgUp and PgDn scroll the pane by a page less a line; Home goes to the oldest, End follows', () => {
		const up = press(initialUiState, key('pageUp'));
		expect(up.state.anchorSeq).toBe(20);
		expect(press(up.state, key('pageDown')).state.anchorSeq).toBeUndefined();
		const top = press(initialUiState, key('home'));
		expect(top.state.anchorSeq).toBe(9);
		expect(press(top.state, key('end')).state.anchorSeq).toBeUndefined();
	});

	test('Ctrl+O opens the newest message on screen in full, and does nothing with none', () => {
		expect(press(initialUiState, ctrl('o')).state).toMatchObject({
			overlay: 'detail',
			detailSeq: 29,
		});
		const empty = stepContext({bottomSeq: undefined, seqs: []});
		expect(press(initialUiState, ctrl('o'), empty).state).toBe(initialUiState);
	});

	test('? opens help on an empty line and is typed on a line with text', () => {
		expect(press(initialUiState, text('?')).state.overlay).toBe('help');
		expect(press(line('why'), text('?')).state).toMatchObject({
			overlay: 'none',
			input: 'why?',
		});
		// `?abc`: help opens, then `a` closes it and is typed with the rest.
		expect(press(initialUiState, text('?abc')).state).toMatchObject({
			overlay: 'none',
			input: 'abc',
		});
	});

	test('a paste goes in as text with its line breaks and tabs, and never sends', () => {
		const {state, effects} = press(line('x'), paste('one\r\n\ttwo\r'));
		expect(state.input).toBe('xone\n\ttwo\n');
		expect(effects).toEqual([]);
	});

	test('Ctrl+Z suspends, here and in an overlay', () => {
		expect(press(initialUiState, ctrl('z')).effects).toEqual([
			{type: 'suspend'},
		]);
		expect(press(help, ctrl('z'))).toEqual({
			state: help,
			effects: [{type: 'suspend'}],
		});
	});

	test('Ctrl+C clears a line with text, and quits on an empty one, even in an overlay', () => {
		expect(press(line('draft'), ctrl('c'))).toEqual({
			state: {...line('draft'), input: '', cursor: 0},
			effects: [],
		});
		expect(press(initialUiState, ctrl('c')).effects).toEqual([{type: 'exit'}]);
		expect(press(detail, ctrl('c')).effects).toEqual([{type: 'exit'}]);
	});

	test('Esc and unbound Ctrl keys do nothing', () => {
		expect(press(line('x'), key('escape'))).toEqual({
			state: line('x'),
			effects: [],
		});
		expect(press(line('x'), ctrl('g')).state).toEqual(line('x'));
	});
});

describe('in help and the detail view', () => {
	const scrollable = stepContext({overlayMaxOffset: 12, overlayPage: 5});

	test('↑/↓ scroll a row, PgUp/PgDn a page, Home/End all the way, never past the end', () => {
		const down = press(help, key('down'), scrollable).state;
		expect(down.overlayOffset).toBe(1);
		expect(press(down, key('up'), scrollable).state.overlayOffset).toBe(0);
		expect(press(help, key('pageDown'), scrollable).state.overlayOffset).toBe(
			5,
		);
		expect(press(help, key('end'), scrollable).state.overlayOffset).toBe(12);
		const end = press(help, key('end'), scrollable).state;
		expect(press(end, key('pageUp'), scrollable).state.overlayOffset).toBe(7);
		expect(press(end, key('home'), scrollable).state.overlayOffset).toBe(0);
		expect(press(help, key('up'), scrollable).state.overlayOffset).toBe(0);
	});

	test('←/→ and p/n step the detail view between messages; in help ← closes and moves the cursor', () => {
		expect(press(detail, key('left')).state.detailSeq).toBe(19);
		expect(press(detail, key('right')).state.detailSeq).toBe(21);
		expect(press(detail, text('ppn')).state.detailSeq).toBe(19);
		expect(
			press({...help, input: 'ab', cursor: 2}, key('left')).state,
		).toMatchObject({
			overlay: 'none',
			cursor: 1,
		});
	});

	test.each([
		['Esc', key('escape')],
		['Enter', key('enter')],
		['q', text('q')],
		['?', text('?')],
	])('%s only closes it', (_name, input) => {
		for (const open of [help, detail]) {
			const {state, effects} = press(open, input);
			expect(state.overlay).toBe('none');
			expect(state.input).toBe('');
			expect(effects).toEqual([]);
		}
	});

	test('any other key closes it and then does what it does on the main screen', () => {
		expect(press(help, key('tab')).state).toMatchObject({
			overlay: 'none',
			target: 'alpha',
		});
		expect(press(detail, text('x')).state).toMatchObject({
			overlay: 'none',
			input: 'x',
		});
		expect(press(help, paste('a\nb')).state).toMatchObject({
			overlay: 'none',
			input: 'a\nb',
		});
		expect(press(detail, ctrl('o')).state).toMatchObject({
			overlay: 'detail',
			detailSeq: 29,
			overlayOffset: undefined,
		});
	});
});

describe('the table', () => {
	test('every key row changes something where it applies', () => {
		const states: Record<string, UiState> = {
			anywhere: line('text'),
			line: {
				...line('some text', 4),
				history: ['old', 'older'],
				historyIndex: 1,
				anchorSeq: 15,
			},
			'empty-line': initialUiState,
			overlay: {...help, overlayOffset: 3},
			detail,
		};
		const scrolls = stepContext({overlayMaxOffset: 10, overlayPage: 4});
		for (const row of keyCommands) {
			for (const id of [...row.keys, ...(row.aliases ?? [])]) {
				const state = states[row.where]!;
				const result = row.run(state, id, scrolls, 'pasted');
				expect(
					result.state !== state || result.effects.length > 0,
					`${id} (${row.where}) did nothing`,
				).toBe(true);
			}
		}
	});

	test('no key is bound twice in one place', () => {
		const seen = new Set<string>();
		for (const row of keyCommands) {
			for (const id of [...row.keys, ...(row.aliases ?? [])]) {
				const place = `${row.where} ${id}`;
				expect(seen.has(place), place).toBe(false);
				seen.add(place);
			}
		}
	});
});
