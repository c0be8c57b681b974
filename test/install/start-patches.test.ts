import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {pathToFileURL} from 'node:url';
import {fc, test as property} from '@fast-check/vitest';
import {build} from 'esbuild';
import stringWidth from 'string-width';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {bundleOptions} from '../../scripts/bundle-options.mjs';
import {patchStartSource, startPatches} from '../../scripts/start-patches.mjs';

// Two dependencies are patched in the bundle so the first frame does not wait for them
// (scripts/start-patches.mjs): yoga's WebAssembly is read without fetch() (which loaded undici), and
// string-width compiles its RGI_Emoji expression only for a grapheme that may be an emoji.
const root = path.resolve(import.meta.dirname, '../..');
let folder: string;
beforeAll(() => {
	folder = fs.mkdtempSync(path.join(os.tmpdir(), 'start-patches-'));
});
afterAll(() => {
	fs.rmSync(folder, {recursive: true, force: true});
});

/**
Bundles `contents` exactly as the CLI is bundled (`patched: false`: without any of the patches),
into one file; returns its path.
*/
async function bundle(
	name: string,
	contents: string,
	{patched = true} = {},
): Promise<string> {
	const outfile = path.join(folder, `${name}.mjs`);
	await build({
		...bundleOptions(),
		...(patched ? {} : {plugins: []}),
		absWorkingDir: root,
		entryPoints: undefined,
		stdin: {contents, resolveDir: root, loader: 'js'},
		outdir: undefined,
		outbase: undefined,
		outfile,
		splitting: false,
		sourcemap: false,
		legalComments: 'none',
		logLevel: 'silent',
	});
	return outfile;
}

/** Runs a bundled scene: it must exit cleanly and print nothing else than its one JSON line. */
function runBundled(file: string): unknown {
	const result = spawnSync(process.execPath, [file], {
		encoding: 'utf8',
		timeout: 30_000,
	});
	expect(result.stderr).toBe('');
	expect(result.status).toBe(0);
	return JSON.parse(result.stdout) as unknown;
}

/**
Loads yoga as the CLI bundle does, with every fetch() recorded (and refused, so a fetch cannot be
what made the layout work), then lays out a row of two children.
*/
const yogaScene = `
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

/** What `run` returns, and how many times it had Intl.Segmenter split a text (put back after). */
function countingSegments<T>(run: () => T): {result: T; segmented: number} {
	const {segment} = Intl.Segmenter.prototype;
	let segmented = 0;
	Intl.Segmenter.prototype.segment = function (
		this: Intl.Segmenter,
		text: string,
	) {
		segmented++;
		return segment.call(this, text);
	};

	try {
		return {result: run(), segmented};
	} finally {
		Intl.Segmenter.prototype.segment = segment;
	}
}

describe('yoga in the bundle', () => {
	test('lays out without ever calling fetch()', async () => {
		const file = await bundle('yoga-scene', yogaScene);
		const printed = runBundled(file);
		const output = printed as {
			fetched: string[];
			grow: {left: number; width: number; height: number};
		};
		expect(output.fetched).toEqual([]);
		expect(output.grow).toMatchObject({left: 30, width: 70, height: 10});
	});
});

describe('string-width in the bundle', () => {
	type Width = (
		text: string,
		options?: {ambiguousIsNarrow?: boolean},
	) => number;
	let bundledWidth: Width;
	beforeAll(async () => {
		const file = await bundle(
			'string-width',
			"export {default} from 'string-width';",
		);
		({default: bundledWidth} = (await import(pathToFileURL(file).href)) as {
			default: Width;
		});
	});

	/** The RGI_Emoji expressions `measure` asks, by `RegExp.prototype.test`. */
	function rgiEmojiTests(measure: () => void): number {
		const {test: original} = RegExp.prototype;
		let count = 0;
		// eslint-disable-next-line no-extend-native -- watched for the length of one call, then restored
		RegExp.prototype.test = function (this: RegExp, text: string) {
			if (this.source.includes('RGI_Emoji')) {
				count++;
			}

			return original.call(this, text);
		};

		try {
			measure();
		} finally {
			// eslint-disable-next-line no-extend-native -- restored
			RegExp.prototype.test = original;
		}

		return count;
	}

	test('measures the first screen’s glyphs without asking the RGI_Emoji expression', () => {
		const glyphs = [
			'─ servers ──────',
			'▸ quiet-01  ● connected  127.0.0.1:4000  3m12s  1ms  120',
			'◌ reconnecting · #3 in 4s … ✕ stale › ↑↓ ⏎',
		];
		let widths: number[] = [];
		expect(
			rgiEmojiTests(() => {
				widths = glyphs.map((text) => bundledWidth(text));
			}),
		).toBe(0);
		expect(widths).toEqual(glyphs.map((text) => stringWidth(text)));
	});

	test('still asks it about emoji, and measures them as before', () => {
		const emoji = ['⌚', '👍🏽', '🇫🇷', '#️⃣', '👩‍💻', '🏴󠁧󠁢󠁳󠁣󠁴󠁿', '❤️'];
		let widths: number[] = [];
		expect(
			rgiEmojiTests(() => {
				widths = emoji.map((text) => bundledWidth(text));
			}),
		).toBeGreaterThan(0);
		expect(widths).toEqual(emoji.map((text) => stringWidth(text)));
	});

	test('builds the RGI_Emoji expression only when an emoji needs it', async () => {
		// In a process of its own, so the module is imported fresh under the watch. The bundle writes
		// the expression as `new RegExp(…)` (Node 20 target), so every one built is seen here.
		const file = await bundle(
			'string-width-scene',
			`
