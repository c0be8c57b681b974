#!/usr/bin/env node
import meow from 'meow';
import {checkInvocation} from './commands/check-invocation.js';
import {loadSettings} from './commands/settings.js';
import {flagHelp, meowFlags} from './core/config/flag-definitions.js';
import {readCaFiles} from './commands/read-ca.js';
import {terminalRefusal} from './commands/check-terminal.js';
import {isRegistryUrl, resolveRegistryPath} from './core/registry/paths.js';
import {setColorEnabled} from './view/color-mode.js';

// The monitor's keys and commands, written from the command table; loaded only for --help, so
// other commands start without it.
const monitorHelp = process.argv.includes('--help')
	? await import('./view/commands/cli-help.js').then(({cliHelp}) => cliHelp())
	: '';

const cli = meow(
	`
	Usage
	  $ shipyard-tui [command] [options]

	Commands
	  (none)              the live monitor; NDJSON events instead when stdout is not a terminal
	  list                the registered servers once, with liveness
	  send <text>         send once to every connected server (or --to one); exit 1 if nobody got it
	  serve               an echo server that registers itself (for trying things out)
	  prune               remove registry entries whose process is gone
	  demo                a few local servers in a temporary registry, with the monitor over them
	  replay <file>       serve a recording (--record) again at its timing, as registered servers;
	                      without --registry, in a temporary registry with the monitor over it
	  share --to <url>    mirror this machine's registry into a team registry (redis://...)
	  config              the effective settings and where each came from (--init: an example file)

	Options
${flagHelp()}
	  --help, --version

	send options
${flagHelp('send')}

	share options
	  --to <url>          the team registry, redis://[user:pass@]host:port[/db][?prefix=...] or rediss://
${flagHelp('share')}

	serve options
${flagHelp('serve')}

	replay options
${flagHelp('replay')}

	config options
${flagHelp('config')}
${monitorHelp}

	Examples
	  $ shipyard-tui demo
	  $ shipyard-tui serve --id api &
	  $ shipyard-tui send "hello" --to api
	  $ shipyard-tui --json | jq 'select(.type == "message")'
	  $ shipyard-tui --json --show 'payload.n'
	  $ shipyard-tui --record session.ndjson
	  $ shipyard-tui replay session.ndjson --speed 2
`,
	{
		importMeta: import.meta,
		allowUnknownFlags: true,
		flags: meowFlags(),
	},
);

/**
Set before Ink loads, because it and chalk read the environment once, at import. Production React (a
quarter less CPU) comes from the bundle, which fixes NODE_ENV at build time.
*/
function prepareForInk(color: boolean) {
	// We only get here with a terminal on both ends. Under CI Ink would draw nothing until exit, and
	// supports-color turns colour off when a CI variable exists at all, even CI=false: remove them.
	delete process.env.CI;
	delete process.env.CONTINUOUS_INTEGRATION;
	const {NO_COLOR: noColor = '', FORCE_COLOR: forceColor} = process.env;
	if (
		!color ||
		noColor !== '' ||
		forceColor === '0' ||
		forceColor === 'false'
	) {
		// Colour off, style on: chalk keeps level 1 (bold, dim and the inverse cursor) and the view
		// passes no colours. FORCE_COLOR also outweighs the `--no-color` chalk finds in process.argv.
		process.env.FORCE_COLOR = '1';
		setColorEnabled(false);
	}
}

// Flag > environment > config file > built-in, for every flag; a bad config file stops here (exit 2).
const loaded = loadSettings({argv: process.argv.slice(2), flags: cli.flags});
if (!loaded.ok) {
	process.stderr.write(`shipyard-tui: ${loaded.error}\n`);
	process.exit(2);
}

const {settings} = loaded;
// eslint-disable-next-line @typescript-eslint/no-unsafe-type-assertion -- each flag's value has its definition's type
const flags = settings.values as {
	registry?: string;
	json: boolean;
	show?: string;
	subscribe: string[];
	alert: string[];
	notify: boolean;
	color: boolean;
	to?: string;
	id?: string;
	host?: string;
	path?: string;
	name?: string;
	init?: boolean;
	ca: string[];
	advertise?: string;
	record?: string;
	recordOverwrite: boolean;
	loop: boolean;
};
const invocation = checkInvocation(cli.input, flags, process.argv.slice(2));
if (!invocation.ok) {
	process.stderr.write(
		`shipyard-tui: ${invocation.error}\nRun "shipyard-tui --help" for usage.\n`,
	);
	process.exit(2);
}

