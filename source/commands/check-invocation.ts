import {parseNumbers} from './flag-numbers.js';

/** The sub-commands and the flags each accepts, besides the global ones. */
const commandFlags: Record<CommandName, readonly string[]> = {
	monitor: [
		'json',
		'maxPayload',
		'scrollback',
		'subscribe',
		'pingInterval',
		'color',
		'maxServers',
		'show',
		'ca',
	],
	list: ['json', 'maxServers', 'ca'],
	prune: ['json'],
	send: ['to', 'wait', 'subscribe', 'maxPayload', 'json', 'maxServers', 'ca'],
	serve: ['id', 'port', 'host', 'path', 'name', 'ca'],
	demo: ['color'],
	share: ['to', 'advertise', 'ca'],
};

export const commandNames = [
	'monitor',
	'list',
	'prune',
	'send',
	'serve',
	'demo',
	'share',
] as const;
export type CommandName = (typeof commandNames)[number];

const globalFlags = new Set(['registry', 'help', 'version']);

/** What the command line asked for, checked and converted. */
export type Invocation = {
	command: CommandName;
	/** Words after the command (the text of `send`). */
	arguments: string[];
	port?: number;
	waitMs?: number;
	maxPayload?: number;
	scrollback?: number;
	pingIntervalMs?: number;
	maxServers?: number;
};

export type InvocationResult =
	({ok: true} & Invocation) | {ok: false; error: string};

type Flags = Record<string, unknown>;

/**
Checks what meow parsed against what the chosen command accepts, so a typo gets a precise message
(and exit 2) rather than being ignored.
*/
export function checkInvocation(
	input: string[],
	flags: Flags,
	argv: string[],
): InvocationResult {
	const [first, ...rest] = input;
	const command =
		first === undefined
			? 'monitor'
			: commandNames.find((name) => name === first && name !== 'monitor');
	if (command === undefined) {
		return {
			ok: false,
			error: `unknown command "${first ?? ''}" (commands: ${commandNames.filter((name) => name !== 'monitor').join(', ')})`,
		};
	}

	if (command === 'send' && rest.length === 0) {
		return {
			ok: false,
			error: 'send needs the text to send, e.g. shipyard-tui send "hello"',
		};
	}

	if (command !== 'send' && rest.length > 0) {
		return {
			ok: false,
			error: `${command === 'monitor' ? 'the monitor' : `"${command}"`} takes no arguments, got "${rest.join(' ')}"`,
		};
	}

	const flagError = checkFlagNames(command, argv);
	if (flagError) {
		return {ok: false, error: flagError};
	}

	const numbers = parseNumbers(flags);
	return numbers.ok
		? {ok: true, command, arguments: rest, ...numbers.values}
		: numbers;
}

function checkFlagNames(
	command: CommandName,
	argv: string[],
): string | undefined {
	const accepted = new Set(commandFlags[command]);
	for (const argument of argv) {
		if (argument === '--') {
			break;
		}

		if (/^-[^-]/.test(argument) && !/^-\d/.test(argument)) {
			return `unknown option ${argument}`;
		}

		if (!argument.startsWith('--')) {
			continue;
		}

		const written = argument.split('=')[0]!;
		const name = camelCase(written.slice(2).replace(/^no-/, ''));
		if (accepted.has(name) || globalFlags.has(name)) {
			continue;
		}

		const elsewhere = commandNames.filter((other) =>
			commandFlags[other].includes(name),
		);
		return elsewhere.length > 0
			? `${written} does not apply to ${command === 'monitor' ? 'the monitor' : `"${command}"`} (it is for ${elsewhere.map((other) => (other === 'monitor' ? 'the monitor' : other)).join(', ')})`
			: `unknown option ${written}`;
	}

	return undefined;
}

function camelCase(value: string): string {
	return value.replaceAll(/-([a-z])/g, (_match, letter: string) =>
		letter.toUpperCase(),
	);
}
