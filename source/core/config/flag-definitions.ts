/*
Every command-line flag, once. meow's flag table, which command accepts which flag, the `--help`
options, the config file's schema and `shipyard-tui config` are all written from this list, so a new
flag is one row here (and its use where it acts).
*/

export const commandNames = [
	'monitor',
	'list',
	'prune',
	'send',
	'serve',
	'demo',
	'replay',
	'share',
	'config',
] as const;
export type CommandName = (typeof commandNames)[number];

export type FlagDefinition = {
	/** As meow names it: camelCase (`maxPayload` is `--max-payload`); the config file's key too. */
	readonly name: string;
	readonly type: 'string' | 'boolean';
	/** Repeatable on the command line; a list of strings in the config file. */
	readonly multiple?: boolean;
	/** A number, or a size such as 4MiB: the config file may write it as a JSON number too. */
	readonly numeric?: boolean;
	/** The commands that accept it; `all` for the global ones. */
	readonly commands: readonly CommandName[] | 'all';
	/** What follows the flag in help: `<path>`. */
	readonly value?: string;
	readonly description: string;
	/** The built-in value as help shows it (`1MiB`), when there is one. */
	readonly shownDefault?: string;
	/** The built-in value itself, when the program has one at this level. */
	readonly builtIn?: string | boolean | readonly string[];
	/** The environment variable that sets it (between the flag and the config file). */
	readonly env?: string;
	/** Not a setting (`--init`): it has no place in the config file. */
	readonly configurable?: false;
	/** The help section it is listed in: the general options, or one command's. */
	readonly section?: 'send' | 'serve' | 'replay' | 'share' | 'config';
};

