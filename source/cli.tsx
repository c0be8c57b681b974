#!/usr/bin/env node
import meow from 'meow';
import {checkInvocation} from './commands/check-invocation.js';
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
	  share --to <url>    mirror this machine's registry into a team registry (redis://...)

	Options
	  --registry <path>   registry file [default: $SHIPYARD_REGISTRY, else ~/.shipyard/servers.json]
	  --json              NDJSON event stream (monitor); JSON output (list, send, prune)
	  --show <expr>       with --json: each JSON message also carries "show", its JMESPath projection
	  --max-payload <n>   largest incoming message; bigger closes that connection [default: 1MiB]
	  --scrollback <n>    messages kept in the pane [default: 5000]
	  --subscribe <topic> send [topic, "subscribe", {}] on every (re)connect; repeatable
	  --ping-interval <ms> heartbeat interval; a peer missing a pong is reconnected [default: 5000]
	  --max-servers <n>   registry entries acted on (monitor, list, send); more get a warning [default: 256]
	  --no-color          no colours (NO_COLOR is honoured too)
	  --ca <file>         also trust this certificate authority (PEM) for wss:// servers and rediss://
	                      registries; repeatable. Certificates are always verified
	  --help, --version

	send options
	  --to <id>           send to this server only
	  --wait <ms>         collect replies for up to this long [default: 1000]

	share options
	  --to <url>          the team registry, redis://[user:pass@]host:port[/db][?prefix=...] or rediss://
	  --advertise <host>  the address other machines reach this one by [default: the host name]

	serve options
	  --id <id>           server id [default: server-<time>-<random>]
	  --port <n>          port [default: 0, any free port]
	  --host <address>    address to bind [default: 127.0.0.1]
	  --path <path>       WebSocket path [default: /]
	  --name <label>      display name
${monitorHelp}

	Examples
	  $ shipyard-tui demo
	  $ shipyard-tui serve --id api &
	  $ shipyard-tui send "hello" --to api
	  $ shipyard-tui --json | jq 'select(.type == "message")'
	  $ shipyard-tui --json --show 'payload.n'
`,
	{
		importMeta: import.meta,
		allowUnknownFlags: true,
		flags: {
			registry: {type: 'string'},
			json: {type: 'boolean', default: false},
			maxPayload: {type: 'string'},
			scrollback: {type: 'string'},
			subscribe: {type: 'string', isMultiple: true},
			pingInterval: {type: 'string'},
			maxServers: {type: 'string'},
			color: {type: 'boolean', default: true},
			to: {type: 'string'},
			wait: {type: 'string'},
			id: {type: 'string'},
			port: {type: 'string'},
			host: {type: 'string'},
			path: {type: 'string'},
			name: {type: 'string'},
			show: {type: 'string'},
			advertise: {type: 'string'},
			ca: {type: 'string', isMultiple: true},
		},
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

const invocation = checkInvocation(cli.input, cli.flags, process.argv.slice(2));
if (!invocation.ok) {
	process.stderr.write(
		`shipyard-tui: ${invocation.error}\nRun "shipyard-tui --help" for usage.\n`,
	);
	process.exit(2);
}

const refusal = terminalRefusal({
	...invocation,
	json: cli.flags.json,
	isTerminal: Boolean(process.stdout.isTTY && process.stdin.isTTY),
	environment: process.env,
});
if (refusal) {
	process.stderr.write(refusal);
	process.exit(2);
}

const registryPath = resolveRegistryPath({flag: cli.flags.registry});
if (isRegistryUrl(registryPath)) {
	const {registryProblem} = await import('./core/registry/open-registry.js');
	const problem = registryProblem(registryPath);
	if (problem !== undefined) {
		process.stderr.write(`shipyard-tui: --registry: ${problem}\n`);
		process.exit(2);
	}
}

const ca = readCaFiles(cli.flags.ca ?? []);
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
	subscriptions: cli.flags.subscribe ?? [],
	...(invocation.maxServers === undefined
		? {}
		: {maxServers: invocation.maxServers}),
};

// Each command is loaded on demand, so the headless ones never load React and Ink.
switch (invocation.command) {
	case 'list': {
		const {runList} = await import('./commands/list.js');
		process.exitCode = await runList({
			registryPath,
			json: cli.flags.json,
			maxServers: invocation.maxServers,
			...(ca.pems.length === 0 ? {} : {tlsCa: ca.pems}),
		});
		break;
	}

	case 'prune': {
		const {runPrune} = await import('./commands/prune.js');
		process.exitCode = runPrune({registryPath, json: cli.flags.json});
		break;
	}

	case 'serve': {
		const {runServe} = await import('./commands/serve.js');
		process.exitCode = await runServe({
			registryPath,
			...(ca.pems.length === 0 ? {} : {tlsCa: ca.pems}),
			...(cli.flags.id === undefined ? {} : {id: cli.flags.id}),
			...(invocation.port === undefined ? {} : {port: invocation.port}),
			...(cli.flags.host === undefined ? {} : {host: cli.flags.host}),
			...(cli.flags.path === undefined ? {} : {path: cli.flags.path}),
			...(cli.flags.name === undefined ? {} : {name: cli.flags.name}),
		});
		break;
	}

	case 'send': {
		const {runSend} = await import('./commands/send.js');
		process.exitCode = await runSend({
			...connection,
			registryPath,
			text: invocation.arguments.join(' '),
			...(cli.flags.to === undefined ? {} : {to: cli.flags.to}),
			waitMs: invocation.waitMs ?? 1000,
			json: cli.flags.json,
		});
		break;
	}

	case 'monitor': {
		if (cli.flags.json || !process.stdout.isTTY || !process.stdin.isTTY) {
			const show = await showQuery(cli.flags.show);
			const {runJsonStream} = await import('./commands/json-stream.js');
			process.exitCode = await runJsonStream({
				...connection,
				registryPath,
				...(show === undefined ? {} : {show}),
			});
			break;
		}

		if (cli.flags.show !== undefined) {
			process.stderr.write(
				'shipyard-tui: --show applies to the --json stream (pipe the output, or add --json)\n',
			);
			process.exit(2);
		}

		prepareForInk(cli.flags.color);
		const {runMonitor} = await import('./commands/monitor.js');
		process.exitCode = await runMonitor({...connection, registryPath});
		break;
	}

	case 'share': {
		const {runShare} = await import('./commands/share.js');
		process.exitCode = await runShare({
			registryPath,
			to: cli.flags.to,
			advertise: cli.flags.advertise,
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

		prepareForInk(cli.flags.color);
		const {runDemo} = await import('./commands/demo.js');
		process.exitCode = await runDemo(connection);
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
