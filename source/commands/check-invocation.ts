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
	],
	list: ['json', 'maxServers'],
	prune: ['json'],
	send: ['to', 'wait', 'subscribe', 'maxPayload', 'json', 'maxServers'],
	serve: ['id', 'port', 'host', 'path', 'name'],
	demo: ['color'],
};

export const commandNames = [
	'monitor',
	'list',
	'prune',
	'send',
	'serve',
	'demo',
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

type NumberKey =
	| 'port'
	| 'waitMs'
	| 'maxPayload'
	| 'scrollback'
	| 'pingIntervalMs'
	| 'maxServers';

type NumberSpec = {
	flag: string;
	key: NumberKey;
	min: number;
	max: number;
	parse: (text: string) => number;
	what: string;
};

const numberSpecs: NumberSpec[] = [
	{
		flag: 'port',
		key: 'port',
		min: 0,
		max: 65_535,
		parse: Number,
		what: 'a whole number from 0 to 65535',
	},
	{
		flag: 'wait',
		key: 'waitMs',
		min: 0,
		max: 600_000,
		parse: Number,
		what: 'milliseconds from 0 to 600000',
	},
	{
		flag: 'maxPayload',
		key: 'maxPayload',
		min: 1024,
		max: 1024 ** 3,
		parse: parseBytes,
		what: 'a size from 1KiB to 1GiB, e.g. 1048576, 512KiB or 4MiB',
	},
	{
		flag: 'scrollback',
		key: 'scrollback',
		min: 100,
		max: 1_000_000,
		parse: Number,
		what: 'a whole number of messages from 100 to 1000000',
	},
	{
		flag: 'pingInterval',
		key: 'pingIntervalMs',
		min: 100,
		max: 3_600_000,
		parse: Number,
		what: 'milliseconds from 100 to 3600000',
	},
	{
		flag: 'maxServers',
		key: 'maxServers',
		min: 1,
		max: 100_000,
		parse: Number,
		what: 'a whole number of servers from 1 to 100000',
	},
];

function parseNumbers(
	flags: Flags,
):
	| {ok: true; values: Partial<Record<NumberKey, number>>}
	| {ok: false; error: string} {
	const values: Partial<Record<NumberKey, number>> = {};
	for (const spec of numberSpecs) {
		const raw = flags[spec.flag];
		if (raw === undefined) {
			continue;
		}

		const text = typeof raw === 'string' ? raw.trim() : '';
		const value = spec.parse(text);
		if (
			text === '' ||
			!Number.isInteger(value) ||
			value < spec.min ||
			value > spec.max
		) {
			return {
				ok: false,
				error: `--${kebabCase(spec.flag)} must be ${spec.what}, got "${typeof raw === 'string' ? raw : typeof raw}"`,
			};
		}

		values[spec.key] = value;
	}

	return {ok: true, values};
}

/** `1048576`, `512KiB`, `512k`, `4MiB`, `4m` → bytes; NaN when unreadable. */
export function parseBytes(text: string): number {
	const match = /^(\d+(?:\.\d+)?)\s*(b|k|kb|kib|m|mb|mib|g|gb|gib)?$/i.exec(
		text,
	);
	if (!match) {
		return Number.NaN;
	}

	const unit = (match[2] ?? 'b').toLowerCase()[0]!;
	const scale =
		unit === 'k'
			? 1024
			: unit === 'm'
				? 1024 ** 2
				: unit === 'g'
					? 1024 ** 3
					: 1;
	return Math.round(Number(match[1]) * scale);
}

function camelCase(value: string): string {
	return value.replaceAll(/-([a-z])/g, (_match, letter: string) =>
		letter.toUpperCase(),
	);
}

function kebabCase(value: string): string {
	return value.replaceAll(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}
