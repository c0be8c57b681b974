import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import {createRequire} from 'node:module';
import os from 'node:os';
import path from 'node:path';
import {build} from 'esbuild';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {bundleOptions} from '../../scripts/bundle-options.mjs';
import {patchYoga, yogaPatch} from '../../scripts/yoga-patch.mjs';

// Yoga’s WebAssembly is read without fetch() in the bundle (scripts/yoga-patch.mjs): a fetch() of
// its data URL loaded undici, ~25 ms before the first frame.
const root = path.resolve(import.meta.dirname, '../..');
const require = createRequire(import.meta.url);

/**
Loads yoga as the CLI bundle does, with every fetch() recorded (and refused, so a fetch cannot be
what made the layout work), then lays out a row of two children.
*/
const scene = `
const fetched = [];
globalThis.fetch = async (url) => {
	fetched.push(String(url).slice(0, 40));
	throw new Error('no fetch here');
};
const {default: Yoga} = await import('yoga-layout');
const rowNode = Yoga.Node.create();
rowNode.setFlexDirection(Yoga.FLEX_DIRECTION_ROW);
rowNode.setWidth(100);
rowNode.setHeight(10);
const fixed = Yoga.Node.create();
fixed.setWidth(30);
const grow = Yoga.Node.create();
grow.setFlexGrow(1);
rowNode.insertChild(fixed, 0);
rowNode.insertChild(grow, 1);
rowNode.calculateLayout(undefined, undefined, Yoga.DIRECTION_LTR);
console.log(JSON.stringify({fetched, grow: grow.getComputedLayout()}));
`;

let folder: string;
beforeAll(() => {
	folder = fs.mkdtempSync(path.join(os.tmpdir(), 'yoga-patch-'));
});
afterAll(() => {
	fs.rmSync(folder, {recursive: true, force: true});
});

describe('yoga in the bundle', () => {
	test('lays out without ever calling fetch()', async () => {
		const outfile = path.join(folder, 'scene.mjs');
		await build({
			...bundleOptions(),
			absWorkingDir: root,
			entryPoints: undefined,
			stdin: {contents: scene, resolveDir: root, loader: 'js'},
			outdir: undefined,
			outbase: undefined,
			outfile,
			splitting: false,
			sourcemap: false,
			legalComments: 'none',
			logLevel: 'silent',
		});
		const result = spawnSync(process.execPath, [outfile], {
			encoding: 'utf8',
			timeout: 30_000,
		});
		expect(result.stderr).toBe('');
		expect(result.status).toBe(0);
		const output = JSON.parse(result.stdout) as {
			fetched: string[];
			grow: {left: number; width: number; height: number};
		};
		expect(output.fetched).toEqual([]);
		expect(output.grow).toMatchObject({left: 30, width: 70, height: 10});
	});

	test('the patch matches the installed yoga-layout once', () => {
		const file = path.join(
			path.dirname(require.resolve('yoga-layout')),
			'../binaries/yoga-wasm-base64-esm.js',
		);
		const patched = patchYoga(fs.readFileSync(file, 'utf8'));
		expect(patched).toContain(yogaPatch.replace);
		expect(patched).not.toContain(yogaPatch.find);
	});

	test('a patch that no longer matches fails, naming itself', () => {
		expect(() => patchYoga('export default 1;')).toThrow(
			`yoga patch "${yogaPatch.why}" matched 0 times`,
		);
	});
});
