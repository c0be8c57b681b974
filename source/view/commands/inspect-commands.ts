import {sanitizeLabel} from '../../core/messages/sanitize.js';
import {parseSort, sortKeys, sortLabel} from '../table-sort.js';
import {act, answer} from './answers.js';
import {type SlashCommand} from './types.js';

/*
The slash commands that change how messages and servers are shown (issue 11): `/ansi`, `/sort`. Rows of the
command table, joined into it by slash-table.ts.
*/

export const inspectCommands: readonly SlashCommand[] = [
	{
		slash: 'sort',
		usage: `[${sortKeys.join('|')}]`,
		description:
			'sort the server table; -key or `key desc` turns it round; alone, registry order',
		details:
			'ids A→Z, trouble first, busiest first, longest up first; ties keep ids A→Z',
		run(state, {rest}) {
			const parsed = parseSort(rest);
			if (!parsed.ok) {
				return {
					state,
					effects: answer(
						`${sanitizeLabel(parsed.error, 200)}; the order is unchanged`,
						'error',
						{note: false},
					),
				};
			}

			return {
				state: act(state, {
					type: 'set-view',
					changes: {sort: parsed.order},
				}).state,
				effects: answer(
					parsed.order
						? `servers sorted by ${sortLabel(parsed.order)} (/sort alone: registry order)`
						: 'servers in registry order',
					'info',
					{note: false},
				),
			};
		},
	},
	{
		slash: 'ansi',
		usage: '[on|off]',
		description: "servers' colours: drawn (on), or shown as escaped text (off)",
		details:
			'only SGR colour and style is drawn; cursor moves, clears, OSC and every other control stay visible text; alone it toggles; NO_COLOR drops the colours, keeps the text',
		run(state, {words, typed}) {
			const word = words[0]?.toLowerCase();
			if (
				words.length > 1 ||
				(word !== undefined && word !== 'on' && word !== 'off')
			) {
				return {
					state,
					effects: answer(
						`/${typed} takes on or off, not "${sanitizeLabel(words.join(' '), 100)}"`,
						'error',
						{note: false},
					),
				};
			}

			const on = word === undefined ? Boolean(state.ansiOff) : word === 'on';
			return {
				state: act(state, {
					type: 'set-view',
					changes: {ansiOff: on ? undefined : true},
				}).state,
				effects: answer(
					on
						? "servers' colours on: SGR colour and style are drawn"
						: "servers' colours off: SGR shows as escaped text",
					'info',
					{note: false},
				),
			};
		},
	},
];
