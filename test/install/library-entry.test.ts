import path from 'node:path';
import {build} from 'esbuild';
import {expect, test} from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');

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
	expect(
		inputs.filter((input) =>
			/node_modules\/(react|ink|yoga-layout|react-reconciler)\/|source\/(components|hooks|view|commands)\/|\.tsx$/.test(
				input,
			),
		),
	).toEqual([]);
});
