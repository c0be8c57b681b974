import path from 'node:path';
import {build, type Metafile} from 'esbuild';
import {beforeAll, describe, expect, test} from 'vitest';
import {bundleOptions} from '../../scripts/bundle-options.mjs';

/*
What `shipyard-tui` compiles before its first frame: dist/cli.js, the monitor's chunk, and every
chunk they import statically. Each kilobyte is compiled at every start (Node 20 keeps no code cache
for ES modules), so what only a later moment or another command needs stays out of it.
*/
const root = path.resolve(import.meta.dirname, '../..');
let metafile: Metafile;
beforeAll(async () => {
	({metafile} = await build({
		...bundleOptions(),
		absWorkingDir: root,
		outdir: path.join(root, 'dist'),
		write: false,
		metafile: true,
		sourcemap: false,
		logLevel: 'silent',
	}));
}, 60_000);

/** The outputs loaded with `entry`: it and its static imports, transitively. */
function loadedWith(entry: string): Set<string> {
	const loaded = new Set<string>();
	const pending = [entry];
	while (pending.length > 0) {
		const output = pending.pop()!;
		if (loaded.has(output)) {
			continue;
		}

		loaded.add(output);
		for (const imported of metafile.outputs[output]?.imports ?? []) {
			if (imported.kind === 'import-statement' && !imported.external) {
				pending.push(imported.path);
			}
		}
	}

	return loaded;
}

function outputOf(entryPoint: string): string {
	const found = Object.entries(metafile.outputs).find(
		([, output]) => output.entryPoint === entryPoint,
	);
	if (found === undefined) {
		throw new Error(`no output for ${entryPoint}`);
	}

	return found[0];
}

/** The source files compiled before the monitor's first frame, with their bytes in the bundle. */
function firstFrameInputs(): Map<string, number> {
	const outputs = new Set([
		...loadedWith(outputOf('source/cli.tsx')),
		...loadedWith(outputOf('source/commands/monitor.tsx')),
	]);
	const inputs = new Map<string, number>();
	for (const output of outputs) {
		for (const [input, {bytesInOutput}] of Object.entries(
			metafile.outputs[output]!.inputs,
		)) {
			inputs.set(input, (inputs.get(input) ?? 0) + bytesInOutput);
		}
	}

	return inputs;
}

describe('what the monitor compiles before its first frame', () => {
	test('holds the one zod locale it uses, not all forty', () => {
		const locales = [...firstFrameInputs().keys()].filter((input) =>
			input.includes('node_modules/zod/v4/locales/'),
		);
		expect(locales).toEqual(['node_modules/zod/v4/locales/en.js']);
	});

	test('weighs less than 900 KB (1 220 KB before zod was imported by namespace)', () => {
		const bytes = [...firstFrameInputs().values()].reduce(
			(sum, size) => sum + size,
			0,
		);
		expect(bytes).toBeLessThan(900 * 1024);
	});
});
