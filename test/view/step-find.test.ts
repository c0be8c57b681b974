/**
Issue 11's keys and commands through `step` alone: `/find` with Ctrl+F, Ctrl+N / Ctrl+P and Esc;
the `/filter` language; `/time`; copying with Ctrl+Y and y / Y.
*/
import {describe, expect, test} from 'vitest';
import {step} from '../../source/view/commands/step.js';
import {type KeyEvent} from '../../source/view/key-decoder.js';
import {initialUiState, type UiState} from '../../source/view/ui-state.js';
import {enter, stepContext, typeReads} from '../helpers/step.js';

const ctrl = (letter: string): KeyEvent => ({type: 'ctrl', letter});
const key = (name: Extract<KeyEvent, {type: 'key'}>['name']): KeyEvent => ({
	type: 'key',
	name,
});
const cleared = {type: 'say', feedback: undefined} as const;
const said = (text: string, tone: string) => ({
	type: 'say',
	feedback: {text, tone},
});

/** Thirty lines (seqs 0 … 29), ten on screen; the search matches 3, 12, 20 and 27. */
const context = stepContext({matchSeqs: [3, 12, 20, 27]});
const searching = (): UiState => enter('/find error', {context}).state;

describe('/find', () => {
	test('starts a search (smart-case, or a regex) and says how to move; nothing is hidden', () => {
		const {state, effects} = enter('/find error', {context});
		expect(state.find?.label).toBe('"error"');
		expect(state.find?.test('An ERROR here')).toBe(true);
		expect(state.filter).toBeUndefined();
		expect(effects).toEqual([
			cleared,
			said('finding "error": ^N / ^P jump between matches, Esc ends', 'info'),
		]);
		expect(enter('/find Error').state.find?.test('error')).toBe(false);
		expect(enter('/find /err(or)?$/i').state.find?.test('x ERR')).toBe(true);
	});

	test('a bad regex says why and changes nothing', () => {
		const state = searching();
		const bad = enter('/find /(oops/', {state, context});
		expect(bad.state.find).toBe(state.find);
		expect(bad.effects).toEqual([
			cleared,
			said('/find: bad regex /(oops/: Unterminated group', 'error'),
		]);
		expect(enter('/find /x/g').effects).toContainEqual(
			said(
				'/find: unknown regex flag "g" in /x/g (use i, m, s, u or v)',
				'error',
			),
		);
	});

	test('/find alone ends the search; with none it says what it needs', () => {
		const ended = enter('/find', {state: searching()});
		expect(ended.state.find).toBeUndefined();
		expect(ended.effects).toContainEqual(said('search ended', 'info'));
		expect(enter('/find').effects).toContainEqual(
			said('/find needs text or /regex/', 'error'),
		);
	});

	test('Ctrl+F types `/find ` before the line, once, cursor at the end', () => {
		const opened = step(initialUiState, ctrl('f'), context).state;
		expect(opened).toMatchObject({input: '/find ', cursor: 6});
		const typed = typeReads(['timeout', '\u0006'], {context}).state;
		expect(typed).toMatchObject({input: '/find timeout', cursor: 13});
		expect(step(typed, ctrl('f'), context).state).toBe(typed);
	});

	test('Ctrl+P goes to the newest match on screen, then older; Ctrl+N newer; each pauses the pane around it', () => {
		const first = step(searching(), ctrl('p'), context);
		expect(first.state.findSeq).toBe(27);
		// Five lines below the match (half the pane), as far as there are lines.
		expect(first.state.anchorSeq).toBe(29);
		const older = step(first.state, ctrl('p'), context).state;
		expect(older).toMatchObject({findSeq: 20, anchorSeq: 25});
		const oldest = step(
			step(older, ctrl('p'), context).state,
			ctrl('p'),
			context,
		);
		expect(oldest.state).toMatchObject({findSeq: 3, anchorSeq: 8});
		expect(step(oldest.state, ctrl('p'), context).effects).toContainEqual(
			said('no older match', 'info'),
		);
		expect(step(oldest.state, ctrl('n'), context).state.findSeq).toBe(12);
	});

	test('Ctrl+N from a paused pane starts at the newest match at or above its bottom line', () => {
		const state = {...searching(), anchorSeq: 15};
		const at = stepContext({matchSeqs: [3, 12, 20, 27], bottomSeq: 15});
		expect(step(state, ctrl('n'), at).state.findSeq).toBe(12);
	});

	test('without a search, or without a match, Ctrl+N says so and moves nothing', () => {
		const none = step(initialUiState, ctrl('n'), context);
		expect(none.state).toBe(initialUiState);
		expect(none.effects).toContainEqual(
			said('no search: /find <text> (or ^F) starts one', 'info'),
		);
		const state = searching();
		const nothing = step(state, ctrl('n'), stepContext({matchSeqs: []}));
		expect(nothing.state).toBe(state);
		expect(nothing.effects).toContainEqual(
			said('no line matches "error"', 'warning'),
		);
	});

	test('↑/↓ still browse history and n / p are still typed while a search is on', () => {
		const state = {...searching(), history: ['one', 'two']};
		expect(step(state, key('up'), context).state.input).toBe('two');
		const typed = typeReads(['np'], {state, context}).state;
		expect(typed.input).toBe('np');
		expect(typed.findSeq).toBeUndefined();
	});

	test('Esc on an empty line ends the search; on a typed line it does not', () => {
		const ended = step(searching(), key('escape'), context);
		expect(ended.state.find).toBeUndefined();
		const typed = {...searching(), input: 'abc', cursor: 3};
		expect(step(typed, key('escape'), context).state.find).toBeDefined();
		expect(step(initialUiState, key('escape'), context)).toEqual({
			state: initialUiState,
			effects: [cleared],
		});
	});
});

