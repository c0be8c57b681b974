import {type UiState} from '../ui-state.js';
import {act, answer} from './answers.js';
import {
	type SlashCommand,
	type SlashInput,
	type Step,
	type StepContext,
} from './types.js';

/**
Enter: the line is remembered and cleared, the last answer goes, and the line is sent or, when it
starts with a slash, run as that command (`//` sends a leading slash).
*/
export function submit(
	state: UiState,
	context: StepContext,
	commands: readonly SlashCommand[],
): Step {
	const line = state.input;
	const submitted = act(state, {type: 'submitted', line});
	const result = runLine(line, submitted.state, context, commands);
	return {
		state: result.state,
		effects: [{type: 'say', feedback: undefined}, ...result.effects],
	};
}

function runLine(
	line: string,
	state: UiState,
	context: StepContext,
	commands: readonly SlashCommand[],
): Step {
	if (line.trim() === '') {
		return act(state);
	}

	if (!line.startsWith('/') || line.startsWith('//')) {
		return sendText(
			state,
			line.startsWith('//') ? line.slice(1) : line,
			context,
		);
	}

	const input = slashInput(line);
	const name = input.typed.toLowerCase();
	const command = commands.find(
		(row) => row.slash === name || row.aliases?.includes(name),
	);
	if (command) {
		return command.run(state, input, context);
	}

	return {
		state,
		effects: answer(
			`unknown command /${input.typed}; /help lists them, and // sends a leading slash`,
			'error',
		),
	};
}

function slashInput(line: string): SlashInput {
	const [typed = '', ...words] = line.slice(1).trim().split(/\s+/);
	return {
		typed,
		words,
		rest: words.join(' '),
		// The rest as typed, spaces and all (`rest` has runs of spaces squeezed).
		raw: line.slice(1).trim().slice(typed.length).trim(),
	};
}

/** Text to the target, or to every connected server; with nothing to receive it, says so instead. */
export function sendText(
	state: UiState,
	text: string,
	context: StepContext,
): Step {
	const connected = context.servers.filter(
		(server) => server.state.status === 'connected',
	).length;
	if (state.target === undefined && connected === 0) {
		return {
			state,
			effects: answer(
				`not sent: nothing is connected (${context.servers.length} registered)`,
				'error',
			),
		};
	}

	const sent = act(state, {type: 'follow'});
	return {
		state: sent.state,
		effects: [
			{
				type: 'send',
				text,
				...(state.target === undefined ? {} : {to: state.target}),
			},
		],
	};
}
