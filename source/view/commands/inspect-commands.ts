import {sanitizeLabel} from '../../core/messages/sanitize.js';
import {act, answer} from './answers.js';
import {type SlashCommand} from './types.js';

/*
The slash commands that change how messages and servers are shown (issue 11): `/ansi`. Rows of the
command table, joined into it by slash-table.ts.
*/

export const inspectCommands: readonly SlashCommand[] = [
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
				state: act(state, {type: 'set-ansi', on}).state,
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
