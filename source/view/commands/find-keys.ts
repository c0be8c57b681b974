import {sanitizeLabel} from '../../core/messages/sanitize.js';
import {type UiState} from '../ui-state.js';
import {act, answer} from './answers.js';
import {type KeyCommand, type Step, type StepContext} from './types.js';

/*
The keys that find and copy lines (issue 11), joined into the key table by key-table.ts. Ctrl keys
only on the main screen, so ↑/↓ keep browsing history and letters keep typing.
*/

const findPrefix = '/find ';

export const findKeys: readonly KeyCommand[] = [
	{
		keys: ['ctrl+f'],
		where: 'line',
		description: 'search: types `/find ` before the line (Enter runs it)',
		hint: {label: 'find'},
		run(state) {
			if (state.input.startsWith(findPrefix)) {
				return act(state);
			}

			const input = findPrefix + state.input;
			return {
				state: {...state, input, cursor: input.length, historyIndex: undefined},
				effects: [],
			};
		},
	},
	{
		keys: ['ctrl+n', 'ctrl+p'],
		where: 'line',
		description: 'next / previous match of /find (the pane pauses there)',
		run: (state, key, context) => jump(state, key === 'ctrl+n', context),
	},
	{
		keys: ['escape'],
		where: 'empty-line',
		description: 'end the search, else clear the answer (on an empty line)',
		run: (state) =>
			state.find
				? {
						state: act(state, {type: 'set-find'}).state,
						effects: answer('search ended', 'info', {note: false}),
					}
				: {state, effects: [{type: 'say', feedback: undefined}]},
	},
	{
		keys: ['ctrl+y'],
		where: 'line',
		description:
			'copy the current match, else the newest line shown (OSC 52; in tmux: set-clipboard on)',
		details:
			'the text as shown in the detail view, inert; terminals cap OSC 52, so about 73 KiB at most',
		run(state, _key, context) {
			const seq = shownMatch(state, context) ?? context.bottomSeq;
			return seq === undefined
				? {state, effects: answer('nothing to copy', 'info', {note: false})}
				: {state, effects: [{type: 'copy', seq, pretty: false}]};
		},
	},
];

/** The current match while the pane has it (a filter may have hidden it since). */
export function shownMatch(
	state: UiState,
	context: StepContext,
): number | undefined {
	return state.findSeq !== undefined && context.seqs.includes(state.findSeq)
		? state.findSeq
		: undefined;
}

/** In the detail view: copy the message shown. */
export const detailCopyKeys: readonly KeyCommand[] = [
	{
		keys: ['y', 'Y'],
		where: 'detail',
		description: 'the detail view: copy the message / its JSON pretty-printed',
		run: (state, key) =>
			state.detailSeq === undefined
				? act(state)
				: {
						state,
						effects: [
							{type: 'copy', seq: state.detailSeq, pretty: key === 'Y'},
						],
					},
	},
];

/** Ctrl+N / Ctrl+P: the next or previous match from the current one, or from the pane's bottom line. */
function jump(state: UiState, newer: boolean, context: StepContext): Step {
	if (!state.find) {
		return {
			state,
			effects: answer('no search: /find <text> (or ^F) starts one', 'info', {
				note: false,
			}),
		};
	}

	const matches = context.matchSeqs ?? [];
	if (matches.length === 0) {
		return {
			state,
			effects: answer(
				`no line matches ${sanitizeLabel(state.find.label, 200)}`,
				'warning',
				{note: false},
			),
		};
	}

	const seq = nextMatch(matches, state.findSeq, context.bottomSeq, newer);
	if (seq === undefined) {
		return {
			state,
			effects: answer(newer ? 'no newer match' : 'no older match', 'info', {
				note: false,
			}),
		};
	}

	return {
		state: act(state, {
			type: 'find-jump',
			seq,
			seqs: context.seqs,
			pageSize: context.pageSize,
		}).state,
		effects: [{type: 'say', feedback: undefined}],
	};
}

function nextMatch(
	matches: readonly number[],
	current: number | undefined,
	bottom: number | undefined,
	newer: boolean,
): number | undefined {
	if (current === undefined) {
		// From the screen: the newest match at or above its bottom line (or the oldest one below it).
		const from = bottom ?? Number.POSITIVE_INFINITY;
		return matches.findLast((seq) => seq <= from) ?? matches[0];
	}

	return newer
		? matches.find((seq) => seq > current)
		: matches.findLast((seq) => seq < current);
}
