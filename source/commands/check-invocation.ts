import {
	acceptsFlag,
	type CommandName,
	commandNames,
} from '../core/config/flag-definitions.js';
import {parseNumbers} from './flag-numbers.js';

export {
	commandNames,
	type CommandName,
} from '../core/config/flag-definitions.js';

const globalFlags = new Set(['help', 'version']);

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
	recordMax?: number;
	/** `replay --speed`: time is divided by it. */
	speed?: number;
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

	if (command === 'replay' && rest.length !== 1) {
		return {
			ok: false,
			error:
				rest.length === 0
					? 'replay needs the recording to play, e.g. shipyard-tui replay session.ndjson'
					: `replay takes one file, got "${rest.join(' ')}"`,
		};
	}

	if (command !== 'send' && command !== 'replay' && rest.length > 0) {
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
	if (!numbers.ok) {
		return numbers;
	}

	const speed = parseSpeed(flags.speed);
	return typeof speed === 'string'
		? {ok: false, error: speed}
		: {
				ok: true,
				command,
				arguments: rest,
				...numbers.values,
				...(speed === undefined ? {} : {speed}),
			};
}

/** `--speed 2`, `--speed 0.5`: a factor from 0.01 to 1000; the error when it is not one. */
function parseSpeed(raw: unknown): number | string | undefined {
	if (raw === undefined) {
		return undefined;
	}

	const text = typeof raw === 'string' ? raw.trim() : '';
	const value = Number(text);
	return text !== '' && Number.isFinite(value) && value >= 0.01 && value <= 1000
		? value
		: `--speed must be a factor from 0.01 to 1000, e.g. 2 or 0.5, got "${typeof raw === 'string' ? raw : typeof raw}"`;
}

function checkFlagNames(
	command: CommandName,
	argv: string[],
): string | undefined {
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
		if (acceptsFlag(command, name) || globalFlags.has(name)) {
			continue;
		}

		const elsewhere = commandNames.filter(
			(other) => other !== 'config' && acceptsFlag(other, name),
		);
		return elsewhere.length > 0 || name === 'init'
			? `${written} does not apply to ${command === 'monitor' ? 'the monitor' : `"${command}"`} (it is for ${(name === 'init' ? ['config'] : elsewhere).map((other) => (other === 'monitor' ? 'the monitor' : other)).join(', ')})`
			: `unknown option ${written}`;
	}

	return undefined;
}

function camelCase(value: string): string {
	return value.replaceAll(/-([a-z])/g, (_match, letter: string) =>
		letter.toUpperCase(),
	);
}
