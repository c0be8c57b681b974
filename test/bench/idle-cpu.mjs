#!/usr/bin/env node
/**
Idle CPU of the TUI, alone: `node test/bench/idle-cpu.mjs [--servers 10] [--seconds 30] [--runs 1]`.

The TUI (`node dist/cli.js`) runs in a pseudo-terminal over a temporary registry of quiet servers
(servers.mjs, mode `off`: they only answer pings). Once the header says every server is connected,
and after `--settle` seconds, its CPU (utime + stime from /proc/<pid>/stat) and the frames it drew
(Ink's synchronized-output marks) are measured over the window. Each run starts a fresh TUI, so
the uptimes on screen are as young as in `npm run bench` (which measures idle 2 s after connecting).

  --servers <n>      quiet servers [10]
  --seconds <s>      measuring window [30]
  --settle <s>       wait after all are connected [2]
  --runs <n>         fresh TUIs, one after the other [1]
  --cols/--rows      terminal size [120×40]
  --cpu-prof         run the TUI under node --cpu-prof into --prof-dir (a temporary folder by default)
  --tui-arg <arg>    extra argument for the TUI (repeatable), e.g. --tui-arg=--ping-interval=60000
  --node-arg <flag>  extra flag for the TUI's node (repeatable), e.g. --node-arg=--import=<file>
  --cli <file>       the CLI to run [dist/cli.js]
  --json             print the results as JSON
*/
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {parseArgs} from 'node:util';
import {
	cpuMeter,
	entry,
	machineMeter,
	round,
	sleep,
	startChild,
	writeRegistry,
} from './lib.mjs';
import {startTerminal} from './terminal.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));

const {values: flags} = parseArgs({
	options: {
		servers: {type: 'string', default: '10'},
		seconds: {type: 'string', default: '30'},
		settle: {type: 'string', default: '2'},
		runs: {type: 'string', default: '1'},
		cols: {type: 'string', default: '120'},
		rows: {type: 'string', default: '40'},
		'cpu-prof': {type: 'boolean', default: false},
		'prof-dir': {type: 'string'},
		'tui-arg': {type: 'string', multiple: true, default: []},
		'node-arg': {type: 'string', multiple: true, default: []},
		json: {type: 'boolean', default: false},
		cli: {type: 'string'},
	},
});

// `--cli` runs another build (another checkout's dist/cli.js), for A/B runs on the same machine.
const cliPath = path.resolve(flags.cli ?? path.join(here, '../../dist/cli.js'));

const positive = (name) => {
	const value = Number(flags[name]);
	if (!Number.isFinite(value) || value <= 0) {
		console.error(`--${name} must be a positive number, got ${flags[name]}`);
		process.exit(2);
	}

	return value;
};

const config = {
	servers: Math.round(positive('servers')),
	seconds: positive('seconds'),
	settle: Number(flags.settle) || 0,
	runs: Math.min(20, Math.round(positive('runs'))),
	cols: Math.round(positive('cols')),
	rows: Math.round(positive('rows')),
};
// A thousand servers take a while to connect on a loaded 2-core machine.
const connectTimeoutMs = (30 + Math.ceil(config.servers / 20)) * 1000;
const log = (text) => {
	process.stderr.write(`${text}\n`);
};

const cleanups = [];
async function cleanup() {
	for (const task of cleanups.splice(0).toReversed()) {
		try {
			// eslint-disable-next-line no-await-in-loop
			await task();
		} catch {
			// Best effort: stop the rest regardless.
		}
	}
}

for (const signal of ['SIGINT', 'SIGTERM']) {
	process.on(signal, async () => {
		await cleanup();
		process.exit(130);
	});
}

// Bounded: every run's window plus generous slack for start-up and connecting.
const watchdog = setTimeout(
	async () => {
		log('idle-cpu: the run took too long; stopping everything it started');
		await cleanup();
		process.exit(1);
	},
	(config.runs *
		(config.seconds + config.settle + connectTimeoutMs / 1000 + 30) +
		30) *
		1000,
);
watchdog.unref();

/** User and system CPU seconds of a process so far (/proc/<pid>/stat utime, stime), or undefined once it is gone. */
function cpuSplit(pid) {
	try {
		const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		// Clock ticks; 100 a second on Linux (lib.mjs asks getconf for the exact figure).
		return {user: Number(fields[11]) / 100, system: Number(fields[12]) / 100};
	} catch {
		return undefined;
	}
}

