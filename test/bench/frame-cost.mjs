#!/usr/bin/env node
/**
What one idle redraw of the monitor costs, in CPU ms per frame, without a terminal or servers:
`node test/bench/frame-cost.mjs [--servers 10] [--frames 300] [--runs 3] [--prof-dir <dir>]` (with
--prof-dir, each run writes a `--cpu-prof` profile there). The App is bundled with
the same Ink patches as the CLI (scripts/bundle-options.mjs) and redrawn with the clock one second
on each time, as uptimes tick on an idle screen. For A/B comparisons of a frame's cost; the idle CPU
of the real program is test/bench/idle-cpu.mjs.
*/
import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {parseArgs} from 'node:util';
import {build} from 'esbuild';
import {bundleOptions} from '../../scripts/bundle-options.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const {values: flags} = parseArgs({
	options: {
		servers: {type: 'string', default: '10'},
		frames: {type: 'string', default: '300'},
		runs: {type: 'string', default: '3'},
		'prof-dir': {type: 'string'},
	},
});

const temporary = fs.mkdtempSync(path.join(os.tmpdir(), 'frame-cost-'));
// With profiles, the bundle and its source map stay beside them, so the profiles can be read.
const bundleDirectory =
	flags['prof-dir'] === undefined ? temporary : path.resolve(flags['prof-dir']);
try {
	const {plugins, define, alias, banner, external} = bundleOptions();
	await build({
		entryPoints: [path.join(here, 'frame-cost/app-frames.tsx')],
		outfile: path.join(bundleDirectory, 'app-frames.mjs'),
		sourcemap: 'linked',
		bundle: true,
		platform: 'node',
		format: 'esm',
		target: 'node20',
		minify: true,
		define,
		alias,
		banner,
		external,
		plugins,
		logLevel: 'warning',
	});
	const environment = {...process.env};
	// Ink draws differently in CI (no frames at all); this measures what a person's terminal gets.
	delete environment.CI;
	for (let run = 0; run < Math.min(20, Number(flags.runs)); run++) {
		process.stdout.write(
			execFileSync(
				process.execPath,
				[
					...(flags['prof-dir'] === undefined
						? []
						: [
								'--cpu-prof',
								'--cpu-prof-dir',
								path.resolve(flags['prof-dir']),
							]),
					path.join(bundleDirectory, 'app-frames.mjs'),
					flags.servers,
					flags.frames,
				],
				{env: environment, encoding: 'utf8', timeout: 120_000},
			),
		);
	}
} finally {
	fs.rmSync(temporary, {recursive: true, force: true});
}
