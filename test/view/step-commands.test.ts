/**
Every slash command, its aliases and its mistakes, through `step` alone: the line is typed, Enter
pressed, and the state and effects it returns are the whole answer.
*/
import {describe, expect, test} from 'vitest';
import {initialUiState} from '../../source/view/ui-state.js';
import {enter, stepContext} from '../helpers/step.js';

const cleared = {type: 'say', feedback: undefined} as const;
const said = (text: string, tone: string) => ({
	type: 'say',
	feedback: {text, tone},
});
const noted = (text: string) => ({type: 'note', text});

describe('sending', () => {
	test('plain text is sent to every connected server and follows the pane again', () => {
		const {state, effects} = enter('hello', {
			state: {...initialUiState, anchorSeq: 3},
		});
		expect(effects).toEqual([cleared, {type: 'send', text: 'hello'}]);
		expect(state).toMatchObject({input: '', history: ['hello']});
		expect(state.anchorSeq).toBeUndefined();
	});

	test('// sends a literal leading slash, spaces kept', () => {
		expect(enter('//etc/passwd  x ').effects).toEqual([
			cleared,
			{type: 'send', text: '/etc/passwd  x '},
		]);
	});

	test('with nothing connected it is not sent, and says so', () => {
		const context = stepContext({servers: []});
		expect(enter('hello', {context}).effects).toEqual([
			cleared,
			noted('not sent: nothing is connected (0 registered)'),
			said('not sent: nothing is connected (0 registered)', 'error'),
		]);
	});

	test('a blank line does nothing but clear the last answer', () => {
		expect(enter('   ').effects).toEqual([cleared]);
	});
});

describe('every slash command and its aliases', () => {
	test.each(['/help', '/?', '/HELP'])('%s opens help', (line) => {
		expect(enter(line).state.overlay).toBe('help');
	});

	test('/to picks a target; /to all, /to * and /to alone go back to all', () => {
		const picked = enter('/to beta');
		expect(picked.state.target).toBe('beta');
		expect(picked.effects).toEqual([
			cleared,
			noted('sending to beta'),
			said('sending to beta', 'info'),
		]);
		for (const line of ['/to all', '/to *', '/to']) {
			const back = enter(line, {state: picked.state});
			expect(back.state.target).toBeUndefined();
			expect(back.effects).toContainEqual(
				said('sending to every connected server', 'info'),
			);
		}
	});

	test('/to an unknown id keeps the target and lists the ids', () => {
		const {state, effects} = enter('/to nobody', {
			state: {...initialUiState, target: 'beta'},
		});
		expect(state.target).toBe('beta');
		expect(effects).toContainEqual(
			said('no server "nobody" (ids: alpha, beta, echo-alpha)', 'error'),
		);
	});

	test('/filter narrows by server and text; alone it clears', () => {
		const filtered = enter('/filter @beta error  here');
		const line = (serverId: string, text: string) =>
			filtered.state.filter?.test({
				serverId,
				direction: 'in',
				text,
				json: () => undefined,
			});
		expect(filtered.state.filter?.label).toBe('@beta "error" "here"');
		expect(line('beta', 'an error is here')).toBe(true);
		expect(line('alpha', 'an error is here')).toBe(false);
		expect(line('beta', 'an error')).toBe(false);
		expect(filtered.effects).toEqual([
			cleared,
			said('filter @beta "error" "here" (/filter alone clears it)', 'info'),
		]);
		const all = enter('/filter', {state: filtered.state});
		expect(all.state.filter).toBeUndefined();
		expect(all.effects).toContainEqual(
			said('filter cleared: showing every message', 'info'),
		);
	});

	test('/filter with a server that is not registered is kept, with a warning naming it', () => {
		const {state, effects} = enter('/filter @nobody');
		expect(state.filter?.label).toBe('@nobody');
		expect(effects).toEqual([
			cleared,
			said(
				'filter @nobody (/filter alone clears it); no server "nobody" is registered yet, so nothing of it shows until it registers (ids: alpha, beta, echo-alpha)',
				'warning',
			),
		]);
	});

	test('/clear clears the pane', () => {
		expect(enter('/clear').effects).toEqual([
			cleared,
			{type: 'clear-messages'},
			said('cleared the message pane', 'info'),
		]);
	});

	test('/save writes a new file and /save! may replace one, the name as typed, with the filter on screen', () => {
		const {state} = enter('/filter x');
		expect(enter('/save out.log', {state}).effects).toEqual([
			cleared,
			{type: 'save', file: 'out.log', overwrite: false, filter: state.filter},
		]);
		expect(enter('/SAVE!   my  notes.log ').effects).toEqual([
			cleared,
			{type: 'save', file: 'my  notes.log', overwrite: true},
		]);
		expect(enter('/save!').effects).toContainEqual(
			said('/save! needs a file name, e.g. /save! messages.log', 'error'),
		);
	});

	test('/sub and /unsub ask for a topic, in any case', () => {
		expect(enter('/sub reasoning:abc').effects).toEqual([
			cleared,
			{type: 'subscribe', topic: 'reasoning:abc'},
		]);
		expect(enter('/unsub reasoning:abc').effects).toEqual([
			cleared,
			{type: 'unsubscribe', topic: 'reasoning:abc'},
		]);
		// Before the table, `/SUB` matched `sub` but then unsubscribed (the check kept the case).
		expect(enter('/SUB reasoning:abc').effects).toEqual([
			cleared,
			{type: 'subscribe', topic: 'reasoning:abc'},
		]);
		expect(enter('/unsub').effects).toContainEqual(
			said('/unsub needs a topic, e.g. /unsub reasoning:abc', 'error'),
		);
	});

	test.each(['/quit', '/q', '/exit', '/Exit'])('%s leaves', (line) => {
		expect(enter(line).effects).toEqual([cleared, {type: 'exit'}]);
	});

	test('an unknown command explains, and is noted in the pane', () => {
		const text =
			'unknown command /frobnicate; /help lists them, and // sends a leading slash';
		expect(enter('/frobnicate now').effects).toEqual([
			cleared,
			noted(text),
			said(text, 'error'),
		]);
	});
});
