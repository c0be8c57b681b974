import {describe, expect, test} from 'vitest';
import {
	cleanInput,
	initialUiState,
	uiReducer,
	type UiAction,
	type UiState,
} from '../../source/view/ui-state.js';

function run(...actions: UiAction[]): UiState {
	let state = initialUiState;
	for (const action of actions) {
		state = uiReducer(state, action);
	}

	return state;
}

describe('line editing', () => {
	test('Backspace deletes what a person sees as one character: 👨‍👩‍👧 in one press, é with its accent', () => {
		const family = '👨‍👩‍👧';
		const state = run({type: 'insert', text: `a${family}e\u0301`});
		const once = uiReducer(state, {type: 'delete-back'});
		expect(once).toMatchObject({
			input: `a${family}`,
			cursor: 1 + family.length,
		});
		expect(uiReducer(once, {type: 'delete-back'})).toMatchObject({
			input: 'a',
			cursor: 1,
		});
	});

	test('← and → step over a whole character; Delete removes the one at the cursor', () => {
		const family = '👨‍👩‍👧';
		const state = run(
			{type: 'insert', text: `${family}x`},
			{type: 'cursor', to: 'start'},
			{type: 'cursor', to: 'right'},
		);
		expect(state.cursor).toBe(family.length);
		expect(uiReducer(state, {type: 'cursor', to: 'left'}).cursor).toBe(0);
		const atStart = uiReducer(state, {type: 'cursor', to: 'left'});
		expect(uiReducer(atStart, {type: 'delete-forward'})).toMatchObject({
			input: 'x',
			cursor: 0,
		});
	});

	test('a paste keeps its line breaks (as LF) and tabs; typed text does not', () => {
		expect(
			run({type: 'insert', text: 'a\r\nb\tc\u0007', pasted: true}).input,
		).toBe('a\nb\tc');
		expect(run({type: 'insert', text: 'a\r\nb\tc'}).input).toBe('a b c');
	});

	test('inserts at the cursor, deletes back, moves, clears', () => {
		const state = run(
			{type: 'insert', text: 'helo'},
			{type: 'cursor', to: 'left'},
			{type: 'insert', text: 'l'},
			{type: 'cursor', to: 'end'},
			{type: 'insert', text: ' world'},
		);
		expect(state).toMatchObject({input: 'hello world', cursor: 11});
		expect(uiReducer(state, {type: 'delete-word'})).toMatchObject({
			input: 'hello ',
			cursor: 6,
		});
		expect(uiReducer(state, {type: 'delete-back'}).input).toBe('hello worl');
		expect(uiReducer(state, {type: 'clear-line'})).toMatchObject({
			input: '',
			cursor: 0,
		});
	});

	test('deletes an emoji as one character', () => {
		expect(
			run({type: 'insert', text: 'a😀'}, {type: 'delete-back'}).input,
		).toBe('a');
	});

	test('pasted control characters never enter the line; line breaks become spaces', () => {
		expect(cleanInput('a\u001B]0;x\u0007b\r\nc\u009Bd\u202Ee')).toBe(
			'a]0;xb cde',
		);
		expect(run({type: 'insert', text: '\u001B[2J'}).input).toBe('[2J');
	});
});

describe('history', () => {
	test('↑ walks back through sent lines, ↓ returns to the unsent draft', () => {
		let state = run(
			{type: 'submitted', line: 'one'},
			{type: 'submitted', line: 'two'},
			{type: 'insert', text: 'dra'},
		);
		state = uiReducer(state, {type: 'history', direction: 'older'});
		expect(state.input).toBe('two');
		state = uiReducer(state, {type: 'history', direction: 'older'});
		state = uiReducer(state, {type: 'history', direction: 'older'});
		expect(state.input).toBe('one');
		state = uiReducer(state, {type: 'history', direction: 'newer'});
		expect(state.input).toBe('two');
		state = uiReducer(state, {type: 'history', direction: 'newer'});
		expect(state).toMatchObject({input: 'dra', cursor: 3});
	});

	test('does not store empty lines or repeat the last one', () => {
		expect(
			run(
				{type: 'submitted', line: 'a'},
				{type: 'submitted', line: 'a'},
				{type: 'submitted', line: ''},
			).history,
		).toEqual(['a']);
	});
});

describe('targets', () => {
	test('Tab cycles all → each server → all, Shift+Tab backwards', () => {
		const ids = ['a', 'b'];
		const forward = [1, 2, 3].map(
			(count) =>
				run(
					...Array.from({length: count}, (): UiAction => ({
						type: 'cycle-target',
						ids,
					})),
				).target,
		);
		expect(forward).toEqual(['a', 'b', undefined]);
		expect(run({type: 'cycle-target', ids, backwards: true}).target).toBe('b');
	});
});

describe('scrolling', () => {
	const seqs = Array.from({length: 100}, (_, index) => index);

	test('PgUp pauses on an older line, PgDn back at the bottom follows again', () => {
		const paused = run({type: 'scroll', by: -9, seqs, pageSize: 10});
		expect(paused.anchorSeq).toBe(90);
		const further = uiReducer(paused, {
			type: 'scroll',
			by: -9,
			seqs,
			pageSize: 10,
		});
		expect(further.anchorSeq).toBe(81);
		const back = uiReducer(
			uiReducer(further, {type: 'scroll', by: 9, seqs, pageSize: 10}),
			{type: 'scroll', by: 9, seqs, pageSize: 10},
		);
		expect(back.anchorSeq).toBeUndefined();
	});

	test('Home stops at the first page; nothing scrolls when everything fits', () => {
		expect(run({type: 'scroll', by: -1e9, seqs, pageSize: 10}).anchorSeq).toBe(
			9,
		);
		expect(
			run({type: 'scroll', by: -5, seqs: [1, 2, 3], pageSize: 10}).anchorSeq,
		).toBeUndefined();
	});
});
