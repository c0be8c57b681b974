/**
Issue 11's commands that change how things are shown, through `step` alone: `/ansi`.
*/
import {describe, expect, test} from 'vitest';
import {enter} from '../helpers/step.js';

const cleared = {type: 'say', feedback: undefined} as const;
const said = (text: string, tone: string) => ({
	type: 'say',
	feedback: {text, tone},
});

describe('/ansi', () => {
	test('off shows SGR as text, on draws it again, alone toggles and says which', () => {
		const off = enter('/ansi off');
		expect(off.state.ansiOff).toBe(true);
		expect(off.effects).toEqual([
			cleared,
			said("servers' colours off: SGR shows as escaped text", 'info'),
		]);
		const on = enter('/ansi ON', {state: off.state});
		expect(on.state.ansiOff).toBeUndefined();
		expect(on.effects).toContainEqual(
			said("servers' colours on: SGR colour and style are drawn", 'info'),
		);
		const toggled = enter('/ansi');
		expect(toggled.state.ansiOff).toBe(true);
		expect(
			enter('/ansi', {state: toggled.state}).state.ansiOff,
		).toBeUndefined();
	});

	test('anything but on or off says so and changes nothing', () => {
		const {state, effects} = enter('/ansi maybe');
		expect(state.ansiOff).toBeUndefined();
		expect(effects).toContainEqual(
			said('/ansi takes on or off, not "maybe"', 'error'),
		);
		expect(enter('/ansi on off').effects).toContainEqual(
			said('/ansi takes on or off, not "on off"', 'error'),
		);
	});
});

describe('/sort', () => {
	test('sorts by a key, turned round with -key or `key desc`, and says so', () => {
		const {state, effects} = enter('/sort rate');
		expect(state.sort).toEqual({key: 'rate', descending: false});
		expect(effects).toEqual([
			cleared,
			said('servers sorted by rate (/sort alone: registry order)', 'info'),
		]);
		expect(enter('/sort -up').state.sort).toEqual({
			key: 'up',
			descending: true,
		});
		expect(enter('/sort status desc').state.sort).toEqual({
			key: 'status',
			descending: true,
		});
	});

	test('alone goes back to registry order', () => {
		const sorted = enter('/sort in').state;
		const {state, effects} = enter('/sort', {state: sorted});
		expect(state.sort).toBeUndefined();
		expect(effects).toContainEqual(said('servers in registry order', 'info'));
	});

	test('an unknown key or too many words says why and keeps the order', () => {
		const sorted = enter('/sort id').state;
		const bad = enter('/sort pid', {state: sorted});
		expect(bad.state.sort).toBe(sorted.sort);
		expect(bad.effects).toContainEqual(
			said(
				'cannot sort by "pid": use id|status|rate|in|up; the order is unchanged',
				'error',
			),
		);
		expect(enter('/sort id rate').effects).toContainEqual(
			said(
				'/sort takes one key: id|status|rate|in|up; the order is unchanged',
				'error',
			),
		);
	});
});

describe('/show', () => {
	test('projects JSON messages through a query, and says how to end it', () => {
		const {state, effects} = enter('/show payload.n');
		expect(state.show?.label).toBe('payload.n');
		expect(state.show?.serverId).toBeUndefined();
		expect(state.show?.query.apply({payload: {n: 3}})).toEqual({value: 3});
		expect(effects).toEqual([
			cleared,
			said('showing payload.n of JSON messages (/show alone ends it)', 'info'),
		]);
	});

	test('@id shows one server only; an id not registered yet is kept with a warning', () => {
		const one = enter('/show @alpha [type, n]');
		expect(one.state.show).toMatchObject({
			serverId: 'alpha',
			label: '@alpha [type, n]',
		});
		expect(one.effects).toContainEqual(
			said(
				'showing @alpha [type, n] of JSON messages (/show alone ends it)',
				'info',
			),
		);
		const unknown = enter('/show @later n');
		expect(unknown.state.show?.serverId).toBe('later');
		expect(unknown.effects).toContainEqual(
			said(
				'showing @later n of JSON messages (/show alone ends it); no server "later" is registered yet',
				'warning',
			),
		);
	});

	test('a bad query says why and changes nothing', () => {
		const showing = enter('/show n').state;
		const bad = enter('/show payload.[', {state: showing});
		expect(bad.state.show).toBe(showing.show);
		const [, answer] = bad.effects;
		expect(answer).toMatchObject({type: 'say', feedback: {tone: 'error'}});
		expect(answer?.type === 'say' ? answer.feedback?.text : undefined).toMatch(
			/^\/show: bad query "payload\.\[": .+; nothing changed$/,
		);
		expect(enter('/show @ n').effects).toContainEqual(
			said(
				'/show: an @ needs a server id, e.g. @alpha payload.n; nothing changed',
				'error',
			),
		);
		expect(enter('/show @alpha').effects).toContainEqual(
			said(
				'/show: no query; `/show` alone shows messages as sent; nothing changed',
				'error',
			),
		);
	});

	test('alone ends it; alone with nothing shown says what it needs', () => {
		const showing = enter('/show n').state;
		const ended = enter('/show', {state: showing});
		expect(ended.state.show).toBeUndefined();
		expect(ended.effects).toContainEqual(
			said('showing messages as sent', 'info'),
		);
		expect(enter('/show').effects).toContainEqual(
			said('/show needs a query, e.g. /show payload.n', 'error'),
		);
	});

	test('the same line gives the same show, so cached projections are kept', () => {
		expect(enter('/show a.b').state.show).toBe(enter('/show a.b').state.show);
	});
});