const Native = RegExp;
let built = 0;
globalThis.RegExp = new Proxy(Native, {
	construct(target, arguments_) {
		if (String(arguments_[0]).includes('RGI_Emoji')) {
			built++;
		}

		return Reflect.construct(target, arguments_);
	},
});
const {default: width} = await import('string-width');
const atImport = built;
width('─ servers ── ▸ ● connected · 3m12s … ✕ ↑↓');
const afterGlyphs = built;
width('👍🏽 ⌚');
console.log(JSON.stringify({atImport, afterGlyphs, afterEmoji: built}));
`,
		);
		const printed = runBundled(file);
		expect(printed).toEqual({
			atImport: 0,
			afterGlyphs: 0,
			afterEmoji: 1,
		});
	});

	test('measures text of standalone characters without the segmenter', () => {
		const glyphs = ['─ servers ──', '▸ ● connected · 3m12s … ✕ ↑↓ ⏎ é'];
		const {result: widths, segmented} = countingSegments(() =>
			glyphs.map((text) => bundledWidth(text)),
		);
		expect(segmented).toBe(0);
		expect(widths).toEqual(glyphs.map((text) => stringWidth(text)));
	});

	// The fast path's premises, for every character it takes: each is a grapheme of its own beside
	// any other (so the per-grapheme path would add up one width per character), and that width is
	// the one the per-grapheme path gives it.
	test('every standalone character stands alone and keeps its width', () => {
		const standalone =
			/^[\u0020-\u007E\u00A0-\u00AC\u00AE-\u02FF\u2010-\u2027\u2030-\u205E\u2070-\u20CF\u2100-\u2BFF]$/;
		const emojiPresentation = /\p{Emoji_Presentation}/u;
		const graphemes = new Intl.Segmenter();
		const measure = bundledWidth;
		const wrong: string[] = [];
		for (let code = 0; code <= 0xff_ff; code++) {
			const character = String.fromCodePoint(code);
			if (!standalone.test(character)) {
				continue;
			}

			// Alone beside itself, another of the class, and ESC (tokenize walks those too).
			const parts = [
				...graphemes.segment(`x${character}${character}─\u001B${character}`),
			];
			// Emoji are measured the long way; only their segmenting matters here.
			const widthsAgree =
				emojiPresentation.test(character) ||
				[true, false].every(
					(ambiguousIsNarrow) =>
						measure(character, {ambiguousIsNarrow}) ===
						stringWidth(character, {ambiguousIsNarrow}),
				);
			if (parts.length !== 6 || !widthsAgree) {
				wrong.push(code.toString(16));
			}
		}

		expect(wrong).toEqual([]);
	});

	// The patch's premise, for this Node's Unicode data (the same engine answers both questions).
	test('every one-code-point RGI emoji has Emoji_Presentation', () => {
		// Built from a string: the `v` flag is newer than the TypeScript target (Node 20 has it).
		// eslint-disable-next-line prefer-regex-literals -- a literal with `v` does not compile for ES2022
		const rgiEmoji = new RegExp(String.raw`^\p{RGI_Emoji}$`, 'v');
		const emojiPresentation = /^\p{Emoji_Presentation}$/u;
		const missing: string[] = [];
		for (let codePoint = 0; codePoint <= 0x10_ff_ff; codePoint++) {
			if (codePoint >= 0xd8_00 && codePoint <= 0xdf_ff) {
				continue;
			}

			const text = String.fromCodePoint(codePoint);
			if (rgiEmoji.test(text) && !emojiPresentation.test(text)) {
				missing.push(codePoint.toString(16));
			}
		}

		expect(missing).toEqual([]);
	});

	property.prop(
		[
			fc.array(
				fc.oneof(
					fc.string({unit: 'grapheme'}),
					fc.string({unit: 'binary'}),
					fc.string({
						unit: fc.constantFrom(
							'─',
							'●',
							'▸',
							'é',
							'a',
							' ',
							'·',
							'…',
							'ʰ',
							'⁴',
						),
					}),
					fc.constantFrom('👍🏽', '🇫🇷', '#️⃣', '👩‍💻', 'é', '가', '漢', '\u0301'),
					// The edges of the standalone set, and what may stand next to it.
					fc.constantFrom(
						'\u00A0',
						'\u00AC',
						'\u00AD',
						'\u00AE',
						'\u02FF',
						'\u0300',
						'\u200D',
						'\uFE0F',
						'\u2027',
						'\u2028',
						'\u205E',
						'\u205F',
						'\u2060',
						'\u20CF',
						'\u20D0',
						'\u2BFF',
						'\u2C00',
						'─',
						'●',
						'⌚',
						'☀',
						'\u1100',
						'\u1161',
						'\u001B[31m',
					),
				),
				{maxLength: 8},
			),
		],
		{numRuns: 300},
	)('measures any text as the unpatched string-width does', (pieces) => {
		const text = pieces.join('');
		expect(bundledWidth(text)).toBe(stringWidth(text));
	});
});

/**
Imports meow as the CLI bundle does, counting `localeCompare` calls (spdx-correct sorts its tables
with it when normalize-package-data is required), then reads `cli.pkg`, which normalizes.
*/
const meowScene = `
const {localeCompare} = String.prototype;
let compares = 0;
String.prototype.localeCompare = function (...arguments_) {
	compares++;
	return localeCompare.apply(this, arguments_);
};
const {default: meow} = await import('meow');
const atImport = compares;
const cli = meow('Usage: x', {
	importMeta: import.meta,
	argv: ['--port', '8'],
	flags: {port: {type: 'number'}},
	pkg: {name: 'x', version: '1.2.3', license: 'MIT'},
});
console.log(JSON.stringify({atImport, flags: cli.flags, id: cli.pkg._id}));
`;

describe('meow in the bundle', () => {
	test('loads normalize-package-data only when cli.pkg is read', async () => {
		const file = await bundle('meow-scene', meowScene);
		const printed = runBundled(file);
		expect(printed).toEqual({
			atImport: 0,
			flags: {port: 8},
			id: 'x@1.2.3',
		});
	});
});

describe('ansi-tokenize in the bundle', () => {
	type Tokenizer = {
		tokenize(text: string): unknown[];
		styledCharsFromTokens(tokens: unknown[]): unknown[];
		styledCharsToString(chars: unknown[]): string;
	};
	let bundled: Tokenizer;
	let original: Tokenizer;
	beforeAll(async () => {
		const file = await bundle(
			'ansi-tokenize',
			"export * from '@alcalzone/ansi-tokenize';",
		);
		bundled = (await import(pathToFileURL(file).href)) as Tokenizer;
		const unpatched = await bundle(
			'ansi-tokenize-unpatched',
			"export * from '@alcalzone/ansi-tokenize';",
			{patched: false},
		);
		original = (await import(pathToFileURL(unpatched).href)) as Tokenizer;
	});

	const rowText = (tokenizer: Tokenizer, text: string) =>
		tokenizer.styledCharsToString(
			tokenizer.styledCharsFromTokens(tokenizer.tokenize(text)),
		);

	test('writes a screen row as before', () => {
		const row =
			'\u001B[1m\u001B[36m shipyard\u001B[39m\u001B[22m\u001B[2m · \u001B[22m~/reg.json   \u001B[7m \u001B[27m';
		expect(rowText(bundled, row)).toBe(rowText(original, row));
		expect(rowText(bundled, '   ')).toBe('   ');
	});

	test('walks text of standalone characters and escapes without the segmenter', () => {
		const row = '\u001B[2m─ servers ──\u001B[22m ● connected · é';
		const {result: cells, segmented} = countingSegments(() =>
			bundled.styledCharsFromTokens(bundled.tokenize(row)),
		);
		expect(segmented).toBe(0);
		expect(cells).toEqual(
			original.styledCharsFromTokens(original.tokenize(row)),
		);
	});

	test('the cells of one run of text share its codes', () => {
		const cells = bundled.styledCharsFromTokens(
			bundled.tokenize('\u001B[31mred\u001B[39m plain'),
		) as Array<{styles: unknown[]}>;
		expect(cells).toHaveLength(9);
		expect(cells[1]!.styles).toBe(cells[0]!.styles);
		expect(cells[2]!.styles).toBe(cells[0]!.styles);
		expect(cells[4]!.styles).toBe(cells[3]!.styles);
		expect(cells[0]!.styles).not.toBe(cells[3]!.styles);
	});

	test('works out no codes between cells of one style', async () => {
		// In a process of its own: every Set made while one row is written is counted (the codes
		// between two cells are worked out with three of them, and written with a fourth).
		const file = await bundle(
			'ansi-tokenize-scene',
			String.raw`
