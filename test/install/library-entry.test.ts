import path from 'node:path';
import {build, type Metafile} from 'esbuild';
import {expect, test} from 'vitest';
import {bundleOptions} from '../../scripts/bundle-options.mjs';

const root = path.resolve(import.meta.dirname, '../..');
const viewInputs =
	/node_modules\/(react|ink|yoga-layout|react-reconciler)\/|source\/(components|hooks|view|commands)\/|\.tsx$/;

test('the library entry (import "shipyard-tui") pulls in neither React, Ink nor view code', async () => {
	const result = await build({
		absWorkingDir: root,
		entryPoints: ['source/index.ts'],
		bundle: true,
		platform: 'node',
		format: 'esm',
		write: false,
		metafile: true,
		logLevel: 'silent',
		external: ['bufferutil', 'utf-8-validate'],
	});
	const inputs = Object.keys(result.metafile.inputs);
	expect(inputs).toContain('source/core/registry/index.ts');
	expect(inputs.filter((input) => viewInputs.test(input))).toEqual([]);
});

/** The source files an output of the shipped bundle can load, through its chunk imports, static or dynamic. */
function loadedInputs(metafile: Metafile, entry: string): string[] {
	const seen = new Set<string>();
	const inputs = new Set<string>();
	const queue = [entry];
	while (queue.length > 0) {
		const output = queue.pop()!;
		if (seen.has(output)) {
			continue;
		}

		seen.add(output);
		const info = metafile.outputs[output];
		expect(info, output).toBeDefined();
		for (const input of Object.keys(info!.inputs)) {
			inputs.add(input);
		}

		for (const imported of info!.imports) {
			if (!imported.external) {
				queue.push(imported.path);
			}
		}
	}

	return [...inputs];
}

test('the shipped library entries load no React, Ink or view code, however the chunks are split', async () => {
	const result = await build({
		...bundleOptions(),
		absWorkingDir: root,
		write: false,
		metafile: true,
		logLevel: 'silent',
	});
	for (const entry of ['dist/index.js', 'dist/core/registry/index.js']) {
		const inputs = loadedInputs(result.metafile, entry);
		expect(inputs, entry).toContain('source/core/registry/index.ts');
		expect(
			inputs.filter((input) => viewInputs.test(input)),
			entry,
		).toEqual([]);
	}

	// The check itself can see Ink: the CLI's entry does load it.
	expect(
		loadedInputs(result.metafile, 'dist/cli.js').some((input) =>
			input.includes('node_modules/ink/'),
		),
	).toBe(true);
});
