import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import {build} from 'esbuild';
import stringWidth from 'string-width';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {bundleOptions} from '../../scripts/bundle-options.mjs';

/*
The Ink patches (scripts/ink-patches.mjs) must not change a single character on screen. This
bundles one fixed sequence of frames (fixtures/ink-frames-scene.tsx) exactly as the CLI is bundled,
once over patched and once over unpatched Ink, runs both, and compares everything Ink wrote.
*/
const root = path.resolve(import.meta.dirname, '../..');
const scene = 'test/install/fixtures/ink-frames-scene.tsx';
let folder: string;

type Written = string[][][];

async function bundle(patchInk: boolean): Promise<string> {
	const outdir = path.join(folder, patchInk ? 'patched' : 'unpatched');
	await build({
		...bundleOptions({patchInk}),
		absWorkingDir: root,
		entryPoints: [scene],
		outdir,
		outbase: undefined,
		entryNames: '[name]',
		splitting: false,
		sourcemap: false,
		logLevel: 'silent',
	});
	return path.join(outdir, 'ink-frames-scene.js');
}

/** Runs a bundled scene; Ink skips resizes under CI, and chalk needs to be told to colour. */
function run(file: string): {text: string; written: Written} {
	const environment = Object.fromEntries(
		Object.entries(process.env).filter(
			([name]) =>
				name !== 'CI' &&
				name !== 'CONTINUOUS_INTEGRATION' &&
				!name.startsWith('CI_') &&
				name !== 'NO_COLOR',
		),
	);
	const result = spawnSync(process.execPath, [file], {
		encoding: 'utf8',
		env: {...environment, FORCE_COLOR: '3'},
		timeout: 60_000,
		maxBuffer: 256 * 1024 * 1024,
	});
	expect(result.stderr).toBe('');
	expect(result.status).toBe(0);
	return {
		text: fs.readFileSync(file, 'utf8'),
		written: JSON.parse(result.stdout) as Written,
	};
}

// eslint-disable-next-line no-control-regex -- SGR sequences are what is stripped here
const sgr = /\u001B\[[\d;]*m/g;

describe('patched Ink draws what unpatched Ink draws', () => {
	let patched: {text: string; written: Written};
	let unpatched: {text: string; written: Written};

	beforeAll(async () => {
		folder = fs.mkdtempSync(path.join(os.tmpdir(), 'ink-differential-'));
		const [withPatches, without] = await Promise.all([
			bundle(true),
			bundle(false),
		]);
		patched = run(withPatches);
		unpatched = run(without);
	}, 120_000);

	afterAll(() => {
		fs.rmSync(folder, {recursive: true, force: true});
	});

	test('the two bundles differ only by the patches', () => {
		expect(patched.text.includes('shipyardRowText')).toBe(true);
		expect(patched.text.includes('shipyardOwner')).toBe(true);
		expect(unpatched.text.includes('shipyardRowText')).toBe(false);
	});

	test('the scene covers what the patches touch: colour, wide characters, emoji, resizes, many lines', () => {
		const all = unpatched.written.flatMap((step) => step.flat()).join('');
		expect(all).toContain('\u001B[31m');
		expect(all).toContain('漢字');
		expect(all).toContain('🚀');
		expect(all).toContain('👩‍💻');
		expect(all).toContain('static 3 漢字');
		const frames = unpatched.written.map((step) => step[0]!.join(''));
		const widest = (frame: string) =>
			Math.max(
				0,
				...frame
					.replaceAll(sgr, '')
					.split('\n')
					.map((line) => stringWidth(line)),
			);
		const widths = new Set(
			frames.filter(Boolean).map((frame) => widest(frame)),
		);
		expect(widths).toContain(100);
		expect(widths).toContain(60);
		expect(widths).toContain(120);
		expect(widths).toContain(40);
		expect(unpatched.written.length).toBeGreaterThan(90);
	});

	test('every write of every frame, on both screens, is the same string', () => {
		expect(patched.written.length).toBe(unpatched.written.length);
		for (const [step, screens] of unpatched.written.entries()) {
			expect(patched.written[step], `step ${step}`).toEqual(screens);
		}
	});
});
