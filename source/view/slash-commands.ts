import {type MessageFilter} from './ui-state.js';

export type Submission =
	| {kind: 'send'; text: string}
	| {kind: 'help'}
	| {kind: 'to'; target?: string}
	/** `unknown`: the server it names is not registered (yet): the filter is kept, with a warning. */
	| {kind: 'filter'; filter: MessageFilter; unknown?: string}
	| {kind: 'clear'}
	| {kind: 'save'; file: string; overwrite?: true}
	| {kind: 'sub'; topic: string}
	| {kind: 'unsub'; topic: string}
	| {kind: 'quit'}
	| {kind: 'nothing'}
	| {kind: 'error'; message: string};

/** Every slash command with its argument and what it does, for `/help` and the help view. */
export const slashCommands = [
	['/help', 'keys and commands'],
	['/to <id|all>', 'send to one server, or to all connected (Tab cycles)'],
	[
		'/filter [@id] [text]',
		'show only one server and/or lines containing text; no arguments clears',
	],
	['/clear', 'clear the message pane'],
	[
		'/save <file>',
		'write the kept messages to a new file (/save! <file> replaces one)',
	],
	[
		'/sub <topic>',
		'subscribe channel servers to a topic (now and on reconnect)',
	],
	['/unsub <topic>', 'unsubscribe from a topic'],
	['/quit', 'leave (Ctrl+C on an empty line does too)'],
	['//text', 'send text that starts with a slash'],
] as const;

/** What a submitted input line asks for: text to send, or a slash command. */
export function parseSubmission(
	line: string,
	serverIds: readonly string[],
): Submission {
	if (line.trim() === '') {
		return {kind: 'nothing'};
	}

	if (line.startsWith('//')) {
		return {kind: 'send', text: line.slice(1)};
	}

	if (!line.startsWith('/')) {
		return {kind: 'send', text: line};
	}

	const [command = '', ...words] = line.slice(1).trim().split(/\s+/);
	const rest = words.join(' ');
	switch (command.toLowerCase()) {
		case 'help':
		case '?': {
			return {kind: 'help'};
		}

		case 'to': {
			if (rest === '' || rest === 'all' || rest === '*') {
				return {kind: 'to'};
			}

			return serverIds.includes(rest)
				? {kind: 'to', target: rest}
				: {
						kind: 'error',
						message: `no server "${rest}" (ids: ${serverIds.join(', ') || 'none registered'})`,
					};
		}

		case 'filter': {
			// Kept even when no such server is registered: it may register in a moment.
			const filter = parseFilter(words);
			return filter.server === undefined || serverIds.includes(filter.server)
				? {kind: 'filter', filter}
				: {kind: 'filter', filter, unknown: filter.server};
		}

		case 'clear': {
			return {kind: 'clear'};
		}

		case 'save':
		case 'save!': {
			return parseSave(command, line);
		}

		case 'sub':
		case 'unsub': {
			if (rest === '') {
				return {
					kind: 'error',
					message: `/${command} needs a topic, e.g. /${command} reasoning:abc`,
				};
			}

			return command === 'sub'
				? {kind: 'sub', topic: rest}
				: {kind: 'unsub', topic: rest};
		}

		case 'quit':
		case 'q':
		case 'exit': {
			return {kind: 'quit'};
		}

		default: {
			return {
				kind: 'error',
				message: `unknown command /${command}; /help lists them, and // sends a leading slash`,
			};
		}
	}
}

/** `/save <file>` writes a new file; `/save! <file>` may replace one. */
function parseSave(command: string, line: string): Submission {
	// The name as typed, spaces and all (`rest` has runs of spaces squeezed).
	const file = line.slice(1).trim().slice(command.length).trim();
	if (file === '') {
		return {
			kind: 'error',
			message: `/${command} needs a file name, e.g. /${command} messages.log`,
		};
	}

	return command.toLowerCase() === 'save!'
		? {kind: 'save', file, overwrite: true}
		: {kind: 'save', file};
}

function parseFilter(words: string[]): MessageFilter {
	const server = words
		.find((word) => word.startsWith('@') && word.length > 1)
		?.slice(1);
	const text = words
		.filter((word) => !(word.startsWith('@') && word.length > 1))
		.join(' ');
	return {
		...(server === undefined ? {} : {server}),
		...(text === '' ? {} : {text}),
	};
}