describe('/filter', () => {
	const subject = (parts: {
		serverId?: string;
		direction?: 'in' | 'out' | 'system';
		text?: string;
		json?: unknown;
	}) => ({
		serverId: parts.serverId ?? 'alpha',
		direction: parts.direction ?? 'in',
		text: parts.text ?? '',
		json: () => parts.json,
	});

	test('takes servers with globs, directions, text, regexes and JSON fields, ANDed', () => {
		const {state, effects} = enter(
			'/filter @echo-* !@echo-beta in !debug /t(ool|ask)/ payload.n>3',
		);
		const filter = state.filter!;
		expect(filter.label).toBe(
			'@echo-* !@echo-beta in !"debug" /t(ool|ask)/ payload.n>3',
		);
		const good = {
			serverId: 'echo-alpha',
			text: 'tool ran',
			json: {payload: {n: 4}},
		};
		expect(filter.test(subject(good))).toBe(true);
		expect(filter.test(subject({...good, serverId: 'echo-beta'}))).toBe(false);
		expect(filter.test(subject({...good, direction: 'out'}))).toBe(false);
		expect(filter.test(subject({...good, text: 'tool debug'}))).toBe(false);
		expect(filter.test(subject({...good, json: {payload: {n: 3}}}))).toBe(
			false,
		);
		expect(effects).toContainEqual(
			said(
				'filter @echo-* !@echo-beta in !"debug" /t(ool|ask)/ payload.n>3 (/filter alone clears it)',
				'info',
			),
		);
	});

	test('a bad term says which and why, and the filter on screen stays', () => {
		const {state} = enter('/filter @alpha');
		for (const bad of ['/filter /(/', '/filter payload.n>x', '/filter @']) {
			const result = enter(bad, {state});
			expect(result.state.filter).toBe(state.filter);
			expect(result.state.anchorSeq).toBe(state.anchorSeq);
			const answer = result.effects.find(
				(effect) => effect.type === 'say' && effect.feedback,
			);
			expect(answer).toMatchObject({
				feedback: {
					tone: 'error',
					text: expect.stringMatching(
						/^\/filter: .+; the filter is unchanged$/,
					),
				},
			});
		}
	});

	test('the same filter typed twice is the same filter (records keep their answers)', () => {
		expect(enter('/filter err').state.filter).toBe(
			enter('/filter err').state.filter,
		);
	});
});

describe('/time', () => {
	test('cycles clock → millis → +Δ → off → clock, and says which', () => {
		let state = initialUiState;
		const seen: string[] = [];
		for (let turn = 0; turn < 4; turn++) {
			const result = enter('/time', {state});
			state = result.state;
			seen.push(state.timeMode);
			expect(result.effects).toHaveLength(2);
		}

		expect(initialUiState.timeMode).toBe('clock');
		expect(seen).toEqual(['millis', 'delta', 'off', 'clock']);
		expect(enter('/time').effects).toContainEqual(
			said('time stamps: HH:MM:SS.mmm', 'info'),
		);
	});
});

describe('copy', () => {
	test('Ctrl+Y copies the newest line shown, or the current match', () => {
		expect(step(initialUiState, ctrl('y'), context).effects).toEqual([
			{type: 'copy', seq: 29, pretty: false},
		]);
		const atMatch = step(searching(), ctrl('p'), context).state;
		const onMatch = step({...atMatch, findSeq: 20}, ctrl('y'), context);
		expect(onMatch.effects).toEqual([{type: 'copy', seq: 20, pretty: false}]);
		expect(
			step(initialUiState, ctrl('y'), stepContext({bottomSeq: undefined}))
				.effects,
		).toContainEqual(said('nothing to copy', 'info'));
	});

	test('in the detail view y copies the message and Y its JSON pretty-printed; elsewhere y is typed', () => {
		const detail: UiState = {
			...initialUiState,
			overlay: 'detail',
			detailSeq: 12,
		};
		expect(typeReads(['y'], {state: detail}).effects).toEqual([
			{type: 'copy', seq: 12, pretty: false},
		]);
		expect(typeReads(['Y'], {state: detail}).effects).toEqual([
			{type: 'copy', seq: 12, pretty: true},
		]);
		expect(typeReads(['yY']).state.input).toBe('yY');
	});
});

describe('Ctrl+O with a search', () => {
	test('opens the current match while the pane has it, else the newest line shown', () => {
		const state = {...searching(), findSeq: 12};
		expect(step(state, ctrl('o'), context).state).toMatchObject({
			overlay: 'detail',
			detailSeq: 12,
		});
		const hidden = stepContext({seqs: [20, 29], bottomSeq: 29});
		expect(step(state, ctrl('o'), hidden).state.detailSeq).toBe(29);
	});
});
