import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import {createRequire} from 'node:module';
import os from 'node:os';
import path from 'node:path';
import {pathToFileURL} from 'node:url';
import {build} from 'esbuild';
import {describe, expect, test} from 'vitest';
import {
	inkPatches,
	inkPatchesPlugin,
	patchSource,
} from '../../scripts/ink-patches.mjs';

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

describe('the patched renderer’s shared state', () => {
	type Caches = {
		shipyardPrevious?: Caches;
		styledChars: Map<string, unknown>;
	};
	type OutputInstance = {
		caches: Caches;
		write(
			x: number,
			y: number,
			text: string,
			options: {transformers: []},
		): void;
		get(): {output: string};
	};
	type OutputClass = new (options: {
		width: number;
		height: number;
		shipyardOwner?: object;
	}) => OutputInstance;

	/** Ink's Output class, patched as in the bundle (esbuild reads Ink by path, past its exports). */
	async function patchedOutput(): Promise<OutputClass> {
		const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'ink-output-'));
		try {
			const entry = path.join(folder, 'entry.mjs');
			fs.writeFileSync(
				entry,
				`export {default} from ${JSON.stringify(path.join(inkBuild, 'output.js'))};`,
			);
			await build({
				entryPoints: [entry],
				outfile: path.join(folder, 'output.mjs'),
				bundle: true,
				platform: 'node',
				format: 'esm',
				plugins: [inkPatchesPlugin()],
				logLevel: 'silent',
			});
			const module = (await import(
				pathToFileURL(path.join(folder, 'output.mjs')).href
			)) as {default: OutputClass};
			return module.default;
		} finally {
			fs.rmSync(folder, {recursive: true, force: true});
		}
	}

	function frame(Output: OutputClass, owner: object, text: string) {
		const output = new Output({width: 20, height: 1, shipyardOwner: owner});
		output.write(0, 0, text, {transformers: []});
		expect(output.get().output).toBe(text);
		return output;
	}

	test('each Ink instance carries only its own last frame’s caches over', async () => {
		const Output = await patchedOutput();
		const first = {};
		const second = {};
		const cells = (output: OutputInstance, text: string) =>
			output.caches.styledChars.get(text);
		const a1 = frame(Output, first, 'the same text');
		const b1 = frame(Output, second, 'the same text');
		// Another instance works its text out itself, never from the first one's frame.
		expect(cells(b1, 'the same text')).not.toBe(cells(a1, 'the same text'));
		const a2 = frame(Output, first, 'the same text');
		expect(cells(a2, 'the same text')).toBe(cells(a1, 'the same text'));
		const b2 = frame(Output, second, 'the same text');
		expect(cells(b2, 'the same text')).toBe(cells(b1, 'the same text'));
		// Only the last frame is carried over: text gone for a frame is worked out again.
		frame(Output, first, 'something else');
		const a4 = frame(Output, first, 'the same text');
		expect(cells(a4, 'the same text')).not.toBe(cells(a2, 'the same text'));
		// An output without an owner (none in Ink today) carries nothing over.
		const lone = frame(Output, {}, 'the same text');
		expect(lone.caches.shipyardPrevious).toBeUndefined();
	});

	test('the blank cell every row shares is frozen: a write to it throws instead of changing every blank', () => {
		const patch = inkPatches.find((item) =>
			item.replace.includes('shipyardBlankCell'),
		);
		// eslint-disable-next-line no-new-func -- runs the snippet exactly as it is appended to Ink
		const blankCell = new Function(
			`'use strict'; ${patch!.append!}; return shipyardBlankCell;`,
		) as () => {value: string; styles: unknown[]};
		const cell = blankCell();
		expect(cell).toEqual({
			type: 'char',
			value: ' ',
			fullWidth: false,
			styles: [],
		});
		expect(Object.isFrozen(cell)).toBe(true);
		expect(() => {
			cell.value = 'x';
		}).toThrow(TypeError);
		expect(() => {
			cell.styles = ['\u001B[31m'];
		}).toThrow(TypeError);
	});
});
