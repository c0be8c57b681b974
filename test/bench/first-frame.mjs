#!/usr/bin/env node
/**
Time to first frame, alone and repeatable: the bench's phase 1 (test/bench/run.mjs) without the rest.

The TUI is started `--runs` times in a pseudo-terminal over a registry of 10 quiet `ws` servers, and
timed from spawn until ` shipyard` shows on the emulated screen; `node -e 0` is timed as often, in
the same run, to tell Node's own start-up from ours. Several `--cli` paths are run interleaved (A, B,
A, B …), so a before/after comparison sees the same machine load.

  node test/bench/first-frame.mjs [--runs 15] [--cli dist/cli.js]... [--cols 120 --rows 40]
                                  [--node-arg <arg>]... [--tui-arg <arg>]... [--json]
*/
import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {parseArgs} from 'node:util';
import {entry, startChild, summarize, writeRegistry} from './lib.mjs';
import {startTerminal} from './terminal.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');

const {values: flags} = parseArgs({
	options: {
		runs: {type: 'string', default: '15'},
		cli: {type: 'string', multiple: true},
		cols: {type: 'string', default: '120'},
		rows: {type: 'string', default: '40'},
		'quiet-servers': {type: 'string', default: '10'},
		'node-arg': {type: 'string', multiple: true, default: []},
		'tui-arg': {type: 'string', multiple: true, default: []},
		json: {type: 'boolean', default: false},
	},
});

const runs = Math.max(1, Math.min(200, Number(flags.runs) || 15));
const clis = (flags.cli ?? ['dist/cli.js']).map((file) =>
	path.resolve(root, file),
);
const cols = Number(flags.cols) || 120;
const rows = Number(flags.rows) || 40;
const quietCount = Number(flags['quiet-servers']) || 10;

for (const cli of clis) {
	if (!fs.existsSync(cli)) {
		throw new Error(`${cli} does not exist: run \`npm run build\` first`);
	}
}

async function firstFrame(cli, registryFile) {
	const term = startTerminal({
		args: [
			...flags['node-arg'],
			cli,
			'--registry',
			registryFile,
			...flags['tui-arg'],
		],
		cols,
		rows,
	});
	try {
		const frame = await term.waitUntil(
			() => term.line(0).includes(' shipyard'),
			10_000,
		);
		if (!frame.ok) {
			throw new Error(`no first frame within 10 s; screen:\n${term.text()}`);
		}

		return frame.at - term.startedAt;
	} finally {
		await term.stop(1000);
		term.dispose();
	}
}

function nodeStart() {
	const t0 = performance.now();
	execFileSync(process.execPath, ['-e', '0'], {timeout: 10_000});
	return performance.now() - t0;
}

const temporary = fs.mkdtempSync(path.join(os.tmpdir(), 'shipyard-ff-'));
const servers = startChild(path.join(here, 'servers.mjs'));
try {
	await servers.ready;
	const {ports} = await servers.request('start', {
		group: 'quiet',
		count: quietCount,
	});
	const registryFile = path.join(temporary, 'quiet.json');
	writeRegistry(
		registryFile,
		ports.map((port, index) =>
			entry(`quiet-${String(index + 1).padStart(2, '0')}`, port),
		),
	);

	const times = new Map(clis.map((cli) => [cli, []]));
	const node = [];
	// One warm-up of each, not counted: the first start after a build reads cold files.
	for (const cli of clis) {
		// eslint-disable-next-line no-await-in-loop
		await firstFrame(cli, registryFile);
	}

	for (let run = 0; run < runs; run++) {
		node.push(nodeStart());
		for (const cli of clis) {
			// eslint-disable-next-line no-await-in-loop
			times.get(cli).push(await firstFrame(cli, registryFile));
		}
	}

	const result = {
		loadAverage: os.loadavg().map((value) => Math.round(value * 100) / 100),
		nodeStartMs: summarize(node),
		firstFrameMs: Object.fromEntries(
			clis.map((cli) => [path.relative(root, cli), summarize(times.get(cli))]),
		),
	};
	if (flags.json) {
		console.log(JSON.stringify(result, undefined, 2));
	} else {
		console.log(
			`load ${result.loadAverage.join(' ')}; ${runs} runs each; node -e 0 p50 ${result.nodeStartMs.p50} ms`,
		);
		for (const [cli, summary] of Object.entries(result.firstFrameMs)) {
			console.log(
				`${cli}: first frame p50 ${summary.p50} ms (p95 ${summary.p95}, max ${summary.max}); minus node -e 0: ${Math.round(summary.p50 - result.nodeStartMs.p50)} ms`,
			);
		}
	}
} finally {
	await servers.stop();
	fs.rmSync(temporary, {recursive: true, force: true});
}
