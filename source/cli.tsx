#!/usr/bin/env node
import meow from 'meow';
import {checkInvocation} from './commands/check-invocation.js';
import {resolveRegistryPath} from './core/registry/paths.js';

const cli = meow(
	`
	Usage
	  $ shipyard-tui [command] [options]

	Commands
	  (none)           the live monitor (NDJSON events when stdout is not a terminal)
	  list             the registered servers once, with liveness
	  prune            remove entries whose process is gone
	  serve            run an echo server that registers itself

	Options
	  --registry <path>   registry file [default: $SHIPYARD_REGISTRY, else ~/.shipyard/servers.json]
	  --json              machine-readable output (list, prune)
	  --help              show this help
	  --version           show the version

	serve options
	  --id <id>           server id [default: server-<time>-<random>]
	  --port <n>          port [default: 0, any free port]
	  --host <host>       address to bind [default: 127.0.0.1]
	  --path <path>       WebSocket path [default: /]
	  --name <label>      display name

	Examples
	  $ shipyard-tui serve --id api
	  $ shipyard-tui list
	  $ SHIPYARD_REGISTRY=/tmp/reg.json shipyard-tui list --json
`,
	{
		importMeta: import.meta,
		allowUnknownFlags: true,
		flags: {
			registry: {type: 'string'},
			json: {type: 'boolean', default: false},
			id: {type: 'string'},
			port: {type: 'string'},
			host: {type: 'string'},
			path: {type: 'string'},
			name: {type: 'string'},
		},
	},
);

const invocation = checkInvocation(cli.input, cli.flags, process.argv.slice(2));
if (!invocation.ok) {
	process.stderr.write(
		`shipyard-tui: ${invocation.error}\nRun "shipyard-tui --help" for usage.\n`,
	);
	process.exit(2);
}

const registryPath = resolveRegistryPath({flag: cli.flags.registry});

// Each command is loaded on demand so that the headless ones start fast.
switch (invocation.command) {
	case 'list': {
		const {runList} = await import('./commands/list.js');
		process.exitCode = runList({registryPath, json: cli.flags.json});
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
			...(cli.flags.id === undefined ? {} : {id: cli.flags.id}),
			...(invocation.port === undefined ? {} : {port: invocation.port}),
			...(cli.flags.host === undefined ? {} : {host: cli.flags.host}),
			...(cli.flags.path === undefined ? {} : {path: cli.flags.path}),
			...(cli.flags.name === undefined ? {} : {name: cli.flags.name}),
		});
		break;
	}

	case 'monitor':
	case 'send':
	case 'demo': {
		process.stderr.write(
			`shipyard-tui: "${invocation.command}" is not built yet; available now: list, prune, serve\n`,
		);
		process.exitCode = 2;
		break;
	}
}
