// Changes to Ink's renderer, applied when the CLI is bundled (never to node_modules).
//
// Ink rebuilds the whole screen on every frame, and most of that cost is measuring and tokenising
// text that did not change: its per-frame caches are thrown away with each frame, and the widest
// line of every text node is measured afresh. Keeping those caches across frames took a redraw of
// a 120×40 screen from ~11 ms to ~4 ms (`npm run bench`; idle CPU 2.3 % → 1.7 %).
// Ink also keeps two caches keyed by text that never forget; under a flood every new message line
// is a new key, so they are bounded here.
//
// Every change is a pure memo of a pure function or a shared read-only value, so the screen is the
// same. Each must match exactly once: a new Ink version that no longer matches fails the build
// (and test/install/ink-patches.test.ts) instead of silently shipping unpatched.
import fs from 'node:fs/promises';

/** Entries kept by a bounded cache before it starts afresh: a screen's worth many times over. */
const limit = 2000;

export const inkPatches = [
	{
		file: 'ink/build/output.js',
		why: 'text caches carry over from one frame to the next',
		find: 'caches = new OutputCaches();',
		replace: 'caches = shipyardNextCaches();',
		// Each frame's caches look up the last frame's before working anything out, and only two
		// frames are kept: what stays on screen is never redone, and a flood's old lines are let go.
		append: `
class ShipyardCaches extends OutputCaches {
	previous;
	getStyledChars(line) {
		let cached = this.styledChars.get(line);
		if (cached === undefined) {
			cached = this.previous?.styledChars.get(line) ?? super.getStyledChars(line);
			this.styledChars.set(line, cached);
		}
		return cached;
	}
	getStringWidth(text) {
		let cached = this.widths.get(text);
		if (cached === undefined) {
			cached = this.previous?.widths.get(text) ?? super.getStringWidth(text);
			this.widths.set(text, cached);
		}
		return cached;
	}
	getWidestLine(text) {
		let cached = this.blockWidths.get(text);
		if (cached === undefined) {
			cached = this.previous?.blockWidths.get(text) ?? super.getWidestLine(text);
			this.blockWidths.set(text, cached);
		}
		return cached;
	}
}
let shipyardCaches;
function shipyardNextCaches() {
	const next = new ShipyardCaches();
	if (shipyardCaches !== undefined) {
		shipyardCaches.previous = undefined;
		next.previous = shipyardCaches;
	}
	shipyardCaches = next;
	return next;
}`,
	},
	{
		file: 'ink/build/output.js',
		why: 'blank cells share one read-only object instead of one per cell per frame',
		find: `row.push({
                    type: 'char',
                    value: ' ',
                    fullWidth: false,
                    styles: [],
                });`,
		replace: 'row.push(shipyardBlankCell);',
		append: `
const shipyardBlankCell = {type: 'char', value: ' ', fullWidth: false, styles: []};`,
	},
	{
		file: 'ink/build/output.js',
		why: 'a row made of the same cells as last frame reuses its text',
		find: `            .map(line => {
            // See https://github.com/vadimdemedes/ink/pull/564#issuecomment-1637022742
            const lineWithoutEmptyItems = line.filter(item => item !== undefined);
            return styledCharsToString(lineWithoutEmptyItems).trimEnd();`,
		replace: `            .map((line, rowIndex) => {
            const lineWithoutEmptyItems = line.filter(item => item !== undefined);
            return shipyardRowText(rowIndex, lineWithoutEmptyItems);`,
		append: `
let shipyardRows = [];
function shipyardRowText(index, cells) {
	const previous = shipyardRows[index];
	if (previous !== undefined && previous.cells.length === cells.length && previous.cells.every((cell, at) => cell === cells[at])) {
		return previous.text;
	}
	const text = styledCharsToString(cells).trimEnd();
	shipyardRows[index] = {cells, text};
	return text;
}`,
	},
	{
		file: 'ink/build/render-node-to-output.js',
		why: "a text node's widest line is measured once, not on every frame",
		find: 'const currentWidth = widestLine(text);',
		replace: 'const currentWidth = shipyardWidestLine(text);',
		append: `
let shipyardWidths = new Map();
function shipyardWidestLine(text) {
	let width = shipyardWidths.get(text);
	if (width === undefined) {
		if (shipyardWidths.size >= ${limit}) {
			shipyardWidths = new Map();
		}
		width = widestLine(text);
		shipyardWidths.set(text, width);
	}
	return width;
}`,
	},
	{
		file: 'ink/build/measure-text.js',
		why: 'bounded: it kept every text ever measured',
		find: '    cache.set(text, dimensions);',
		replace: `    if (cache.size >= ${limit}) {
        cache.clear();
    }
    cache.set(text, dimensions);`,
	},
	{
		file: 'ink/build/wrap-text.js',
		why: 'bounded: it kept every text ever truncated',
		find: 'const cache = {};',
		replace: 'let cache = {};\nlet shipyardCacheSize = 0;',
	},
	{
		file: 'ink/build/wrap-text.js',
		why: 'bounded: it kept every text ever truncated',
		find: '    cache[cacheKey] = wrappedText;',
		replace: `    if (++shipyardCacheSize > ${limit}) {
        cache = {};
        shipyardCacheSize = 1;
    }
    cache[cacheKey] = wrappedText;`,
	},
];

/** The patched text of one of Ink's files; throws if a patch does not match exactly once. */
export function patchSource(file, source) {
	let patched = source;
	const appended = [];
	for (const patch of inkPatches.filter((item) => item.file === file)) {
		const count = patched.split(patch.find).length - 1;
		if (count !== 1) {
			throw new Error(
				`Ink patch "${patch.why}" matched ${count} times in ${file} (expected once): Ink has changed; review scripts/ink-patches.mjs`,
			);
		}

		patched = patched.replace(patch.find, () => patch.replace);
		if (patch.append) {
			appended.push(patch.append);
		}
	}

	return [patched, ...appended].join('\n');
}

/** The esbuild plugin: every patched file of Ink is loaded through `patchSource`. */
export function inkPatchesPlugin() {
	const files = [...new Set(inkPatches.map((patch) => patch.file))];
	return {
		name: 'shipyard-ink-patches',
		setup(build) {
			build.onLoad(
				{filter: /[\\/]ink[\\/]build[\\/][\w-]+\.js$/},
				async (arguments_) => {
					const normalized = arguments_.path.replaceAll('\\', '/');
					const file = files.find((name) =>
						normalized.endsWith(`/node_modules/${name}`),
					);
					if (file === undefined) {
						return undefined;
					}

					const source = await fs.readFile(arguments_.path, 'utf8');
					return {contents: patchSource(file, source), loader: 'js'};
				},
			);
		},
	};
}
