import {sanitizeLabel} from '../../core/messages/sanitize.js';
import {type UiState} from '../ui-state.js';
import {alertCommands} from './alert-commands.js';
import {act, answer} from './answers.js';
import {findCommands} from './find-commands.js';
import {inspectCommands} from './inspect-commands.js';
import {sendText} from './submit.js';
import {type SlashCommand} from './types.js';

/*
The slash-command half of the command table (table.ts): each command typed on the line and run by
Enter, with its other names, what follows it, and what it does.
*/

export const slashCommands: readonly SlashCommand[] = [
	{
		slash: 'help',
		aliases: ['?'],
		description: 'keys and commands',
		run: (state) => act(state, {type: 'overlay', overlay: 'help'}),
	},
	{
		slash: 'to',
		usage: '<id|all|*>',
		description: 'send to one server, or to all connected (Tab cycles)',
		run(state, {rest}, context) {
			const ids = context.servers.map((server) => server.id);
			if (
				rest !== '' &&
				rest !== 'all' &&
				rest !== '*' &&
				!ids.includes(rest)
			) {
				return {
					state,
					effects: answer(
						`no server "${rest}" (ids: ${ids.join(', ') || 'none registered'})`,
						'error',
					),
				};
			}

			const target =
				rest === '' || rest === 'all' || rest === '*' ? undefined : rest;
			return {
				state: act(state, {type: 'set-target', target}).state,
				effects: answer(
					`sending to ${target === undefined ? 'every connected server' : sanitizeLabel(target, 200)}`,
					'info',
				),
			};
		},
	},
	...findCommands,
	...inspectCommands,
	...alertCommands,
	{
		slash: 'clear',
		description: 'clear the message pane',
		run: (state) => ({
			state,
			effects: [
				{type: 'clear-messages'},
				...answer('cleared the message pane', 'info', {note: false}),
			],
		}),
	},
	{
		slash: 'save',
		usage: '<file>',
		description: 'write the kept messages (as filtered) to a new file',
		details:
			'`~` expands; mode 0600; never follows a link; an existing file is refused',
		run: (state, input) => save(state, input.typed, input.raw, false),
	},
	{
		slash: 'save!',
		usage: '<file>',
		description: 'the same, replacing an existing file',
		details: 'a regular file only',
		run: (state, input) => save(state, input.typed, input.raw, true),
	},
	{
		slash: 'record',
		usage: '[file]',
		description:
			'record every frame, event and state change to a file (NDJSON); alone, stop',
		details:
			'the `--json` schema, frames with their bytes (`data`, base64) so `shipyard-tui replay` can serve them again; `~` expands; mode 0600; never follows a link; an existing file is refused; rotates at `--record-max`',
		run: (state, input) => record(state, input.raw, false),
	},
	{
		slash: 'record!',
		usage: '<file>',
		description: 'the same, replacing an existing file',
		details: 'a regular file only',
		run(state, input) {
			if (input.raw === '') {
				return {
					state,
					effects: answer(
						`/${input.typed} needs a file name, e.g. /${input.typed} session.ndjson`,
						'error',
					),
				};
			}

			return record(state, input.raw, true);
		},
	},
	{
		slash: 'sub',
		usage: '<topic>',
		description: 'subscribe channel servers to a topic (now and on reconnect)',
		run: (state, input) => topic(state, input.typed, input.rest, 'subscribe'),
	},
	{
		slash: 'unsub',
		usage: '<topic>',
		description: 'unsubscribe from a topic',
		run: (state, input) => topic(state, input.typed, input.rest, 'unsubscribe'),
	},
	{
		slash: 'quit',
		aliases: ['q', 'exit'],
		description: 'leave (Ctrl+C on an empty line does too)',
		run: (state) => ({state, effects: [{type: 'exit'}]}),
	},
	{
		slash: '/',
		usage: 'text',
		description: 'send text that starts with a slash',
		run: (state, {raw}, context) => sendText(state, `/${raw}`, context),
	},
];

function save(state: UiState, typed: string, file: string, overwrite: boolean) {
	if (file === '') {
		return {
			state,
			effects: answer(
				`/${typed} needs a file name, e.g. /${typed} messages.log`,
				'error',
			),
		};
	}

	return {
		state,
		effects: [{type: 'save', file, overwrite, filter: state.filter} as const],
	};
}

/** `/record <file>` starts (or moves) the recording; `/record` alone stops it. */
function record(state: UiState, file: string, overwrite: boolean) {
	return {
		state,
		effects: [
			file === ''
				? ({type: 'record', overwrite: false} as const)
				: ({type: 'record', file, overwrite} as const),
		],
	};
}

function topic(
	state: UiState,
	typed: string,
	name: string,
	type: 'subscribe' | 'unsubscribe',
) {
	if (name === '') {
		return {
			state,
			effects: answer(
				`/${typed} needs a topic, e.g. /${typed} reasoning:abc`,
				'error',
			),
		};
	}

	return {state, effects: [{type, topic: name} as const]};
}
