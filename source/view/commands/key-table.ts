import {type UiState} from '../ui-state.js';
import {sortRows} from '../table-sort.js';
import {act} from './answers.js';
import {type KeyId} from './keys.js';
import {detailCopyKeys, findKeys, shownMatch} from './find-keys.js';
import {slashCommands} from './slash-table.js';
import {submit} from './submit.js';
import {type KeyCommand, type StepContext} from './types.js';

/*
The key half of the command table (table.ts): every key, where it acts and what it does. The step
(step.ts) dispatches keys by these rows, in this order; help and the footer list them in it too.
*/

const scroll = (state: UiState, context: StepContext, by: number) =>
	act(state, {
		type: 'scroll',
		by,
		seqs: context.seqs,
		pageSize: context.pageSize,
	});

const page = (context: StepContext) => Math.max(1, context.pageSize - 1);

const overlayScroll = (state: UiState, context: StepContext, by: number) =>
	act(state, {type: 'overlay-scroll', by, maxOffset: context.overlayMaxOffset});

const all = Number.MAX_SAFE_INTEGER;

const cursorMoves: Partial<Record<KeyId, 'left' | 'right' | 'start' | 'end'>> =
	{left: 'left', right: 'right', 'ctrl+a': 'start', 'ctrl+e': 'end'};

const deletions: Partial<
	Record<KeyId, 'delete-back' | 'delete-forward' | 'delete-word' | 'clear-line'>
> = {
	backspace: 'delete-back',
	delete: 'delete-forward',
	'ctrl+w': 'delete-word',
	'ctrl+u': 'clear-line',
};

export const keyCommands: readonly KeyCommand[] = [
	{
		keys: ['enter'],
		where: 'line',
		description:
			'send the line to the target (every connected server by default)',
		details: 'a line that starts with / runs that command',
		hint: {label: 'send'},
		run: (state, _key, context) => submit(state, context, slashCommands),
	},
	{
		keys: ['tab', 'shift+tab'],
		where: 'line',
		description: 'cycle the target: all → each server → all',
		hint: {label: 'target', keys: ['tab']},
		run: (state, key, context) =>
			act(state, {
				type: 'cycle-target',
				// In the table's order, `/sort` included: the next target is the next row down.
				ids: sortRows(context.servers, state.sort).map((server) => server.id),
				backwards: key === 'shift+tab',
			}),
	},
	{
		keys: ['up', 'down'],
		where: 'line',
		description: 'previous / next line from history',
		hint: {label: 'history'},
		run: (state, key) =>
			act(state, {
				type: 'history',
				direction: key === 'up' ? 'older' : 'newer',
			}),
	},
	{
		keys: ['left', 'right', 'ctrl+a', 'ctrl+e'],
		where: 'line',
		description: 'move in the line: left / right, to its start / end',
		run: (state, key) =>
			act(state, {type: 'cursor', to: cursorMoves[key] ?? 'end'}),
	},
	{
		keys: ['backspace', 'delete', 'ctrl+w', 'ctrl+u'],
		where: 'line',
		description: 'delete back / forward, the word before, the whole line',
		run: (state, key) => act(state, {type: deletions[key] ?? 'clear-line'}),
	},
	{
		keys: ['pageUp', 'pageDown'],
		where: 'line',
		description: 'scroll messages (pauses following)',
		hint: {label: 'scroll'},
		run: (state, key, context) =>
			scroll(state, context, key === 'pageUp' ? -page(context) : page(context)),
	},
	{
		keys: ['home', 'end'],
		where: 'line',
		description: 'oldest message / follow new messages again',
		hint: {label: 'follow', keys: ['end']},
		run: (state, key, context) =>
			key === 'home'
				? scroll(state, context, -all)
				: act(state, {type: 'follow'}),
	},
	{
		keys: ['ctrl+o'],
		where: 'line',
		description:
			'open the current match, else the newest visible message, in full',
		details:
			'JSON pretty-printed; the keys of help and the detail view below scroll it and step between messages',
		hint: {label: 'detail'},
		run(state, _key, context) {
			const seq = shownMatch(state, context) ?? context.bottomSeq;
			return seq === undefined
				? act(state)
				: act(state, {type: 'overlay', overlay: 'detail', detailSeq: seq});
		},
	},
	...findKeys,
	{
		keys: ['?'],
		where: 'empty-line',
		description: 'this help (on an empty line)',
		hint: {label: 'help'},
		run: (state) => act(state, {type: 'overlay', overlay: 'help'}),
	},
	{
		keys: ['paste'],
		where: 'line',
		description:
			'goes into the line as text (line breaks and tabs kept); Enter sends it',
		details:
			'they show as ⏎ and ⇥; a paste never sends and never changes the target',
		run: (state, _key, _context, text) =>
			act(state, {type: 'insert', text, pasted: true}),
	},
	{
		keys: ['ctrl+z'],
		where: 'anywhere',
		description: 'suspend (the terminal is restored); fg brings it back',
		details: 'the monitor stops like any job and comes back redrawn',
		run: (state) => ({state, effects: [{type: 'suspend'}]}),
	},
	{
		keys: ['ctrl+c'],
		where: 'anywhere',
		description: 'clear the line; on an empty line, quit',
		details: 'the terminal is restored',
		hint: {label: 'quit'},
		run: (state) =>
			state.input === ''
				? {state, effects: [{type: 'exit'}]}
				: act(state, {type: 'clear-line'}),
	},
	{
		keys: ['up', 'down', 'pageUp', 'pageDown'],
		where: 'overlay',
		description: 'help or the detail view: scroll a row / a page',
		hint: {label: 'scroll'},
		run(state, key, context) {
			const page = context.overlayPage;
			const by =
				key === 'up'
					? -1
					: key === 'down'
						? 1
						: key === 'pageUp'
							? -page
							: page;
			return overlayScroll(state, context, by);
		},
	},
	{
		keys: ['home', 'end'],
		where: 'overlay',
		description: 'help or the detail view: to the top / the end',
		run: (state, key, context) =>
			overlayScroll(state, context, key === 'home' ? -all : all),
	},
	{
		keys: ['left', 'right', 'p', 'n'],
		where: 'detail',
		description: 'the detail view: the older / newer message',
		run: (state, key, context) =>
			act(state, {
				type: 'detail-step',
				by: key === 'left' || key === 'p' ? -1 : 1,
				seqs: context.seqs,
			}),
	},
	...detailCopyKeys,
	{
		keys: ['escape'],
		aliases: ['enter', 'q', '?'],
		where: 'overlay',
		description:
			'close help or the detail view (any other key closes it and acts)',
		hint: {label: 'closes'},
		run: (state) => act(state, {type: 'overlay', overlay: 'none'}),
	},
];
