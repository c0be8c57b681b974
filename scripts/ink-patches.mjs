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
// same: test/install/ink-differential.test.ts renders one sequence of frames (colour, wide
// characters, emoji, resizes, thousands of lines) through patched and unpatched Ink and compares
// every byte. The memos that carry over between frames belong to one Ink instance (its root node):
// two instances never share them, and they go when the instance goes.
//
// Each patch must match Ink's text exactly once: a new Ink version that no longer matches fails the
// build (and test/install/ink-patches.test.ts) instead of silently shipping unpatched. That is why
// package.json pins `ink` to one exact version, not a range: update it on purpose, then rerun
// `npm test` (both tests above) and adjust the patches here.
import fs from 'node:fs/promises';

/** Entries kept by a bounded cache before it starts afresh: a screen's worth many times over. */
const limit = 2000;

export const inkPatches = [
	{
		file: 'ink/build/output.js',
		why: 'text caches carry over from one frame to the next, per Ink instance',
		find: `    caches = new OutputCaches();
    constructor(options) {
        const { width, height } = options;`,
		replace: `    caches;
    constructor(options) {
        const { width, height } = options;
        this.caches = shipyardNextCaches(options.shipyardOwner);`,
		// Each frame's caches look up the last frame's before working anything out, and only two
		// frames are kept: what stays on screen is never redone, and a flood's old lines are let go.
		// The last frame's caches are found through the node that owns the output (renderer.js
		// passes it), in a WeakMap: per Ink instance, and collected with it.
		append: `
class ShipyardCaches extends OutputCaches {
	shipyardPrevious;
	textWidths = new Map();
	rows = [];
	getStyledChars(line) {
		let cached = this.styledChars.get(line);
		if (cached === undefined) {
			cached = this.shipyardPrevious?.styledChars.get(line) ?? super.getStyledChars(line);
			this.styledChars.set(line, cached);
		}
		return cached;
	}
	getStringWidth(text) {
		let cached = this.widths.get(text);
		if (cached === undefined) {
			cached = this.shipyardPrevious?.widths.get(text) ?? super.getStringWidth(text);
			this.widths.set(text, cached);
		}
		return cached;
	}
	getWidestLine(text) {
		let cached = this.blockWidths.get(text);
		if (cached === undefined) {
			cached = this.shipyardPrevious?.blockWidths.get(text) ?? super.getWidestLine(text);
			this.blockWidths.set(text, cached);
		}
		return cached;
	}
	// render-node-to-output.js measures every text node with widest-line; its answer is kept.
	shipyardWidestLine(text, measure) {
		let cached = this.textWidths.get(text);
		if (cached === undefined) {
			cached = this.shipyardPrevious?.textWidths.get(text) ?? measure(text);
			this.textWidths.set(text, cached);
		}
		return cached;
	}
	// A row made of the very same cells as that row last frame has the same text. Cells are shared
	// read-only objects (from the styled-chars cache, or the frozen blank cell), so the same object
	// means the same character and style.
	shipyardRowText(index, cells) {
		const previous = this.shipyardPrevious?.rows[index];
		if (previous !== undefined && previous.cells.length === cells.length && previous.cells.every((cell, at) => cell === cells[at])) {
			this.rows[index] = previous;
			return previous.text;
		}
		const text = styledCharsToString(cells).trimEnd();
		this.rows[index] = {cells, text};
		return text;
	}
}
const shipyardLastCaches = new WeakMap();
function shipyardNextCaches(owner) {
	const next = new ShipyardCaches();
	if (owner === undefined) {
		return next;
	}
	const last = shipyardLastCaches.get(owner);
	if (last !== undefined) {
		last.shipyardPrevious = undefined;
		next.shipyardPrevious = last;
	}
	shipyardLastCaches.set(owner, next);
	return next;
}`,
	},
	{
		file: 'ink/build/output.js',
		why: 'blank cells share one frozen object instead of one per cell per frame',
		find: `row.push({
                    type: 'char',
                    value: ' ',
                    fullWidth: false,
                    styles: [],
                });`,
		replace: 'row.push(shipyardBlankCell);',
		// Frozen: every blank cell of every row is this one object, so a write to it would change them
		// all (and the row memo compares cells by identity); frozen, such a write throws instead.
		// Its empty `styles` array is left unfrozen: ansi-tokenize maps and filters every cell's styles
		// on every frame, and a frozen array there cost ~10 % more CPU per frame (measured on a
		// scrolling 120×40 screen); nothing in Ink or ansi-tokenize writes to a cell's styles.
		append: `
const shipyardBlankCell = Object.freeze({type: 'char', value: ' ', fullWidth: false, styles: []});`,
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
            return this.caches.shipyardRowText(rowIndex, lineWithoutEmptyItems);`,
	},
	{
		file: 'ink/build/renderer.js',
		why: "the screen's output keeps its caches with its Ink instance (the root node)",
		find: `        const output = new Output({
            width: node.yogaNode.getComputedWidth(),`,
		replace: `        const output = new Output({
            shipyardOwner: node,
            width: node.yogaNode.getComputedWidth(),`,
	},
	{
		file: 'ink/build/renderer.js',
		why: "<Static>'s output keeps its own caches, apart from the screen's",
		find: `            staticOutput = new Output({
                width: node.staticNode.yogaNode.getComputedWidth(),`,
		replace: `            staticOutput = new Output({
                shipyardOwner: node.staticNode,
                width: node.staticNode.yogaNode.getComputedWidth(),`,
	},
	{
		file: 'ink/build/render-node-to-output.js',
		why: "a text node's widest line is measured once while it stays on screen, not on every frame",
		find: 'const currentWidth = widestLine(text);',
		replace:
			'const currentWidth = output.caches.shipyardWidestLine(text, widestLine);',
	},
	// Ink's own module-level caches, pure functions of their text (the same answer for any instance):
	// they stay where Ink keeps them, only bounded.
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