export const flagDefinitions: readonly FlagDefinition[] = [
	{
		name: 'registry',
		type: 'string',
		commands: 'all',
		value: '<path|url>',
		description:
			'registry file, or a team registry: redis://, rediss://, http(s)://',
		shownDefault: '$SHIPYARD_REGISTRY, else ~/.shipyard/servers.json',
		env: 'SHIPYARD_REGISTRY',
	},
	{
		name: 'json',
		type: 'boolean',
		commands: ['monitor', 'list', 'prune', 'send', 'config'],
		description:
			'NDJSON event stream (monitor); JSON output (list, send, prune, config)',
		builtIn: false,
	},
	{
		name: 'show',
		type: 'string',
		commands: ['monitor'],
		value: '<expr>',
		description:
			'with --json: each JSON message also carries "show", its JMESPath projection',
	},
	{
		name: 'maxPayload',
		type: 'string',
		numeric: true,
		commands: ['monitor', 'send', 'replay'],
		value: '<n>',
		description: 'largest incoming message; bigger closes that connection',
		shownDefault: '1MiB',
	},
	{
		name: 'scrollback',
		type: 'string',
		numeric: true,
		commands: ['monitor', 'replay'],
		value: '<n>',
		description: 'messages kept in the pane',
		shownDefault: '5000',
	},
	{
		name: 'subscribe',
		type: 'string',
		multiple: true,
		commands: ['monitor', 'send'],
		value: '<topic>',
		description:
			'send [topic, "subscribe", {}] on every (re)connect; repeatable',
		builtIn: [],
	},
	{
		name: 'pingInterval',
		type: 'string',
		numeric: true,
		commands: ['monitor', 'replay'],
		value: '<ms>',
		description: 'heartbeat interval; a peer missing a pong is reconnected',
		shownDefault: '5000',
	},
	{
		name: 'maxServers',
		type: 'string',
		numeric: true,
		commands: ['monitor', 'list', 'send'],
		value: '<n>',
		description:
			'registry entries acted on (monitor, list, send); more get a warning',
		shownDefault: '256',
	},
	{
		name: 'record',
		type: 'string',
		commands: ['monitor', 'replay'],
		value: '<file>',
		description:
			'record every frame, event and state change as NDJSON (new file, 0600)',
	},
	{
		name: 'recordMax',
		type: 'string',
		numeric: true,
		commands: ['monitor', 'replay'],
		value: '<size>',
		description:
			'rotate the recording at this size (file.1 to file.3 kept), e.g. 100MiB',
	},
	{
		name: 'recordOverwrite',
		type: 'boolean',
		commands: ['monitor', 'replay'],
		description: 'let --record replace an existing regular file',
		builtIn: false,
	},
	{
		name: 'alert',
		type: 'string',
		multiple: true,
		commands: ['monitor', 'demo'],
		value: '<pattern>',
		description: 'alert on messages matching this text or /regex/; repeatable',
		builtIn: [],
	},
	{
		name: 'notify',
		type: 'boolean',
		commands: ['monitor', 'demo'],
		description:
			'alerts also raise a desktop notification (OSC 9 and 777; through tmux)',
		builtIn: false,
		env: 'SHIPYARD_NOTIFY',
	},
	{
		name: 'ca',
		type: 'string',
		multiple: true,
		commands: ['monitor', 'list', 'send', 'serve', 'share'],
		value: '<file>',
		description:
			'also trust this certificate authority (PEM) for wss:// and rediss://; repeatable',
		builtIn: [],
	},
	{
		name: 'color',
		type: 'boolean',
		commands: ['monitor', 'demo', 'replay'],
		description: 'no colours (NO_COLOR is honoured too)',
		builtIn: true,
	},
	{
		name: 'to',
		type: 'string',
		commands: ['send', 'share'],
		value: '<id>',
		description: 'send to this server only',
		section: 'send',
	},
	{
		name: 'wait',
		type: 'string',
		numeric: true,
		commands: ['send'],
		value: '<ms>',
		description: 'collect replies for up to this long',
		shownDefault: '1000',
		section: 'send',
	},
	{
		name: 'id',
		type: 'string',
		commands: ['serve'],
		value: '<id>',
		description: 'server id',
		shownDefault: 'server-<time>-<random>',
		section: 'serve',
	},
	{
		name: 'port',
		type: 'string',
		numeric: true,
		commands: ['serve'],
		value: '<n>',
		description: 'port',
		shownDefault: '0, any free port',
		section: 'serve',
	},
	{
		name: 'host',
		type: 'string',
		commands: ['serve'],
		value: '<address>',
		description: 'address to bind',
		shownDefault: '127.0.0.1',
		section: 'serve',
	},
	{
		name: 'path',
		type: 'string',
		commands: ['serve'],
		value: '<path>',
		description: 'WebSocket path',
		shownDefault: '/',
		section: 'serve',
	},
	{
		name: 'name',
		type: 'string',
		commands: ['serve'],
		value: '<label>',
		description: 'display name',
		section: 'serve',
	},
	{
		name: 'advertise',
		type: 'string',
		commands: ['share'],
		value: '<host>',
		description: 'the address other machines reach this one by',
		shownDefault: 'the host name',
		section: 'share',
	},
	{
		name: 'speed',
		type: 'string',
		numeric: true,
		commands: ['replay'],
		value: '<factor>',
		description: 'play faster (2) or slower (0.5)',
		shownDefault: '1',
		section: 'replay',
	},
	{
		name: 'loop',
		type: 'boolean',
		commands: ['replay'],
		description: 'start again at the end, until Ctrl+C',
		builtIn: false,
		section: 'replay',
	},
	{
		name: 'init',
		type: 'boolean',
		commands: ['config'],
		description:
			'write a commented example config file (never over an existing one)',
		configurable: false,
		section: 'config',
	},
];

/** `maxPayload` → `max-payload`. */
export function kebabCase(value: string): string {
	return value.replaceAll(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}

/** Whether `command` accepts flag `name` (global flags are accepted everywhere). */
export function acceptsFlag(command: CommandName, name: string): boolean {
	const definition = flagDefinitions.find((flag) => flag.name === name);
	return (
		definition !== undefined &&
		// `config` takes every flag, to show what it would set and why.
		(command === 'config' ||
			definition.commands === 'all' ||
			definition.commands.includes(command))
	);
}

/** The flags as meow wants them: no defaults, so a flag left out is told apart from one given. */
export function meowFlags(): Record<
	string,
	{type: 'string' | 'boolean'; isMultiple?: boolean}
> {
	return Object.fromEntries(
		flagDefinitions.map((flag) => [
			flag.name,
			flag.multiple ? {type: flag.type, isMultiple: true} : {type: flag.type},
		]),
	);
}

/** The options part of `--help`: one line per flag, grouped as the commands use them. */
export function flagHelp(section?: FlagDefinition['section']): string {
	const rows = flagDefinitions
		.filter((flag) => flag.section === section)
		.map((flag) => {
			const left =
				flag.type === 'boolean' && flag.builtIn === true
					? `--no-${kebabCase(flag.name)}`
					: `--${kebabCase(flag.name)}${flag.value ? ` ${flag.value}` : ''}`;
			const shown =
				flag.shownDefault === undefined
					? ''
					: ` [default: ${flag.shownDefault}]`;
			return `\t  ${left.padEnd(19)} ${flag.description}${shown}`;
		});
	return rows.join('\n');
}
