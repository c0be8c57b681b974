import {parseTextPattern} from '../../core/query/text-pattern.js';
import {act, answer} from './answers.js';
import {type SlashCommand} from './types.js';

/*
The alert and snippet commands (issue 12, items 3 and 4): rows of the command table, joined into it
by slash-table.ts. What they change lives outside the screen's state (the alert watcher, the config's
snippets), so each row checks what it can and hands the rest to run-effects.ts as an effect.
*/

export const alertCommands: readonly SlashCommand[] = [
	{
		slash: 'alert',
		usage: '[pattern]',
		description:
			'alert on messages matching text or /regex/ (badge, bell, line); alone, list the patterns',
		details:
			'servers going stale, rejected or unreachable, or dropping, alert too; at most one alert per server every 10 s, the rest counted; `--notify` adds a desktop notification',
		run(state, {raw, typed}) {
			if (raw === '') {
				return {state, effects: [{type: 'alert-patterns'}]};
			}

			const parsed = parseTextPattern(raw);
			return parsed.ok
				? {state, effects: [{type: 'alert-add', pattern: raw}]}
				: {
						state,
						effects: answer(`/${typed}: ${parsed.error}`, 'error', {
							note: false,
						}),
					};
		},
	},
	{
		slash: 'unalert',
		usage: '[pattern]',
		description: 'stop alerting on a pattern; alone, on every pattern',
		run: (state, {raw}) => ({
			state,
			effects: [
				raw === ''
					? {type: 'alert-remove'}
					: {type: 'alert-remove', pattern: raw},
			],
		}),
	},
	{
		slash: 'alerts',
		description: 'the alerts that fired (time, server, why); clears the badge',
		run: (state) => ({
			state: act(state, {type: 'overlay', overlay: 'alerts'}).state,
			effects: [{type: 'alerts-seen'}],
		}),
	},
	{
		slash: 'snip',
		usage: '[name]',
		description:
			'send a snippet from the config file to the target, {id} and {time} filled in; alone, list them',
		details:
			'with every connected server as the target, each gets the text with its own {id}',
		run: (state, {raw}) => ({
			state,
			effects: [
				raw === ''
					? {type: 'snip'}
					: {
							type: 'snip',
							name: raw,
							...(state.target === undefined ? {} : {to: state.target}),
						},
			],
		}),
	},
];