const refusal = terminalRefusal({
	...invocation,
	json: flags.json,
	isTerminal: Boolean(process.stdout.isTTY && process.stdin.isTTY),
	environment: process.env,
});
if (refusal) {
	process.stderr.write(refusal);
	process.exit(2);
}

const registryPath = resolveRegistryPath({flag: flags.registry});
if (isRegistryUrl(registryPath)) {
	const {registryProblem} = await import('./core/registry/open-registry.js');
	const problem = registryProblem(registryPath);
	if (problem !== undefined) {
		process.stderr.write(`shipyard-tui: --registry: ${problem}\n`);
		process.exit(2);
	}
}

const ca = readCaFiles(flags.ca);
if (!ca.ok) {
	process.stderr.write(`shipyard-tui: ${ca.error}\n`);
	process.exit(2);
}

const connection = {
	...(ca.pems.length === 0 ? {} : {tlsCa: ca.pems}),
	...(invocation.maxPayload === undefined
		? {}
		: {maxPayload: invocation.maxPayload}),
	...(invocation.pingIntervalMs === undefined
		? {}
		: {pingIntervalMs: invocation.pingIntervalMs}),
	...(invocation.scrollback === undefined
		? {}
		: {scrollback: invocation.scrollback}),
	subscriptions: flags.subscribe,
	// The config file's onConnect rules: like --subscribe, any text, to the servers a glob picks.
	onConnect: settings.config.onConnect ?? [],
	...(invocation.maxServers === undefined
		? {}
		: {maxServers: invocation.maxServers}),
};
const recordOptions = {
	...(flags.record === undefined ? {} : {record: flags.record}),
	...(invocation.recordMax === undefined
		? {}
		: {recordMax: invocation.recordMax}),
	recordOverwrite: flags.recordOverwrite,
};

// Each command is loaded on demand, so the headless ones never load React and Ink.
switch (invocation.command) {
	case 'list': {
		const {runList} = await import('./commands/list.js');
		process.exitCode = await runList({
			registryPath,
			json: flags.json,
			maxServers: invocation.maxServers,
			...(ca.pems.length === 0 ? {} : {tlsCa: ca.pems}),
		});
		break;
	}

	case 'prune': {
		const {runPrune} = await import('./commands/prune.js');
		process.exitCode = runPrune({registryPath, json: flags.json});
		break;
	}

	case 'serve': {
		const {runServe} = await import('./commands/serve.js');
		process.exitCode = await runServe({
			registryPath,
			...(ca.pems.length === 0 ? {} : {tlsCa: ca.pems}),
			...(flags.id === undefined ? {} : {id: flags.id}),
			...(invocation.port === undefined ? {} : {port: invocation.port}),
			...(flags.host === undefined ? {} : {host: flags.host}),
			...(flags.path === undefined ? {} : {path: flags.path}),
			...(flags.name === undefined ? {} : {name: flags.name}),
		});
		break;
	}

	case 'send': {
		const {runSend} = await import('./commands/send.js');
		process.exitCode = await runSend({
			...connection,
			registryPath,
			text: invocation.arguments.join(' '),
			...(flags.to === undefined ? {} : {to: flags.to}),
			waitMs: invocation.waitMs ?? 1000,
			json: flags.json,
		});
		break;
	}

	case 'monitor': {
		// Checked on either path, so a bad --alert is an error even where it would not act.
		const extras = await screenExtras();
		if (flags.json || !process.stdout.isTTY || !process.stdin.isTTY) {
			const show = await showQuery(flags.show);
			const {runJsonStream} = await import('./commands/json-stream.js');
			process.exitCode = await runJsonStream({
				...connection,
				...recordOptions,
				registryPath,
				...(show === undefined ? {} : {show}),
			});
			break;
		}

		// A --show from the config file is for when the output is piped; only a typed one is refused.
		if (settings.sources.show === 'flag') {
			process.stderr.write(
				'shipyard-tui: --show applies to the --json stream (pipe the output, or add --json)\n',
			);
			process.exit(2);
		}

		prepareForInk(flags.color);
		await remapKeys(true);
		const {runMonitor} = await import('./commands/monitor.js');
		process.exitCode = await runMonitor({
			...connection,
			...recordOptions,
			...extras,
			registryPath,
		});
		break;
	}

	case 'config': {
		await remapKeys(false);
		const {runConfig} = await import('./commands/config.js');
		process.exitCode = runConfig({
			settings,
			registryPath,
			json: flags.json,
			init: flags.init === true,
		});
		break;
	}

	case 'share': {
		const {runShare} = await import('./commands/share.js');
		process.exitCode = await runShare({
			registryPath,
			to: flags.to,
			advertise: flags.advertise,
			...(ca.pems.length === 0 ? {} : {tlsCa: ca.pems}),
		});
		break;
	}

	case 'demo': {
		if (!process.stdout.isTTY || !process.stdin.isTTY) {
			process.stderr.write(
				'shipyard-tui demo: needs a terminal (stdin and stdout must be a TTY)\n',
			);
			process.exitCode = 2;
			break;
		}

		prepareForInk(flags.color);
		await remapKeys(true);
		const {runDemo} = await import('./commands/demo.js');
		process.exitCode = await runDemo({
			...connection,
			...(await screenExtras()),
		});
		break;
	}

	case 'replay': {
		// With --registry it serves headless; without, the monitor comes too and needs a terminal.
		const monitorToo = flags.registry === undefined;
		if (monitorToo && (!process.stdout.isTTY || !process.stdin.isTTY)) {
			process.stderr.write(
				'shipyard-tui replay: without --registry it starts the monitor, which needs a terminal; give --registry <path> to serve only\n',
			);
			process.exitCode = 2;
			break;
		}

		if (monitorToo) {
			prepareForInk(flags.color);
			await remapKeys(true);
		}

		const {runReplay} = await import('./commands/replay.js');
		process.exitCode = await runReplay({
			file: invocation.arguments[0]!,
			...(monitorToo ? {} : {registryPath}),
			...(invocation.speed === undefined ? {} : {speed: invocation.speed}),
			loop: flags.loop,
			monitor: {...connection, ...recordOptions},
		});
		break;
	}
}

