#!/usr/bin/env node
/**
What a search and a filter cost under the flood (issue 11): `run.mjs` without them and with them,
alternating (A B A B …) so the machine's drift falls on both alike, then one table of both.

  node test/bench/find-compare.mjs [--pairs 2] [--filter 'in !heartbeat'] [--find warn] [--full]
                                  [--run-arg=--paced-seconds=15 …]   (passed to every run.mjs)

Each run is `run.mjs --quick` (or a full run with `--full`) writing JSON to a temporary folder. The
figures compared: flood ingest (and as a share of the bare client's ceiling in the same run), the
TUI's CPU per million messages (less sensitive to other load than a rate), keystroke p95 under the
flood and while paced, and the paced frame rate. Targets: ingest with both ≥ 80 % of without,
keystroke p95 ≤ 100 ms.
*/
import {spawn} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {parseArgs} from 'node:util';

const here = path.dirname(fileURLToPath(import.meta.url));
const {values: flags} = parseArgs({
	options: {
		pairs: {type: 'string', default: '2'},
		filter: {type: 'string', default: 'in !heartbeat'},
		find: {type: 'string', default: 'warn'},
		full: {type: 'boolean', default: false},
		'run-arg': {type: 'string', multiple: true, default: []},
	},
});
const pairs = Number(flags.pairs);
if (!Number.isInteger(pairs) || pairs < 1 || pairs > 10) {
	console.error(`--pairs must be 1 … 10, got ${flags.pairs}`);
	process.exit(2);
}

const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'shipyard-find-compare-'));
let child;
const stop = () => {
	child?.kill('SIGINT');
	fs.rmSync(folder, {recursive: true, force: true});
};

process.on('SIGINT', () => {
	stop();
	process.exit(130);
});

/** One run.mjs; its JSON results, or an error with the tail of what it said. */
async function run(label, extra) {
	const out = path.join(folder, `${label}.json`);
	const arguments_ = [
		path.join(here, 'run.mjs'),
		...(flags.full ? [] : ['--quick']),
		'--out',
		out,
		...flags['run-arg'],
		...extra,
	];
	process.stderr.write(
		`find-compare: ${label}: node ${arguments_.slice(1).join(' ')}\n`,
	);
	let said = '';
	const code = await new Promise((resolve) => {
		child = spawn(process.execPath, arguments_, {
			stdio: ['ignore', 'ignore', 'pipe'],
		});
		child.stderr.on('data', (chunk) => {
			said = (said + String(chunk)).slice(-4000);
		});
		child.on('exit', resolve);
	});
	child = undefined;
	if (code !== 0) {
		throw new Error(`${label} failed (exit ${code}):\n${said}`);
	}

	return JSON.parse(fs.readFileSync(out, 'utf8'));
}

function figures(r) {
	const {flood, paced} = r;
	return {
		ingest: flood.ingestMsgsPerSecond,
		ratio: flood.ingestRatio,
		cpuPerMillion: flood.cpuPercent / 100 / (flood.ingestMsgsPerSecond / 1e6),
		floodKeyP50: flood.keyMs.p50,
		pacedKeyP50: paced.keyMs.p50,
		floodKeyP95: flood.keyMs.timeouts > 0 ? undefined : flood.keyMs.p95,
		pacedKeyP95: paced.keyMs.timeouts > 0 ? undefined : paced.keyMs.p95,
		pacedFps: paced.framesPerSecond,
		load: r.machine.loadAverageAtStart[0],
	};
}

const mean = (values) =>
	values.reduce((sum, value) => sum + value, 0) / values.length;
const fixed = (value, digits) =>
	value === undefined ? '—' : value.toFixed(digits);

try {
	const without = [];
	const withBoth = [];
	const searchFlags = ['--filter', flags.filter, '--find', flags.find];
	for (let pair = 1; pair <= pairs; pair++) {
		// eslint-disable-next-line no-await-in-loop -- one TUI at a time
		without.push(figures(await run(`without-${pair}`, [])));
		// eslint-disable-next-line no-await-in-loop
		withBoth.push(figures(await run(`with-${pair}`, searchFlags)));
	}

	const rows = [
		['', 'without', `with /filter ${flags.filter} /find ${flags.find}`],
		...[
			['flood ingest (M msgs/s)', (f) => fixed(f.ingest / 1e6, 3)],
			['  as a share of the ceiling', (f) => fixed(f.ratio, 3)],
			['TUI CPU s per M messages', (f) => fixed(f.cpuPerMillion, 2)],
			['flood keystroke p50 (ms)', (f) => fixed(f.floodKeyP50, 1)],
			['flood keystroke p95 (ms)', (f) => fixed(f.floodKeyP95, 1)],
			['paced keystroke p50 (ms)', (f) => fixed(f.pacedKeyP50, 1)],
			['paced keystroke p95 (ms)', (f) => fixed(f.pacedKeyP95, 1)],
			['paced frames/s', (f) => fixed(f.pacedFps, 1)],
			['load average at start', (f) => fixed(f.load, 1)],
		].map(([name, show]) => [
			name,
			without.map((f) => show(f)).join(' · '),
			withBoth.map((f) => show(f)).join(' · '),
		]),
	];
	const widths = [0, 1, 2].map((column) =>
		Math.max(...rows.map((row) => row[column].length)),
	);
	const lines = rows.map((row) =>
		row.map((cell, column) => cell.padEnd(widths[column])).join('  '),
	);
	const share =
		mean(withBoth.map((f) => f.ratio)) / mean(without.map((f) => f.ratio));
	const cost =
		mean(withBoth.map((f) => f.cpuPerMillion)) /
		mean(without.map((f) => f.cpuPerMillion));
	const worstKey = Math.max(
		...withBoth.flatMap((f) => [
			f.floodKeyP95 ?? Infinity,
			f.pacedKeyP95 ?? Infinity,
		]),
	);
	lines.push(
		'',
		`ingest share of the ceiling, with / without (mean of ${pairs}): ${share.toFixed(2)} (target ≥ 0.80) ${share >= 0.8 ? 'PASS' : 'FAIL'}`,
		`TUI CPU per message, with / without: ${cost.toFixed(2)}`,
		`worst keystroke p95 with both: ${fixed(worstKey, 1)} ms (target ≤ 100) ${worstKey <= 100 ? 'PASS' : 'FAIL'}`,
		`machine: ${os.cpus().length} cores; other work on it moves every figure (see the load average)`,
	);
	console.log(lines.join('\n'));
} finally {
	stop();
}