/** Server counts from the header line: every server connected? */
function allConnected(term, count) {
	const line = term.line(0);
	const total = /(\d+) servers?/.exec(line);
	const connected = /(\d+) connected/.exec(line);
	return (
		total !== null &&
		connected !== null &&
		Number(total[1]) === count &&
		Number(connected[1]) === count
	);
}

async function oneRun(registryFile, profileDirectory) {
	const term = startTerminal({
		args: [
			...flags['node-arg'],
			...(profileDirectory === undefined
				? []
				: ['--cpu-prof', '--cpu-prof-dir', profileDirectory]),
			cliPath,
			'--registry',
			registryFile,
			// The registry's default bound is 256 servers.
			'--max-servers',
			String(Math.max(256, config.servers + 100)),
			...flags['tui-arg'],
		],
		cols: config.cols,
		rows: config.rows,
	});
	const stop = async () => {
		await term.stop(3000);
		term.dispose();
	};

	cleanups.push(stop);
	try {
		const up = await term.waitUntil(
			() => allConnected(term, config.servers),
			connectTimeoutMs,
		);
		if (!up.ok) {
			throw new Error(
				`not all ${config.servers} servers connected within ${connectTimeoutMs / 1000} s; screen:\n${term.text()}`,
			);
		}

		await sleep(config.settle * 1000);
		const cpu = cpuMeter(term.pid);
		const split0 = cpuSplit(term.pid);
		const machine = machineMeter();
		const frames0 = term.frames();
		const bytes0 = term.bytes();
		await sleep(config.seconds * 1000);
		const split1 = cpuSplit(term.pid);
		const share = (key) =>
			split0 && split1
				? round(((split1[key] - split0[key]) / config.seconds) * 100, 2)
				: undefined;
		return {
			cpuPercent: round(cpu(), 2),
			userPercent: share('user'),
			systemPercent: share('system'),
			framesPerSecond: round((term.frames() - frames0) / config.seconds, 2),
			bytesPerSecond: Math.round((term.bytes() - bytes0) / config.seconds),
			machineBusyPercent: round(machine(), 0),
			loadAverage: os.loadavg().map((value) => round(value, 2)),
		};
	} finally {
		cleanups.splice(cleanups.indexOf(stop), 1);
		await stop();
	}
}

async function main() {
	if (!fs.existsSync(cliPath)) {
		throw new Error(`${cliPath} does not exist: run \`npm run build\` first`);
	}

	const temporary = fs.mkdtempSync(path.join(os.tmpdir(), 'shipyard-idle-'));
	cleanups.push(() => {
		fs.rmSync(temporary, {recursive: true, force: true});
	});
	const profileDirectory = flags['cpu-prof']
		? path.resolve(
				flags['prof-dir'] ??
					fs.mkdtempSync(path.join(os.tmpdir(), 'idle-prof-')),
			)
		: undefined;
	const servers = startChild(path.join(here, 'servers.mjs'));
	cleanups.push(async () => servers.stop());
	await servers.ready;
	const {ports} = await servers.request(
		'start',
		{group: 'quiet', count: config.servers},
		60_000,
	);
	const registryFile = path.join(temporary, 'servers.json');
	writeRegistry(
		registryFile,
		ports.map((port, index) =>
			entry(`quiet-${String(index + 1).padStart(4, '0')}`, port),
		),
	);

	const runs = [];
	for (let run = 0; run < config.runs; run++) {
		// eslint-disable-next-line no-await-in-loop
		const result = await oneRun(registryFile, profileDirectory);
		runs.push(result);
		log(
			`run ${run + 1}: ${result.cpuPercent} % CPU (user ${result.userPercent}, system ${result.systemPercent}), ${result.framesPerSecond} frames/s, ${result.bytesPerSecond} B/s (machine ${result.machineBusyPercent} % busy, load ${result.loadAverage.join(' ')})`,
		);
	}

	if (profileDirectory !== undefined) {
		log(`profiles in ${profileDirectory}`);
	}

	if (flags.json) {
		console.log(JSON.stringify({config, runs}, undefined, 2));
	}
}

try {
	await main();
} finally {
	await cleanup();
}
