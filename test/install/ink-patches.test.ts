import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import {createRequire} from 'node:module';
import os from 'node:os';
import path from 'node:path';
import {describe, expect, test} from 'vitest';
import {inkPatches, patchSource} from '../../scripts/ink-patches.mjs';

// The bundle carries a few memos in Ink's renderer (see scripts/ink-patches.mjs). They must keep
// matching the Ink that is installed; when Ink changes, this fails before anyone ships without them.
const require = createRequire(import.meta.url);
const inkBuild = path.dirname(require.resolve('ink'));

function installed(file: string): string {
	return fs.readFileSync(
		path.join(inkBuild, path.relative('ink/build', file)),
		'utf8',
	);
}

describe('Ink patches', () => {
	const files = [...new Set(inkPatches.map((patch) => patch.file))];

	test.each(files)(
		'all of %s’s patches match the installed Ink once',
		(file) => {
			const patched = patchSource(file, installed(file));
			for (const patch of inkPatches.filter((item) => item.file === file)) {
				expect(patched).toContain(patch.replace);
				expect(patched).toContain(patch.append ?? '');
			}
		},
	);

	test('a patch that no longer matches fails, naming itself', () => {
		const [first] = inkPatches;
		expect(() => patchSource(first!.file, 'export default 1;')).toThrow(
			`Ink patch "${first!.why}" matched 0 times in ${first!.file}`,
		);
	});

	test.each(files)('patched, %s still parses', (file) => {
		const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'ink-patch-'));
		try {
			const patched = path.join(folder, 'patched.mjs');
			fs.writeFileSync(patched, patchSource(file, installed(file)));
			// Syntax only: `--check` does not resolve the imports.
			const result = spawnSync(process.execPath, ['--check', patched], {
				encoding: 'utf8',
			});
			expect(result.stderr).toBe('');
			expect(result.status).toBe(0);
		} finally {
			fs.rmSync(folder, {recursive: true, force: true});
		}
	});
});