/** `--show <expr>` compiled, loaded only when given; a bad query exits 2 with the reason. */
async function showQuery(expression: string | undefined) {
	if (expression === undefined) {
		return undefined;
	}

	const {parseJsonQuery} = await import('./core/query/json-query.js');
	const parsed = parseJsonQuery(expression);
	if (!parsed.ok) {
		process.stderr.write(`shipyard-tui: --show: ${parsed.error}\n`);
		process.exit(2);
	}

	return parsed.query;
}

/**
The config file's key remaps, checked against the command table and applied to it before the screen
loads it (exit 2 on a bad one); `apply` false only checks (the config command).
*/
async function remapKeys(apply: boolean) {
	const remaps = settings.config.keys ?? {};
	if (Object.keys(remaps).length === 0) {
		return;
	}

	const {applyKeyRemaps, remapKeys} =
		await import('./view/commands/key-remap.js');
	const {keyCommands} = await import('./view/commands/key-table.js');
	const result = apply
		? applyKeyRemaps(remaps)
		: remapKeys(keyCommands, remaps);
	if (!result.ok) {
		process.stderr.write(
			`shipyard-tui: config file ${settings.file ?? ''}: ${result.error}\n`,
		);
		process.exit(2);
	}
}

/** What only the full-screen monitor uses: alert patterns (checked: a bad one exits 2), --notify, snippets. */
async function screenExtras() {
	const {parseTextPattern} = await import('./core/query/text-pattern.js');
	const alertPatterns = flags.alert.map((typed) => {
		const parsed = parseTextPattern(typed);
		if (!parsed.ok) {
			const from =
				settings.sources.alert === 'config' ? ' (in the config file)' : '';
			process.stderr.write(`shipyard-tui: --alert${from}: ${parsed.error}\n`);
			process.exit(2);
		}

		return parsed.pattern;
	});
	return {
		alertPatterns,
		notify: flags.notify,
		snippets: settings.config.snippets ?? {},
		...(settings.config.time === undefined
			? {}
			: {timeMode: settings.config.time}),
	};
}