import {styledCharsFromTokens, styledCharsToString, tokenize} from '@alcalzone/ansi-tokenize';
const row = styledCharsFromTokens(tokenize('\u001B[2m' + '─'.repeat(60) + '\u001B[22m' + ' '.repeat(60)));
const Native = Set;
let sets = 0;
globalThis.Set = new Proxy(Native, {
	construct(target, arguments_) {
		sets++;
		return Reflect.construct(target, arguments_);
	},
});
const text = styledCharsToString(row);
globalThis.Set = Native;
console.log(JSON.stringify({sets, length: text.length}));
`,
		);
		const printed = runBundled(file);
		// The first cell's style, the change at the end of the rule, the reset after the last cell.
		const {sets, length} = printed as {
			sets: number;
			length: number;
		};
		expect(length).toBe(129);
		expect(sets).toBeLessThanOrEqual(5);
	});

	property.prop(
		[
			fc.array(
				fc.oneof(
					fc.constantFrom(
						'\u001B[1m',
						'\u001B[2m',
						'\u001B[22m',
						'\u001B[31m',
						'\u001B[39m',
						'\u001B[38;5;208m',
						'\u001B[38;2;1;2;3m',
						'\u001B[7m',
						'\u001B[27m',
						'\u001B[4m',
						'\u001B[24m',
						'\u001B[0m',
						'\u001B]8;;https://x.test\u0007',
						'\u001B]8;;\u0007',
					),
					fc.string({
						unit: fc.constantFrom(
							'a',
							' ',
							'─',
							'漢',
							'é',
							'⌚',
							'\u0301',
							'\r',
							'\n',
						),
					}),
					fc.string({unit: 'grapheme'}),
				),
				{maxLength: 20},
			),
		],
		{numRuns: 300},
	)('cuts and writes any styled text as the unpatched one does', (pieces) => {
		const text = pieces.join('');
		expect(bundled.tokenize(text)).toEqual(original.tokenize(text));
		expect(bundled.styledCharsFromTokens(bundled.tokenize(text))).toEqual(
			original.styledCharsFromTokens(original.tokenize(text)),
		);
		expect(rowText(bundled, text)).toBe(rowText(original, text));
	});
});

describe('the patches', () => {
	const files = [...new Set(startPatches.map((patch) => patch.file))];
	// The top-level copy: the one the plugin patches.
	const installed = (file: string) =>
		fs.readFileSync(path.join(root, 'node_modules', file), 'utf8');

	test.each(files)(
		'all of %s’s patches match the installed file once',
		(file) => {
			const patched = patchStartSource(file, installed(file));
			for (const patch of startPatches.filter((item) => item.file === file)) {
				expect(patched).toContain(patch.replace);
				expect(patched).toContain(patch.append ?? '');
			}
		},
	);

	test('a patch that no longer matches fails, naming itself', () => {
		const [first] = startPatches;
		expect(() => patchStartSource(first!.file, 'export default 1;')).toThrow(
			`start patch "${first!.why}" matched 0 times in ${first!.file}`,
		);
	});
});
